"""What the AuthorBlogSummary changelist shows about its database view, read live from the database.

- ``view_definition()``: the view's SQL as the database keeps it (``sqlite_master`` on SQLite,
  ``pg_get_viewdef`` on PostgreSQL), so the page shows what is there, not what a file says.
- ``migration_steps()``: the migration that made it, step by step, as ``sqlmigrate`` would
  print it: a "Create model" that sends nothing (``managed = False``), then the CREATE VIEW.
- ``write_attempts()``: an INSERT, an UPDATE and a DELETE through the ORM, each rolled back,
  with the error the database answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunSQL

from playground.labkit.capture import Capture, run
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


def migration_creating(model=AuthorBlogSummary) -> tuple[str, str]:
    """(app label, migration name) of the migration whose RunSQL creates the model's view."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    table = model._meta.db_table
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        for op in migration.operations:
            if isinstance(op, RunSQL) and f"CREATE VIEW {table}" in str(op.sql):
                return app, name
    raise LookupError(f"No migration creates the view {table}.")


@dataclass
class MigrationStep:
    description: str
    sql: str | None  # what the operation sends to this database; None: nothing


def migration_steps(using: str = DEFAULT_DB_ALIAS) -> tuple[str, list[MigrationStep]]:
    """The migration that makes the view, operation by operation, with what each sends here.

    What ``sqlmigrate`` prints, decided the way ``migrate`` decides it: a ``CreateModel`` sends
    SQL only if ``allow_migrate_model()`` (``Options.can_migrate``: False for managed=False).
    (``sqlmigrate`` itself needs a schema editor, which SQLite refuses inside a transaction.)
    """
    app, name = migration_creating()
    migration = MigrationLoader(None, ignore_no_migrations=True).disk_migrations[app, name]
    steps = []
    for op in migration.operations:
        if isinstance(op, RunSQL):
            steps.append(MigrationStep(op.describe(), str(op.sql).strip()))
        else:
            model = apps.get_model(app, op.name)
            sends = op.allow_migrate_model(using, model)
            steps.append(MigrationStep(op.describe(), "CREATE TABLE …" if sends else None))
    return f"{app}.{name}", steps


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
