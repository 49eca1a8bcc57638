"""Shared helpers of the migrations lab tests: schema facts read from the live database, throwaway projects."""

import os
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django_test_migrations.logic.migrations import normalize
from django_test_migrations.migrator import Migrator

# The command-line client `manage.py dbshell` starts, per backend.
DBSHELL_CLIENTS = {"sqlite": "sqlite3", "postgresql": "psql"}


def fk_delete_rule(table: str, column: str) -> str:
    """The ON DELETE rule of the foreign key on table.column, as the database reports it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA foreign_key_list({connection.ops.quote_name(table)})")
            rows = [row for row in cursor.fetchall() if row[3] == column]
            assert len(rows) == 1, rows
            return rows[0][6]  # id, seq, table, from, to, on_update, on_delete, match
        cursor.execute(
            """
            SELECT rc.delete_rule
            FROM information_schema.referential_constraints rc
            JOIN information_schema.key_column_usage kcu
              ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
            WHERE kcu.table_name = %s AND kcu.column_name = %s
            """,
            [table, column],
        )
        rows = cursor.fetchall()
        assert len(rows) == 1, rows
        return rows[0][0]


def index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name for name, info in constraints.items() if info["index"]}


def column_names(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [col.name for col in connection.introspection.get_table_description(cursor, table)]


@pytest.fixture
def throwaway_project(tmp_path):
    """A project with one app, ``shop``, and a database of its own on the backend under test."""
    from tests.migrations_lab.throwaway import ThrowawayPostgres, ThrowawayProject, sqlite_database

    client = DBSHELL_CLIENTS[connection.vendor]
    if shutil.which(client) is None:
        message = f"manage.py dbshell needs the {client!r} client: apt-get install {client}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if connection.vendor == "postgresql":
        database = ThrowawayPostgres(connection.settings_dict)
        project = ThrowawayProject(tmp_path, database.create())
        yield project
        database.drop()
    else:
        yield ThrowawayProject(tmp_path, sqlite_database(tmp_path))


@pytest.fixture
def migrator(transactional_db, django_db_use_migrations, request):
    """django-test-migrations' migrator, moving the teaching app (``migrations_lab``) only.

    The stock migrator starts clean: it drops every table of the project and replays every
    app's migrations up to the target, and after the test replays the rest (about 5 s per
    test on PostgreSQL). The teaching history depends on no later migration of another app,
    and no other app depends on it, so here the other apps stay as they are: the teaching
    app's tables are emptied and its history is migrated back to the target (its reverse
    operations run, as ``migrate migrations_lab <target>`` runs them), then forward again
    after the test.
    """
    if not django_db_use_migrations:
        pytest.skip("--nomigrations was specified")
    migrator = OneAppMigrator("migrations_lab")
    request.addfinalizer(migrator.reset)
    return migrator


class OneAppMigrator(Migrator):
    def __init__(self, app_label: str, database: str | None = None):
        super().__init__(database)
        self.app_label = app_label

    def apply_initial_migration(self, targets):
        targets = normalize(targets)
        assert {app for app, _ in targets} == {self.app_label}, f"this migrator moves {self.app_label} only"
        # One transaction: the foreign keys between its tables are checked once all are empty.
        with transaction.atomic(using=self._database), connection.cursor() as cursor:
            for model in apps.get_app_config(self.app_label).get_models(include_auto_created=True):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        self._executor.loader.build_graph()
        return self._migrate(targets)

    def reset(self) -> None:
        call_command("migrate", self.app_label, verbosity=0, database=self._database)
