"""Shared helpers of the migrations lab tests: schema facts read from the live database."""

from django.db import connection


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
