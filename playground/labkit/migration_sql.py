"""The SQL of a migration exactly as ``sqlmigrate`` prints it, collected without sending anything.

``sqlmigrate`` applies the migration to a schema editor with ``collect_sql=True``; the stock
editor still opens a transaction and, on SQLite, switches foreign key checks off, which SQLite
refuses inside an atomic block (an admin page). This editor only records statements, so a page
can show a migration's SQL on either database, in any transaction.
"""

from __future__ import annotations

import os
import sys
import weakref

from django.db.migrations import Migration
from django.db.migrations.loader import MigrationLoader

# Per database: (what the answers depend on, {migration: its lines}). Only the newest state is kept.
_answers: dict[tuple, tuple[tuple, dict[tuple[str, str], list[str]]]] = {}
# Per loader: the graph it had when its files were read, and what the answers depend on.
_loaded: weakref.WeakKeyDictionary[MigrationLoader, tuple] = weakref.WeakKeyDictionary()


def collect_only_schema_editor(connection, atomic: bool = True):
    """A schema editor that records SQL and sends nothing: no BEGIN, no PRAGMA, no DDL."""
    base = connection.SchemaEditorClass

    class CollectOnlySchemaEditor(base):
        def __enter__(self):
            self.deferred_sql = []
            return self

        def __exit__(self, exc_type, exc_value, traceback):
            if exc_type is None:
                for sql in self.deferred_sql:
                    self.execute(sql, None)

    CollectOnlySchemaEditor.__name__ = f"CollectOnly{base.__name__}"
    return CollectOnlySchemaEditor(connection, collect_sql=True, atomic=atomic)


def sqlmigrate_lines(connection, loader: MigrationLoader, migration: Migration) -> list[str]:
    """What ``sqlmigrate <app> <name>`` prints for ``migration``, line by line (comments included).

    The state just before the migration is rebuilt from the graph, as sqlmigrate does. That
    rebuild renders every model of the project, so a page with the SQL of every migration
    would redo it once per migration on every view; the answer is kept instead, for as long
    as nothing it depends on changes: the migration files (their names and modification
    times), the database (some operations introspect its constraint names) and which
    migrations it has applied.
    """
    settings = connection.settings_dict
    database = (connection.alias, connection.vendor, settings.get("NAME"), settings.get("HOST"), settings.get("PORT"))
    depends_on = _depends_on(loader)
    kept, answers = _answers.get(database, (None, {}))
    if kept != depends_on:
        answers = {}
        _answers[database] = (depends_on, answers)
    node = (migration.app_label, migration.name)
    if node not in answers:
        answers[node] = _collect(connection, loader, migration)
    return list(answers[node])


def _depends_on(loader: MigrationLoader) -> tuple:
    """The files and applied set, read once per loaded graph (a page asks for every migration)."""
    graph, depends_on = _loaded.get(loader, (None, None))
    if graph is not loader.graph:
        depends_on = (_files(loader), frozenset(loader.applied_migrations or ()))
        _loaded[loader] = (loader.graph, depends_on)
    return depends_on


def _files(loader: MigrationLoader) -> tuple:
    """Every migration file the loader read, with its modification time."""
    files = []
    for node, migration in sorted(loader.disk_migrations.items()):
        path = getattr(sys.modules.get(type(migration).__module__), "__file__", None)
        try:
            files.append((node, path, os.stat(path).st_mtime_ns if path else None))
        except OSError:
            files.append((node, path, None))
    return tuple(files)


def _collect(connection, loader: MigrationLoader, migration: Migration) -> list[str]:
    editor = collect_only_schema_editor(connection, atomic=migration.atomic)
    state = loader.project_state((migration.app_label, migration.name), at_end=False)
    with editor:
        migration.apply(state, editor, collect_sql=True)
    return list(editor.collected_sql)
