"""Shared helpers of the migrations lab tests: schema facts read from the live database, throwaway projects."""

import os
import shutil

import pytest
from django.db import connection

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
def migrator(migrator):
    """django-test-migrations' migrator, after dropping the database's views.

    Its clean start drops every model *table* (``include_views=False``). On PostgreSQL the
    ``DROP TABLE … CASCADE`` takes a view with it; SQLite leaves the view behind, pointing at
    dropped tables, and the first table rebuild of the migrations (a RENAME) then fails with
    "error in view relations_authorblogsummary: no such table". The migrations re-create it.
    """
    with connection.cursor() as cursor:
        views = [t.name for t in connection.introspection.get_table_list(cursor) if t.type == "v"]
        for view in views:
            cursor.execute(f"DROP VIEW {connection.ops.quote_name(view)}")
    return migrator
