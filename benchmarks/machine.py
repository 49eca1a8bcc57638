"""The line every benchmark prints first: figures mean little without the machine they ran on.

"AMD EPYC, 2 CPUs" names two machines here whose speed differs by half, so the line also carries
a measured speed: the best of three runs of one fixed pure-Python loop. Compare a timing only with
one taken where that figure was about the same. ``python -m benchmarks.machine`` prints it alone
(no database needed), e.g. before quoting how long ``make test`` took.
"""

import os
import platform
import time

from django.db import connection

LOOP = 10_000_000


def python_loop_seconds(rounds: int = 3) -> float:
    """Seconds for LOOP additions in a Python loop, best of ``rounds``: one core's speed, in Python."""
    best = float("inf")
    for _ in range(rounds):
        started, total = time.perf_counter(), 0
        for i in range(LOOP):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def cpu() -> str:
    name = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    speed = f"{LOOP:,}-step Python loop {python_loop_seconds():.2f} s"
    return f"{os.cpu_count()} CPU(s), {name}, Python {platform.python_version()}, {speed}"


def machine() -> str:
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{minor}"
    else:
        database = f"{connection.display_name} {connection.Database.sqlite_version}"
    return f"{cpu()}, {database}"


if __name__ == "__main__":
    print(cpu())
