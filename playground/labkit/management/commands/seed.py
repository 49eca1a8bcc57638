import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from playground.labkit import seeding


def parse_count(text: str) -> tuple[str, int]:
    label, sep, number = text.partition("=")
    if not sep or not number.strip().lstrip("-").isdigit():
        raise ValueError(f"--count wants app_label.Model=N, got {text!r}")
    return label.strip(), int(number)


class Command(BaseCommand):
    help = (
        "Generate realistic volume for every lab's core tables (repeatable with --seed). "
        "--scale is the number of blogs; other tables follow their ratio (authors: 1 per 10 blogs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1000, help="Rows of the main table (blogs). Default 1000.")
        parser.add_argument(
            "--count",
            action="append",
            default=[],
            metavar="app_label.Model=N",
            help="Exact row count for one model, e.g. --count relations.Author=50 (repeatable).",
        )
        parser.add_argument("--only", action="append", metavar="app_label.Model", help="Seed only these models.")
        parser.add_argument("--seed", type=int, default=seeding.DEFAULT_SEED, help="Random seed: same seed, same rows.")
        parser.add_argument("--reset", action="store_true", help="Empty the seeded tables first.")
        parser.add_argument("--batch-size", type=int, default=seeding.DEFAULT_BATCH_SIZE)
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            overrides = dict(parse_count(text) for text in options["count"])
            counts = seeding.plan(options["scale"], overrides, options["only"])
        except (ValueError, seeding.SeedError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            "Seeding " + ", ".join(f"{count:,} {spec.label}" for spec, count in counts) + f" (seed {options['seed']})"
        )
        started = time.perf_counter()
        try:
            report = seeding.seed(
                counts,
                seed=options["seed"],
                reset=options["reset"],
                batch_size=options["batch_size"],
                using=options["database"],
                progress=self.progress,
            )
        except (seeding.SeedError, DatabaseError) as err:
            raise CommandError(f"Seeding failed, nothing was written: {err}") from err
        elapsed = time.perf_counter() - started
        for label, count in report.created.items():
            self.stdout.write(f"  {label}: {count:,} rows in {report.seconds[label]:.1f}s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {report.total:,} rows in {elapsed:.1f}s ({report.total / max(elapsed, 1e-9):,.0f} rows/s, "
                f"{report.method})."
            )
        )

    def progress(self, label: str, done: int, total: int) -> None:
        # A progress bar on a terminal; one line per model when the output is a file or a test.
        width = 30
        filled = width * done // total if total else width
        line = f"  {label:<24} [{'#' * filled}{'.' * (width - filled)}] {done:>11,}/{total:,}"
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="" if done < total else "\n")
            self.stdout.flush()
        elif done == total:
            self.stdout.write(line)
