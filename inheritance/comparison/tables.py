"""Each style's tables and columns, read back from the live database (never from the models)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, models


@dataclass(frozen=True)
class Column:
    name: str
    field_type: str  # as inspectdb reads it from the database
    null: bool
    primary_key: bool
    references: str | None  # "table.column" for a foreign key


@dataclass
class Table:
    name: str
    model: str
    columns: list[Column]
    rows: int


def read_table(model: type[models.Model]) -> Table:
    table = model._meta.db_table
    introspection = connection.introspection
    with connection.cursor() as cursor:
        description = introspection.get_table_description(cursor, table)
        relations = introspection.get_relations(cursor, table)
        primary_keys = set(introspection.get_primary_key_columns(cursor, table) or [])
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows = cursor.fetchone()[0]
    columns = []
    for info in description:
        try:
            field_type = introspection.get_field_type(info.type_code, info)
        except KeyError:
            field_type = str(info.type_code)
        reference = relations.get(info.name)
        columns.append(
            Column(
                name=info.name,
                field_type=field_type,
                null=bool(info.null_ok),
                primary_key=info.name in primary_keys,
                references=f"{reference[1]}.{reference[0]}" if reference else None,
            )
        )
    return Table(table, model._meta.label, columns, rows)
