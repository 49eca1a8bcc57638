"""How long the migration history takes: every app to zero and back, and reading the migrations page.

Runs on a throwaway database that Django creates and drops (never the playground's):
a temporary SQLite file by default, or ``bench_<name>`` next to the database that
DATABASE_URL names when it points at PostgreSQL.

    .venv/bin/python benchmarks/migrations_round_trip.py [--repeat 3]
    DATABASE_URL=postgres://root@127.0.0.1:5432/playground .venv/bin/python benchmarks/migrations_round_trip.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from playground.migrations_lab.history import read_history

    with tempfile.TemporaryDirectory() as tmp:
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(tmp) / "bench.sqlite3")
        else:
            test_settings["NAME"] = f"bench_{settings.DATABASES['default']['NAME']}"
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
            apps_with_migrations = sorted({app for app, _ in leaves})
            to_zero, back, reading = [], [], []
            for _ in range(args.repeat):
                to_zero.append(
                    timed(lambda: MigrationExecutor(connection).migrate([(a, None) for a in apps_with_migrations]))
                )
                back.append(timed(lambda: MigrationExecutor(connection).migrate(leaves)))
                reading.append(timed(read_history))
            call_command("migrate", verbosity=0)
            count = len(MigrationExecutor(connection).loader.graph.nodes)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(
        f"{connection.vendor}: {count} migrations in {len(apps_with_migrations)} apps; "
        f"{os.cpu_count()} CPUs ({cpu}); median of {args.repeat}"
    )
    print(f"  all apps to zero     {statistics.median(to_zero):6.2f} s")
    print(f"  back to the latest   {statistics.median(back):6.2f} s")
    print(
        f"  read the page's data {statistics.median(reading):6.2f} s  (history, operations and SQL of every migration)"
    )


if __name__ == "__main__":
    main()
