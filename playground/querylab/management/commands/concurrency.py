"""Run the concurrency lab's races from a terminal (PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError

from playground.querylab import concurrency


class Command(BaseCommand):
    help = (
        "Race N threads incrementing one counter K times (read-modify-write, F(), select_for_update()) "
        "and get_or_create() with and without a unique constraint. PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=4, help="threads per race (2-64, default 4)")
        parser.add_argument("--increments", type=int, default=25, help="increments per thread (default 25)")
        parser.add_argument("--pause-ms", type=float, default=1.0, help="pause between read and write (default 1)")

    def handle(self, *args, threads, increments, pause_ms, **options):
        if not 2 <= threads <= 64:
            raise CommandError(f"--threads must be between 2 and 64, not {threads}.")
        if increments < 1 or pause_ms < 0:
            raise CommandError("--increments must be at least 1 and --pause-ms at least 0.")
        try:
            report = concurrency.run_all(threads=threads, increments=increments, pause_ms=pause_ms)
        except concurrency.ConcurrencyUnavailable as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{threads} threads × {increments} increments of one counter:")
        for race in report.counters:
            line = (
                f"  {race.strategy:<20} final {race.final_value:>6} of {race.expected:<6} "
                f"lost {race.lost:>6}  {race.duration_ms:8.0f} ms"
            )
            self.stdout.write(self.style.ERROR(line) if race.lost else self.style.SUCCESS(line))
            for error in race.errors:
                self.stdout.write(self.style.WARNING(f"    {error}"))
        self.stdout.write(f"get_or_create() of one name from {report.get_or_create[0].threads} threads at once:")
        for race in report.get_or_create:
            line = f"  {race.model:<20} {race.rows} row(s), created=True for {race.created_by} thread(s)"
            self.stdout.write(self.style.SUCCESS(line) if race.rows == 1 else self.style.ERROR(line))
