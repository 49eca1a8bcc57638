"""What each index of the query lab buys on reads and costs on writes (PostgreSQL).

    DATABASE_URL=postgres://root@127.0.0.1:5432/playground .venv/bin/python benchmarks/indexes.py
    … --rows 200000 --reads 15 --writes 5000

For every index in ``playground.querylab.indexes.EXAMPLES`` (the definitions in
the models' ``Meta.indexes``), on a table seeded with ``--rows`` rows:

* read: the query the index serves, median wall time over ``--reads`` runs
  (``list(queryset)``, so the ORM's own cost is included), without and with it;
* write: inserting ``--writes`` more rows in one statement, median of three,
  without and with the index (each insert rolled back to a savepoint);
* the time to build the index and its size on disk.

Everything happens inside one transaction that is rolled back at the end: the
database is left exactly as it was (the migrations' indexes included).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from playground.querylab import indexes, ticket_rows  # noqa: E402


class Rollback(Exception):
    pass


def median_ms(fn, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def insert_ms(example, rows: int) -> float:
    """Median of three rolled-back inserts of ``rows`` rows."""
    samples = []
    for _ in range(3):
        sid = transaction.savepoint()
        started = time.perf_counter()
        example.seed(rows)
        samples.append((time.perf_counter() - started) * 1000)
        transaction.savepoint_rollback(sid)
    return statistics.median(samples)


def plan_node(example) -> str:
    first_line = example.query().explain().splitlines()
    return next((line.strip().lstrip("-> ").split("  (")[0] for line in first_line if "Scan" in line), "?")


def index_size(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_relation_size(%s::regclass))", [name])
        return cursor.fetchone()[0]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure(args) -> list[tuple]:
    """Each index: reads and writes without it and with it, its build time and size (all rolled back)."""
    results = []
    try:
        with transaction.atomic():
            for example in indexes.EXAMPLES:
                indexes.drop_index(example)
            for model in {e.model for e in indexes.EXAMPLES}:
                next(e for e in indexes.EXAMPLES if e.model is model).seed(args.rows)
                ticket_rows.analyze(model)
            for example in indexes.EXAMPLES:
                read_without = median_ms(lambda e=example: list(e.query()), args.reads)
                plan_without = plan_node(example)
                write_without = insert_ms(example, args.writes)
                build_started = time.perf_counter()
                with connection.schema_editor() as editor:
                    editor.add_index(example.model, example.index)
                build_ms = (time.perf_counter() - build_started) * 1000
                ticket_rows.analyze(example.model)
                read_with = median_ms(lambda e=example: list(e.query()), args.reads)
                plan_with = plan_node(example)
                write_with = insert_ms(example, args.writes)
                results.append(
                    (example, read_without, read_with, write_without, write_with, build_ms,
                     index_size(example.index_name), plan_without, plan_with)
                )  # fmt: skip
                indexes.drop_index(example)
            raise Rollback
    except Rollback:
        pass

    return results


def print_results(results: list[tuple]) -> None:
    header = (
        f"{'index':<28} {'kind':<10} {'read without':>12} {'read with':>10} {'speed-up':>9} "
        f"{'insert without':>14} {'with':>9} {'write cost':>10} {'build':>9} {'size':>8}"
    )
    print(header)
    print("-" * len(header))
    for example, r0, r1, w0, w1, build, size, _, _ in results:
        print(
            f"{example.index_name:<28} {example.kind:<10} {r0:>9.2f} ms {r1:>7.2f} ms {r0 / r1:>8.1f}× "
            f"{w0:>11.1f} ms {w1:>6.1f} ms {(w1 - w0) / w0 * 100:>+9.0f}% {build:>6.0f} ms {size:>8}"
        )
    print()
    for example, *_, plan_without, plan_with in results:
        print(f"{example.index_name}: {example.question}")
        print(f"    without: {plan_without}\n    with:    {plan_with}")
    print(
        "\nNotes: the partial index only takes the open tickets (1 in 20), so most inserts never touch it. "
        "A GIN index\nbuffers new rows in its pending list (fastupdate); (auto)vacuum merges them later, "
        "so part of its write cost\nis paid after the insert this measures."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows seeded per table (default 200000)")
    parser.add_argument("--reads", type=int, default=15, help="timed runs of each query (default 15)")
    parser.add_argument("--writes", type=int, default=5_000, help="rows per timed insert (default 5000)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print(f"This benchmark needs PostgreSQL (DATABASE_URL points at {connection.vendor}).", file=sys.stderr)
        return 2
    if args.rows < 1000 or args.reads < 1 or args.writes < 1:
        print("--rows must be at least 1000, --reads and --writes at least 1.", file=sys.stderr)
        return 2

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"PostgreSQL {version}; {os.cpu_count()} CPU(s), {cpu_model()}")
    print(
        f"{args.rows:,} rows per table; reads: median of {args.reads}; "
        f"writes: INSERT of {args.writes:,} rows, median of 3"
    )
    print()

    started = time.perf_counter()
    print_results(measure(args))
    print(f"\nTotal {time.perf_counter() - started:.1f} s; everything was rolled back.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
