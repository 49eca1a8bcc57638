"""What the AuthorBlogSummary changelist shows about its database view, read live from the database.

- ``view_definition()``: the view's SQL as the database keeps it (``sqlite_master`` on SQLite,
  ``pg_get_viewdef`` on PostgreSQL), so the page shows what is there, not what a file says.
- ``migration_steps()``: the migration that made it, step by step, as ``sqlmigrate`` would
  print it: a "Create model" that sends nothing (``managed = False``), then the CREATE VIEW.
- ``write_attempts()``: an INSERT, an UPDATE and a DELETE through the ORM, each rolled back,
  with the error the database answered.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations import Migration
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunSQL

from playground.labkit.capture import Capture, run
from playground.labkit.migration_sql import sqlmigrate_lines
from relations.models import Author, AuthorBlogSummary


def view_definition(model=AuthorBlogSummary, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The view's definition in the live schema, or None if there is no such view."""
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_viewdef(c.oid, true) FROM pg_class c WHERE c.relkind = 'v' AND c.relname = %s "
                "AND pg_catalog.pg_table_is_visible(c.oid)",
                [table],
            )
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = %s", [table])
        row = cursor.fetchone()
    return row[0].strip() if row else None


def migration_creating(loader: MigrationLoader, model=AuthorBlogSummary) -> Migration:
    """The migration whose RunSQL creates the model's view."""
    table = model._meta.db_table
    for _key, migration in sorted(loader.disk_migrations.items()):
        for op in migration.operations:
            if isinstance(op, RunSQL) and f"CREATE VIEW {table}" in str(op.sql):
                return migration
    raise LookupError(f"No migration creates the view {table}.")


@dataclass
class MigrationStep:
    description: str
    sql: str | None  # what the operation sends to this database; None: nothing ("-- (no-op)")


def migration_steps(using: str = DEFAULT_DB_ALIAS) -> tuple[str, list[MigrationStep]]:
    """The migration that makes the view, operation by operation, as ``sqlmigrate`` prints it here.

    Worked out once per process and database: the migration files do not change while it runs,
    and loading the migration graph is most of the page's own time.
    """
    return _migration_steps(using, connections[using].vendor)


@functools.cache
def _migration_steps(using: str, vendor: str) -> tuple[str, list[MigrationStep]]:
    """sqlmigrate heads each operation with "--", "-- <description>", "--" and writes "-- (no-op)"
    under one that sends nothing: a ``CreateModel`` of a ``managed = False`` model.
    """
    connection = connections[using]
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files only: no query
    migration = migration_creating(loader)
    lines = sqlmigrate_lines(connection, loader, migration)
    steps: list[MigrationStep] = []
    sent: list[list[str]] = []
    i = 0
    while i < len(lines):
        if lines[i] == "--" and i + 2 < len(lines) and lines[i + 1].startswith("-- ") and lines[i + 2] == "--":
            steps.append(MigrationStep(lines[i + 1][3:], None))
            sent.append([])
            i += 3
            continue
        if sent and lines[i] != "-- (no-op)":
            sent[-1].append(lines[i])
        i += 1
    for step, sql in zip(steps, sent, strict=True):
        step.sql = "\n".join(sql).strip() or None
    return f"{migration.app_label}.{migration.name}", steps


@dataclass
class WriteAttempt:
    code: str
    capture: Capture

    @property
    def refused(self) -> bool:
        return self.capture.exception is not None

    @property
    def error(self) -> str:
        return f"{self.capture.exception_path}: {self.capture.exception}" if self.refused else ""


def write_attempts(using: str = DEFAULT_DB_ALIAS) -> list[WriteAttempt]:
    """Try to write through the view, three ways, each rolled back; the database answers."""
    summaries = AuthorBlogSummary.objects.using(using)
    author = Author.objects.using(using).order_by("pk").first()
    attempts = [
        (
            "AuthorBlogSummary.objects.create(author=…, author_name='Someone', blogs=99, …)",
            lambda: summaries.create(
                author_id=author.pk if author else 1, author_name="Someone", blogs=99, published_blogs=0, total_views=0
            ),
        ),
        ("AuthorBlogSummary.objects.update(blogs=0)", lambda: summaries.update(blogs=0)),
        ("AuthorBlogSummary.objects.all().delete()", lambda: summaries.all().delete()),
    ]
    return [WriteAttempt(code, run(fn, using=using, check_constraints=False)) for code, fn in attempts]
