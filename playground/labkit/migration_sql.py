"""The SQL of a migration exactly as ``sqlmigrate`` prints it, collected without sending anything.

``sqlmigrate`` applies the migration to a schema editor with ``collect_sql=True``; the stock
editor still opens a transaction and, on SQLite, switches foreign key checks off, which SQLite
refuses inside an atomic block (an admin page). This editor only records statements, so a page
can show a migration's SQL on either database, in any transaction.
"""

from __future__ import annotations

from django.db.migrations import Migration
from django.db.migrations.loader import MigrationLoader


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

    The state just before the migration is rebuilt from the graph, as sqlmigrate does.
    """
    editor = collect_only_schema_editor(connection, atomic=migration.atomic)
    state = loader.project_state((migration.app_label, migration.name), at_end=False)
    with editor:
        migration.apply(state, editor, collect_sql=True)
    return list(editor.collected_sql)
