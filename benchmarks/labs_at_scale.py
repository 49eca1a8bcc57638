"""Every lab page at 1,000 vs 1,000,000 blogs (PostgreSQL): each must answer within 2 s.

    DATABASE_URL=postgres://root@127.0.0.1:5432/pg_i12_scale .venv/bin/python benchmarks/labs_at_scale.py

Seeds the big scale (or reuses it), runs ANALYZE, times every registered lab page and the
async pages through Django's test client as a superuser (best and median of --repeat
requests after one warm-up), then reseeds the small scale and does the same. Prints both
times per page, their ratio, and flags a page over the 2 s target at the big scale.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_HTTPS", "false")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402

from benchmarks.machine import machine  # noqa: E402
from benchmarks.scale import bench_client, ensure_scale  # noqa: E402
from playground.labkit import labs  # noqa: E402

TARGET_S = 2.0


def pages():
    urls = {lab.title: ("get", reverse(f"admin:{lab.url_name}"), None) for lab in labs.all_labs()}
    urls["Query lab: one recipe (N+1, plain loop)"] = (
        "get",
        reverse("admin:lab-query-lab") + "?recipe=n-plus-one",
        None,
    )
    urls["Concurrency: a race (POST, defaults)"] = (
        "post",
        reverse("admin:lab-concurrency"),
        {"threads": 4, "increments": 25, "pause_ms": 1},
    )
    urls["Async ORM: listing"] = ("get", reverse("querylab-async:listing"), None)
    urls["Async ORM: sync vs async"] = ("get", reverse("querylab-async:compare"), None)
    urls["Async ORM: writes (POST)"] = ("post", reverse("querylab-async:writes"), {})
    return urls


def time_pages(client, repeat, urls):
    results = {}
    for name, (method, url, data) in urls.items():
        timings = []
        for i in range(repeat + 1):
            started = time.perf_counter()
            response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (name, url, response.status_code)
            if i >= 1:
                timings.append(elapsed)
        results[name] = (min(timings), statistics.median(timings))
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The labs-at-scale benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    client = bench_client()
    print(f"Machine: {machine()}")

    ensure_scale(args.big)
    big = time_pages(client, args.repeat, pages())
    ensure_scale(args.small)
    small = time_pages(client, args.repeat, pages())

    width = max(map(len, big))
    print(f"best (median) of {args.repeat} requests, seconds; {os.getloadavg()[0]:.1f} load average at the end")
    print(f"{'page':<{width}}  {args.small:>9,} blogs    {args.big:>9,} blogs     ratio")
    for name in big:
        ratio = big[name][0] / small[name][0]
        flag = "" if big[name][0] <= TARGET_S else f"   <-- over the {TARGET_S:g} s target"
        print(
            f"{name:<{width}}  {small[name][0]:6.2f} ({small[name][1]:5.2f})  "
            f"{big[name][0]:6.2f} ({big[name][1]:5.2f})  {ratio:5.1f}x{flag}"
        )
    slowest = max(big, key=lambda name: big[name][0])
    print(f"slowest at {args.big:,} blogs: {slowest}, {big[slowest][0]:.2f} s (target <= {TARGET_S:g} s)")


if __name__ == "__main__":
    main()
