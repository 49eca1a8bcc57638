"""Print the on_delete behaviour matrix, computed live on the current database."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from relations.matrix import compute_matrix


class Command(BaseCommand):
    help = (
        "For every on_delete option × instance.delete() / QuerySet.delete(): what happens to the children, "
        "the exception, what delete() returned, whether the children's signals fired, the SQL, and the "
        "ON DELETE clause in the live schema. Runs in rolled-back transactions: nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON list of objects instead of text.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: %(default)s).")

    def handle(self, *args, **options):
        using = options["database"]
        if using not in connections:
            raise CommandError(f"Unknown database alias {using!r}; configured: {', '.join(connections)}.")
        try:
            rows = compute_matrix(using=using)
        except DatabaseError as err:
            raise CommandError(f"Could not compute the matrix (are the migrations applied?): {err}") from err
        if options["json"]:
            self.stdout.write(json.dumps([row.as_dict() for row in rows], indent=2))
            return
        vendor = connections[using].vendor
        self.stdout.write(self.style.MIGRATE_HEADING(f"on_delete matrix on {vendor} (computed now, rolled back)"))
        for row in rows:
            via = "instance.delete()" if row.delete_via == "instance" else "QuerySet.delete()"
            self.stdout.write(self.style.SUCCESS(f"\n{row.on_delete} · {via}  ({row.child_model}.{row.field})"))
            self.stdout.write(f"  children:         {row.outcome}")
            self.stdout.write(f"  exception:        {row.exception or '-'}")
            if row.exception_message:
                self.stdout.write(f"  message:          {row.exception_message}")
            self.stdout.write(f"  delete() returned: {tuple(row.returned) if row.returned else '-'}")
            self.stdout.write(f"  children signals: {'fired' if row.children_signals else 'none'}")
            self.stdout.write(f"  ON DELETE:        {row.on_delete_sql or 'no constraint'}")
            self.stdout.write(f"  queries ({len(row.queries)}):")
            for number, sql in enumerate(row.queries, 1):
                self.stdout.write(f"    {number}. {sql}")
