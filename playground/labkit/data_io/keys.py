"""Which primary keys a file may choose: only those the database has already handed out.

A new row with an explicit key is accepted when the key is at most the highest key the
table's sequence has issued (or the highest key in the table, whichever is higher):
that re-creates a deleted row under its old id, and the sequence, already past it, never
has to move. A key above it is refused: the library would otherwise move the sequence
to it, and one row with id 9223372036854775807 leaves PostgreSQL's sequence at its end
("nextval: reached maximum value"), every later insert failing.
"""

from __future__ import annotations

from django.db import DatabaseError, connections, transaction
from django.db.models import Max

AUTO_FIELDS = {"AutoField", "BigAutoField", "SmallAutoField"}


def has_auto_key(model) -> bool:
    return model._meta.pk.get_internal_type() in AUTO_FIELDS


def highest_issued_key(model, using: str = "default") -> int | None:
    """The highest key the table holds or its sequence has handed out; None if neither has any."""
    highest = model._base_manager.using(using).aggregate(highest=Max("pk"))["highest"]
    issued = _sequence_position(model, using)
    candidates = [k for k in (highest, issued) if k]
    return max(candidates) if candidates else None


def _sequence_position(model, using: str) -> int | None:
    connection = connections[using]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            sequence = cursor.fetchone()[0]
            if not sequence:
                return None
            # last_value is the next value to hand out until is_called says it was handed out.
            cursor.execute(f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}")
            return cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            try:
                with transaction.atomic(using=using):
                    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                    row = cursor.fetchone()
            except DatabaseError:  # no AUTOINCREMENT table has had a row yet
                return None
            return row[0] if row else None
    return None
