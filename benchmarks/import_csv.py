"""A 10,000-row blog CSV through the admin's import flow vs bulk_create of the same rows.

    .venv/bin/python benchmarks/import_csv.py                    # SQLite
    DATABASE_URL=postgres://root@127.0.0.1:5432/pg_dataio_bench .venv/bin/python benchmarks/import_csv.py

Runs in a throwaway test database (created and dropped here). The import flow is what the
admin does: parse the file, ``import_data(dry_run=True)`` for the preview, parse again and
``import_data(dry_run=False)`` on confirm — both passes are timed. It is measured with the
resource as configured (``BlogResource``) and with bulk mode (``use_bulk``: bulk_create per
batch, which skips ``save()`` and signals). The baseline is the cheapest correct load of the
same rows through the ORM: csv module + one author lookup + ``bulk_create``.
The flows take turns for --rounds rounds and the best round of each is printed (the machine
may be shared). Peak memory comes from separate tracemalloc runs (tracemalloc slows Python).
"""

import argparse
import csv
import io
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_HTTPS", "false")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.dateparse import parse_datetime  # noqa: E402

from benchmarks.machine import machine  # noqa: E402
from playground.labkit import seeding  # noqa: E402
from playground.labkit.data_io import CSV  # noqa: E402
from relations.models import Author, Blog  # noqa: E402
from relations.resources import BlogBulkResource, BlogResource  # noqa: E402


def make_csv(rows: int, emails: list[str]) -> bytes:
    rng = random.Random(10)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "body", "status", "published_at", "views", "author", "editor"])
    for i in range(rows):
        published = rng.random() < 0.7
        writer.writerow(
            [
                f"Imported blog {i}",
                "A body of a few words about indexes and queries.",
                "published" if published else "draft",
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:00:00+00:00" if published else "",
                rng.randint(0, 5000),
                rng.choice(emails),
                rng.choice(emails) if rng.random() < 0.3 else "",
            ]
        )
    return out.getvalue().encode("utf-8")


TIMES = {}
CLIENT = None


def admin_flow(resource_class, content: bytes):
    """Preview (dry run) then confirm, as ImportMixin.import_action / process_import do."""
    fmt = CSV(encoding="utf-8-sig")
    started = time.perf_counter()
    preview = resource_class().import_data(fmt.create_dataset(content), dry_run=True, raise_errors=False)
    TIMES["preview"] = time.perf_counter() - started
    problems = preview.base_errors[:1] or [(r.number, r.error_dict) for r in preview.invalid_rows[:2]]
    assert not preview.has_errors() and not preview.has_validation_errors(), problems
    result = resource_class().import_data(
        fmt.create_dataset(content),
        dry_run=False,
        raise_errors=False,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=True,
    )
    assert result.totals["new"] == preview.totals["new"]
    TIMES["confirm"] = time.perf_counter() - started - TIMES["preview"]
    return result


def admin_views_flow(resource_index: int, content: bytes):
    """The same two steps through the real admin views: upload form, preview page, Confirm.

    Adds what the admin does around import_data: the form, the temporary file, rendering
    the preview page, the LogEntry rows written on confirm, the redirect.
    """
    started = time.perf_counter()
    response = CLIENT.post(
        reverse("admin:relations_blog_import"),
        {"resource": str(resource_index), "format": "0", "import_file": SimpleUploadedFile("blogs.csv", content)},
    )
    TIMES["preview"] = time.perf_counter() - started
    form = response.context["confirm_form"]
    assert form is not None, "the preview offered no Confirm button"
    response = CLIENT.post(
        reverse("admin:relations_blog_process_import"), {name: form.initial.get(name, "") for name in form.fields}
    )
    assert response.status_code == 302, response.status_code
    TIMES["confirm"] = time.perf_counter() - started - TIMES["preview"]


def bulk_create_flow(content: bytes):
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    emails = {r["author"] for r in rows} | {r["editor"] for r in rows if r["editor"]}
    authors = dict(Author.objects.filter(email__in=emails).values_list("email", "pk"))
    Blog.objects.bulk_create(
        [
            Blog(
                title=r["title"],
                body=r["body"],
                status=r["status"],
                published_at=parse_datetime(r["published_at"]) if r["published_at"] else None,
                views=int(r["views"]),
                author_id=authors[r["author"]],
                editor_id=authors[r["editor"]] if r["editor"] else None,
            )
            for r in rows
        ],
        batch_size=1000,
    )


def timed(fn, *args):
    Blog.objects.all().delete()
    TIMES.clear()
    started = time.perf_counter()
    fn(*args)
    seconds = time.perf_counter() - started
    assert Blog.objects.count() == ROWS, Blog.objects.count()
    return seconds, dict(TIMES)


def peak_memory(fn, *args):
    Blog.objects.all().delete()
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    Blog.objects.all().delete()
    return peak


ROWS = 10_000


def main():
    global ROWS
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    ROWS = args.rows
    setup_test_environment()  # the test client records each response's template context
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        seeding.seed(seeding.plan(0, {"relations.Author": 1000}, only=["relations.Author"]), seed=1)
        content = make_csv(ROWS, list(Author.objects.values_list("email", flat=True)))
        print(f"Machine: {machine()}")
        print(f"File: {ROWS:,} blog rows, {len(content) / 1e6:.1f} MB of CSV, authors by email ({test_db})")
        global CLIENT
        CLIENT = Client()
        CLIENT.force_login(get_user_model().objects.create_superuser("bench", "bench@example.com", "bench"))
        flows = {
            "bulk_create (csv module + 1 author query)": (bulk_create_flow, content),
            "import_data: BlogResource (save() per row)": (admin_flow, BlogResource, content),
            "import_data: BlogBulkResource (use_bulk)": (admin_flow, BlogBulkResource, content),
            "admin views: BlogResource": (admin_views_flow, 0, content),
            "admin views: BlogBulkResource": (admin_views_flow, 1, content),
        }
        # The machine is shared: the flows take turns, round after round, and the best
        # round of each counts, so that a burst of someone else's load hits them alike.
        runs = {name: [] for name in flows}
        for _ in range(args.rounds):
            for name, (fn, *fn_args) in flows.items():
                runs[name].append(timed(fn, *fn_args))
        results = {}
        for name, (fn, *fn_args) in flows.items():
            seconds, split = min(runs[name], key=lambda run: run[0])
            results[name] = (seconds, peak_memory(fn, *fn_args), split)
        base_seconds = results["bulk_create (csv module + 1 author query)"][0]
        width = max(map(len, results))
        for name, (seconds, peak, split) in results.items():
            rate = ROWS / seconds
            line = f"{name:<{width}}  {seconds:6.2f} s  {rate:7,.0f} rows/s  ratio {base_seconds / seconds:4.2f}"
            if split:
                line += (
                    f"  (preview {split['preview']:.2f} s + confirm {split['confirm']:.2f} s;"
                    f" confirm alone: ratio {base_seconds / split['confirm']:4.2f})"
                )
            print(f"{line}  peak Python memory {peak / 1e6:5.1f} MB")
        print(
            f"Best of {args.rounds} rounds. Ratio = rows/s over rows/s of bulk_create (target >= 0.25). "
            f"File {len(content) / 1e6:.1f} MB; "
            "the preview lists outcomes without values above IMPORT_PREVIEW_DIFF_MAX_ROWS (1,000)."
        )
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
