"""Many ticket rows in one short statement, for query plans and the index benchmark.

A plan only shows an index being used when the table is big enough for the
planner to care, so the index recipes and ``benchmarks/indexes.py`` fill the
ticket tables first. One ``INSERT … SELECT`` over a generated series does it in
a statement short enough to read in the lab (a ``bulk_create`` of thousands of
objects would put thousands of value tuples on the page). The values are
derived from the row number, so every run produces the same data:

* ``customer{i % customers}@example.com`` — about ten tickets per customer;
* one ticket in 20 open, three pending, the rest closed;
* subjects ``"<topic> #<i>"`` cycling through five topics (``Refund request #4242``);
* labels (PostgreSQL) always ``support``, a channel, and ``refund`` on one row in 500.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

from playground.querylab.models import LabelledTicket, SupportTicket

SUBJECT_TOPICS = ["Login fails", "Invoice is wrong", "Refund request", "Printer on fire", "Password reset"]


def _subject_sql() -> str:
    cases = " ".join(f"WHEN {n} THEN '{topic}'" for n, topic in enumerate(SUBJECT_TOPICS))
    return f"(CASE i % {len(SUBJECT_TOPICS)} {cases} END) || ' #' || i"


def _series_sql(connection, count: int) -> str:
    """A FROM item yielding i = 1..count."""
    if connection.vendor == "postgresql":
        return f"generate_series(1, {count}) AS n(i)"
    # SQLite has no generate_series without an extension; a recursive CTE counts just as well.
    return f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {count}) SELECT i FROM s) AS n"


def _opened_at_sql(connection) -> str:
    """One ticket a minute, going back from 2026-01-01."""
    if connection.vendor == "postgresql":
        return "TIMESTAMPTZ '2026-01-01 00:00:00+00' - i * INTERVAL '1 minute'"
    return "datetime('2026-01-01 00:00:00', '-' || i || ' minutes')"


def seed_tickets(count: int, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Insert ``count`` SupportTicket rows; return how many the database reports."""
    count = int(count)
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}.")
    connection = connections[using]
    customers = max(count // 10, 1)
    table = connection.ops.quote_name(SupportTicket._meta.db_table)
    sql = (
        f"INSERT INTO {table} (customer_email, subject, status, priority, opened_at) "
        f"SELECT 'customer' || (i % {customers}) || '@example.com', {_subject_sql()}, "
        "CASE WHEN i % 20 = 0 THEN 'open' WHEN i % 20 < 4 THEN 'pending' ELSE 'closed' END, "
        f"1 + i % 5, {_opened_at_sql(connection)} "
        f"FROM {_series_sql(connection, count)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def seed_labelled_tickets(count: int, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Insert ``count`` LabelledTicket rows (PostgreSQL only: the table exists nowhere else)."""
    count = int(count)
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise ValueError("LabelledTicket is a PostgreSQL-only table (Meta.required_db_vendor).")
    table = connection.ops.quote_name(LabelledTicket._meta.db_table)
    sql = (
        f"INSERT INTO {table} (subject, labels) "
        f"SELECT {_subject_sql()}, ARRAY['support', "
        "CASE i % 3 WHEN 0 THEN 'email' WHEN 1 THEN 'phone' ELSE 'chat' END, "
        "CASE WHEN i % 500 = 0 THEN 'refund' ELSE 'general' END] "
        f"FROM {_series_sql(connection, count)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def flush_gin_pending_list(index_name: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Move a GIN index's pending entries into its tree (PostgreSQL).

    GIN indexes buffer new rows in a "pending list" (fastupdate) that every search scans
    in full; autovacuum normally merges it. Right after a bulk load the planner rightly
    finds the index too expensive, so the lab flushes it as autovacuum would have.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index_name])


def analyze(model, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the planner's statistics, as autovacuum would after a bulk load."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
