"""Read the project's migration history: what exists, what ran when, and the SQL of each.

This is what ``showmigrations``, ``sqlmigrate`` and the ``django_migrations`` table
say, gathered for one page, and it never writes: the SQL is collected by a schema
editor that only records statements (``collect_sql=True``, as sqlmigrate does) and
that, unlike the stock one, does not open a transaction or switch SQLite's foreign
key checks off. The only statements sent are reads: the loader's look at
``django_migrations`` and the schema introspection some operations need.

The order is the dependency order: a topological walk of the loader's graph, the
order in which ``migrate`` would apply everything to an empty database.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations import Migration, operations
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from playground.labkit.migration_sql import collect_only_schema_editor, sqlmigrate_lines

Node = tuple[str, str]


@dataclass
class OperationInfo:
    kind: str  # the operation class, e.g. "AddField"
    description: str  # operation.describe(), as makemigrations prints it
    reversible: bool
    writable_as_sql: bool  # False for RunPython: sqlmigrate can only say so


@dataclass
class MigrationInfo:
    app_label: str
    name: str
    position: int  # 1-based place in the dependency order
    applied_at: datetime | None
    dependencies: list[Node]
    operations: list[OperationInfo]
    sql: list[str] = field(default_factory=list)
    sql_error: str | None = None
    demonstrates: str = ""  # the file's header comment, for the teaching migrations
    atomic: bool = True

    @property
    def key(self) -> str:
        return f"{self.app_label}.{self.name}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    @property
    def sql_text(self) -> str:
        return "\n".join(self.sql)


@dataclass
class History:
    vendor: str
    migrations: list[MigrationInfo]
    conflicts: dict[str, list[str]]  # app -> its leaf migrations, when more than one

    @property
    def apps(self) -> list[str]:
        return sorted({m.app_label for m in self.migrations})

    @property
    def applied_count(self) -> int:
        return sum(m.is_applied for m in self.migrations)

    @property
    def unapplied(self) -> list[MigrationInfo]:
        return [m for m in self.migrations if not m.is_applied]

    def for_app(self, app_label: str) -> list[MigrationInfo]:
        return [m for m in self.migrations if m.app_label == app_label]

    def get(self, app_label: str, name: str) -> MigrationInfo:
        return next(m for m in self.migrations if m.app_label == app_label and m.name == name)


def dependency_order(loader: MigrationLoader) -> list[Node]:
    """Every migration in an order migrate could apply them: dependencies first."""
    order: list[Node] = []
    seen: set[Node] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node not in seen:
                seen.add(node)
                order.append(node)
    return order


def applied_times(connection) -> dict[Node, datetime]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    return {(row.app, row.name): row.applied for row in recorder.migration_qs.order_by("id")}


def read_history(using: str = DEFAULT_DB_ALIAS, app_label: str | None = None, with_sql: bool = True) -> History:
    """The whole history, in dependency order; SQL only for ``app_label`` when given."""
    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = applied_times(connection)
    infos: list[MigrationInfo] = []
    for position, node in enumerate(dependency_order(loader), start=1):
        migration = loader.graph.nodes[node]
        info = MigrationInfo(
            app_label=node[0],
            name=node[1],
            position=position,
            applied_at=applied.get(node),
            # The graph's resolved parents: "__first__", "__latest__" and swappable
            # dependencies (settings.AUTH_USER_MODEL) named as the migrations they mean.
            dependencies=sorted(parent.key for parent in loader.graph.node_map[node].parents),
            operations=[describe(op) for op in migration.operations],
            demonstrates=header_comment(migration),
            atomic=migration.atomic,
        )
        if with_sql and (app_label is None or node[0] == app_label):
            _collect_sql(connection, loader, migration, info)
        infos.append(info)
    conflicts = {app: sorted(names) for app, names in loader.detect_conflicts().items()}
    return History(vendor=connection.vendor, migrations=infos, conflicts=conflicts)


def _collect_sql(connection, loader, migration: Migration, info: MigrationInfo) -> None:
    # Exactly as sqlmigrate does it: the state just before this migration, rebuilt from
    # the graph, then the migration applied to a schema editor that only collects.
    # (Carrying one state through every migration would be faster, but on SQLite it can
    # order a rebuilt table's columns differently from what sqlmigrate prints.)
    try:
        info.sql = sqlmigrate_lines(connection, loader, migration)
    except Exception as err:  # noqa: BLE001 - shown on the page; the other migrations go on
        info.sql_error = f"{type(err).__name__}: {err}"


def describe(operation) -> OperationInfo:
    return OperationInfo(
        kind=type(operation).__name__,
        description=operation.describe(),
        reversible=operation.reversible,
        writable_as_sql=operation.reduces_to_sql,
    )


_GENERATED = re.compile(r"^#\s*Generated by Django")


def header_comment(migration: Migration) -> str:
    """The comment block at the top of a migration file, without makemigrations' own line."""
    try:
        source = Path(inspect.getfile(type(migration))).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return ""
    lines = []
    for line in source.splitlines():
        if not line.startswith("#"):
            if lines and not line.strip():
                lines.append("")
                continue
            break
        if _GENERATED.match(line):
            continue
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines).strip()


# --- What a rename would have cost as remove + add ---------------------------------


def remove_add_instead_of_rename(app_label: str, migration_name: str, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The SQL a RemoveField + AddField would send in place of the migration's RenameFields.

    This is what makemigrations writes when asked "Was x renamed to y?" and the answer
    is no. The operations are built and their SQL collected; they are never applied.
    """
    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    migration = loader.graph.nodes[(app_label, migration_name)]
    renames = [op for op in migration.operations if isinstance(op, operations.RenameField)]
    if not renames:
        raise ValueError(f"{app_label}.{migration_name} has no RenameField operation.")
    state = loader.project_state((app_label, migration_name), at_end=False)
    replacement = []
    for op in renames:
        old_field = state.models[app_label, op.model_name_lower].fields[op.old_name]
        new_field = old_field.clone()
        preserve_default = True
        if not new_field.null and not new_field.has_default() and not new_field.has_db_default():
            # makemigrations would ask for a one-off default for the existing rows; ""
            # (or 0) is the answer most people type, used once and not kept.
            new_field.default = "" if isinstance(new_field, (models.CharField, models.TextField)) else 0
            preserve_default = False
        replacement += [
            operations.RemoveField(model_name=op.model_name, name=op.old_name),
            operations.AddField(
                model_name=op.model_name, name=op.new_name, field=new_field, preserve_default=preserve_default
            ),
        ]
    hypothetical = type("Migration", (Migration,), {"operations": replacement, "dependencies": []})(
        f"{migration_name}_as_remove_add", app_label
    )
    editor = collect_only_schema_editor(connection, atomic=migration.atomic)
    with editor:
        hypothetical.apply(state, editor, collect_sql=True)
    return list(editor.collected_sql)
