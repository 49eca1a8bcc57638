"""Benchmark: the delete preview against the real delete, for a parent with many children.

    DATABASE_URL=postgres://root@127.0.0.1:5432/playground .venv/bin/python benchmarks/delete_preview.py

For 1,000 and 10,000 children of each kind (CASCADE, SET_NULL, DB_CASCADE) it times
- the real delete: ``parent.delete()`` in autocommit, i.e. including its COMMIT, on fresh rows
  each round;
- the preview: ``preview_instance_delete(parent)`` (run, observe, roll back) plus rendering
  its HTML, as the admin's delete confirmation page does;
and prints the best (minimum) and median of each, and the ratio of the minimums preview /
delete (the minimum is the least disturbed by other work on the machine). Target: ratio ≤ 2.
Rounds of the two alternate, so that a busy moment hits both alike.

The migrations must be applied to the database (``manage.py migrate``). The benchmark's rows
are created under a parent of its own and removed afterwards.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from playground.labkit.deletion import preview_instance_delete  # noqa: E402
from relations.models import CascadeChild, DbCascadeChild, DbParent, Parent, SetNullChild  # noqa: E402

KINDS = {
    "CASCADE": (Parent, CascadeChild, "cascade"),
    "SET_NULL": (Parent, SetNullChild, "set_null"),
    "DB_CASCADE": (DbParent, DbCascadeChild, "db_cascade"),
}
TARGET_RATIO = 2.0


def make_family(parent_model, child_model, fk_name, children):
    parent = parent_model.objects.create(name="Benchmark parent", slug=f"benchmark-{time.perf_counter_ns()}")
    child_model.objects.bulk_create(
        [child_model(name=f"Benchmark child {i}", **{fk_name: parent}) for i in range(children)], batch_size=2000
    )
    return parent


def time_both(kind, children, rounds):
    """Alternating rounds of the real delete (fresh rows each time) and of the preview."""
    parent_model, child_model, fk_name = KINDS[kind]
    deletes, previews = [], []
    for _ in range(rounds):
        parent = make_family(parent_model, child_model, fk_name, children)
        started = time.perf_counter()
        preview = preview_instance_delete(parent)
        render_to_string("labkit/includes/delete_preview.html", {"preview": preview})
        previews.append(time.perf_counter() - started)
        assert preview.would_succeed, preview.capture.exception
        assert child_model.objects.filter(**{fk_name: parent}).count() == children, "the preview changed data"
        started = time.perf_counter()
        parent.delete()
        deletes.append(time.perf_counter() - started)
        child_model.objects.filter(name__startswith="Benchmark child").delete()  # SET_NULL leaves them
    return deletes, previews


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kind", choices=list(KINDS), nargs="+", default=list(KINDS))
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print(f"Note: running on {connection.vendor}; the target is stated for PostgreSQL (set DATABASE_URL).")
    print(f"delete preview vs real delete on {connection.vendor}, {args.rounds} alternating rounds, times in ms")
    print(
        f"{'on_delete':<11} {'children':>8} {'delete min':>10} {'median':>7} {'preview min':>11} {'median':>7}"
        f" {'ratio':>6}  target ≤ {TARGET_RATIO}"
    )
    worst = 0.0
    for kind in args.kind:
        for children in args.children:
            time_both(kind, children, 1)  # warm-up: imports, URL resolver, templates, plans
            deletes, previews = time_both(kind, children, args.rounds)
            ratio = min(previews) / min(deletes)
            worst = max(worst, ratio)
            verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
            print(
                f"{kind:<11} {children:>8} {min(deletes) * 1000:>10.1f} {statistics.median(deletes) * 1000:>7.1f}"
                f" {min(previews) * 1000:>11.1f} {statistics.median(previews) * 1000:>7.1f} {ratio:>6.2f}  {verdict}"
            )
    print(f"worst ratio: {worst:.2f} ({'within' if worst <= TARGET_RATIO else 'over'} the target of {TARGET_RATIO})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
