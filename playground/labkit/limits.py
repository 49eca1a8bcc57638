"""Bounds every lab page runs within: a sample size and a statement timeout.

A lab page runs ORM code on the live database, and a playground gets seeded with a
million rows. So each lab works on a **sample** (``LAB_SAMPLE_ROWS`` rows per table,
100 by default; the page says so) and every statement it sends runs under a **statement
timeout** on PostgreSQL (``LAB_STATEMENT_TIMEOUT_MS``, 5,000 by default; 0 switches it
off). The admin site applies ``statement_timeout()`` around every lab view.

Why ``set_config(..., false)`` (the session's value, restored on the way out) and not
``SET LOCAL``: ``SET LOCAL`` lasts one transaction, so it would need a transaction around
the whole page, and some lab pages must run in autocommit (the concurrency lab's threads
cannot see uncommitted rows; the async pages commit their writes). Restoring the previous
value on exit keeps a reused connection (``CONN_MAX_AGE``) as it was.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

DEFAULT_SAMPLE_ROWS = 100
DEFAULT_STATEMENT_TIMEOUT_MS = 5000
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


def sample_rows() -> int:
    return getattr(settings, "LAB_SAMPLE_ROWS", DEFAULT_SAMPLE_ROWS)


def statement_timeout_ms() -> int:
    return getattr(settings, "LAB_STATEMENT_TIMEOUT_MS", DEFAULT_STATEMENT_TIMEOUT_MS)


def describe() -> str:
    """One sentence for the top of every lab page."""
    text = f"Runs on a sample of at most {sample_rows():,} rows per table (LAB_SAMPLE_ROWS)"
    ms = statement_timeout_ms()
    if ms:
        text += f"; on PostgreSQL every statement is stopped after {ms / 1000:g} s (LAB_STATEMENT_TIMEOUT_MS)"
    return text + "."


@contextmanager
def statement_timeout(ms: int | None = None, using: str = DEFAULT_DB_ALIAS):
    """Run the block with PostgreSQL's statement_timeout at ``ms`` (default: the lab setting)."""
    ms = statement_timeout_ms() if ms is None else ms
    connection = connections[using]
    if connection.vendor != "postgresql" or not ms:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, false)", [f"{ms}ms"]
        )
        previous = cursor.fetchone()[0]
    try:
        yield
    finally:
        _restore(connection, previous)


def _restore(connection, previous: str) -> None:
    if connection.connection is None or connection.needs_rollback:
        return  # closed (nothing to restore) or in a failed transaction that will roll the SET back
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [previous])
    except DatabaseError:
        pass  # an aborted transaction: its rollback restores the previous value anyway


def is_statement_timeout(error: BaseException) -> bool:
    """Whether a database error is PostgreSQL cancelling a statement that ran too long."""
    cause = error.__cause__ or error
    return getattr(cause, "pgcode", None) == QUERY_CANCELED


def timeout_message() -> str:
    return (
        f"This page was stopped: a statement ran longer than {statement_timeout_ms() / 1000:g} s "
        "(LAB_STATEMENT_TIMEOUT_MS). Nothing was changed. Try a smaller input, or a smaller database."
    )
