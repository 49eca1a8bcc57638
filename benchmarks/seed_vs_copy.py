"""Seed speed vs PostgreSQL's own COPY of the same rows, and the seed's peak memory.

    DATABASE_URL=postgres://root@127.0.0.1:5432/pg_bench .venv/bin/python benchmarks/seed_vs_copy.py --scale 1000000

Runs ``migrate`` on that database, then, on empty tables each time:
1. the rows, generated beforehand into files (not timed), loaded with a bare
   ``COPY … FROM STDIN`` per table in one transaction: the database's own rate;
2. ``playground.labkit.seeding.seed()`` (what ``manage.py seed`` runs): generate + write, one
   transaction, the same rows (same seed).
Peak memory: the process's max RSS, and tracemalloc's peak of Python allocations during a
separate 100k-row seed (tracemalloc slows Python, so it is not on the timed run).
--keep leaves the seeded rows for benchmarks/admin_scale.py.
Prints rows/s of both and seed/COPY (target: at least 0.5).
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_HTTPS", "false")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from benchmarks.machine import machine  # noqa: E402
from playground.labkit import seeding  # noqa: E402
from playground.labkit.seeding.copy import COPY_CHUNK, copy_sql, copy_text  # noqa: E402


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_copy(counts, seed: int, models) -> tuple[float, float]:
    """(seconds, MB of text) for a bare COPY of the same rows, written to files first (untimed)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        ctx = seeding.SeedContext(using="default")
        first_pk = 1
        for spec, count in counts:
            ctx.new_pks[spec.label] = range(first_pk, first_pk + count)
            path = Path(tmp) / f"{spec.model._meta.db_table}.tsv"
            rows = spec.generate(ctx, random.Random(f"{seed}:{spec.label}"), first_pk, count)
            with path.open("w") as out:
                for batch in seeding._batches(spec, rows, count, seeding.DEFAULT_BATCH_SIZE, None):
                    out.write(copy_text(spec, batch))
            files.append((spec, path))
        seeding.reset_tables(models)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for spec, path in files:
                with path.open() as stream:
                    cursor.copy_expert(copy_sql(connection, spec), stream, COPY_CHUNK)
        copy_seconds = time.perf_counter() - started
        size_mb = sum(path.stat().st_size for _, path in files) / 1e6
    return copy_seconds, size_mb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000, help="blogs (authors: a tenth)")
    parser.add_argument("--seed", type=int, default=seeding.DEFAULT_SEED)
    parser.add_argument("--keep", action="store_true", help="leave the seeded rows in place")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark compares with PostgreSQL's COPY: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    counts = seeding.plan(args.scale)
    total = sum(count for _, count in counts)
    models = [spec.model for spec, _ in counts]
    print(f"Machine: {machine()}")
    print(f"Rows: {', '.join(f'{c:,} {s.label}' for s, c in counts)} = {total:,}")

    # tracemalloc slows Python down, so its peak comes from a separate, untimed 100k-row run.
    sample = seeding.plan(min(args.scale, 100_000))
    tracemalloc.start()
    seeding.seed(sample, seed=args.seed, reset=True)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # 1. Bare COPY of the same rows.
    copy_seconds, size_mb = bare_copy(counts, args.seed, models)

    # 2. The seed (what `manage.py seed --reset` runs), on emptied tables. Generating the
    # files above streamed batch by batch too, so max RSS is the seed's high-water mark
    # or that of the generation step, whichever was higher.
    seeding.reset_tables(models)
    started = time.perf_counter()
    report = seeding.seed(counts, seed=args.seed)
    seed_seconds = time.perf_counter() - started
    rss = max_rss_mb()
    if not args.keep:
        seeding.reset_tables(models)

    seed_rate, copy_rate = total / seed_seconds, total / copy_seconds
    print(f"COPY of the same rows ({size_mb:,.0f} MB of text): {copy_seconds:7.1f} s  {copy_rate:12,.0f} rows/s")
    print(f"manage.py seed ({report.method}):            {seed_seconds:7.1f} s  {seed_rate:12,.0f} rows/s")
    print(f"  per table: {', '.join(f'{k} {v:.1f}s' for k, v in report.seconds.items())}")
    print(f"Ratio seed/COPY: {seed_rate / copy_rate:.2f}  (target >= 0.5)")
    print(
        f"Peak memory: process max RSS {rss:,.0f} MB (Django and all imports included); "
        f"Python allocations peak {traced_peak / 1e6:,.1f} MB during a {sum(c for _, c in sample):,}-row seed"
    )


if __name__ == "__main__":
    main()
