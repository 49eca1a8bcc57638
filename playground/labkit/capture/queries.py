"""Recording the statements a piece of code sends, apart from the lab's own bookkeeping."""

from __future__ import annotations

import contextvars
import re
import time
from contextlib import contextmanager

from playground.labkit.capture.records import CapturedQuery

_TABLE_PATTERNS = {
    "SELECT": re.compile(r'\bFROM\s+"?([\w.]+)"?', re.IGNORECASE),
    "INSERT": re.compile(r'^\s*INSERT\s+INTO\s+"?([\w.]+)"?', re.IGNORECASE),
    "UPDATE": re.compile(r'^\s*UPDATE\s+"?([\w.]+)"?', re.IGNORECASE),
    "DELETE": re.compile(r'^\s*DELETE\s+FROM\s+"?([\w.]+)"?', re.IGNORECASE),
}


class QueryForbidden(Exception):
    """Raised when describing an instance would send a query of its own."""


queries_forbidden: contextvars.ContextVar[bool] = contextvars.ContextVar("playground_queries_forbidden", default=False)


_internal_depth: contextvars.ContextVar[int] = contextvars.ContextVar("playground_internal_queries", default=0)


@contextmanager
def internal():
    """Queries sent inside this block are bookkeeping: recorded in ``internal_queries``, not ``queries``."""
    token = _internal_depth.set(_internal_depth.get() + 1)
    try:
        yield
    finally:
        _internal_depth.reset(token)


class QueryRecorder:
    """An execute_wrapper that notes every statement, its rowcount and its time.

    Public: the async lab attaches it itself, on the connection of the thread that runs the async ORM.
    """

    def __init__(self, connection, sink: list[CapturedQuery], internal_sink: list[CapturedQuery] | None = None):
        self.connection = connection
        self.sink = sink
        self.internal_sink = internal_sink if internal_sink is not None else []

    def __call__(self, execute, sql, params, many, context):
        if queries_forbidden.get():
            raise QueryForbidden(sql)
        started = time.perf_counter()
        error = None
        try:
            return execute(sql, params, many, context)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}".strip()
            raise
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            cursor = context["cursor"]
            kind = _kind(sql)
            is_internal = _internal_depth.get() > 0
            (self.internal_sink if is_internal else self.sink).append(
                CapturedQuery(
                    sql=self._readable(cursor, sql, params, many),
                    kind=kind,
                    table=_table(kind, sql),
                    rowcount=self._rowcount(cursor, kind, sql),
                    duration_ms=elapsed,
                    many=len(params) if many and params is not None else 1,
                    error=error,
                    internal=is_internal,
                )
            )

    def _rowcount(self, cursor, kind, sql) -> int | None:
        if kind not in ("INSERT", "UPDATE", "DELETE"):
            return None
        # SQLite reports 0 for a statement with RETURNING until its rows are fetched,
        # which happens after this wrapper returns: unknown is more honest than 0.
        if self.connection.vendor == "sqlite" and " RETURNING " in sql.upper():
            return None
        return _rowcount(cursor)

    def _readable(self, cursor, sql, params, many) -> str:
        if many:
            return sql
        try:
            return self.connection.ops.last_executed_query(cursor, sql, params) or sql
        except Exception:  # noqa: BLE001 - readability only; fall back to the template
            return sql


def _kind(sql: str) -> str:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head if head in _TABLE_PATTERNS else "OTHER"


def _table(kind: str, sql: str) -> str | None:
    pattern = _TABLE_PATTERNS.get(kind)
    match = pattern.search(sql) if pattern else None
    return match.group(1) if match else None


def _rowcount(cursor) -> int | None:
    try:
        count = cursor.rowcount
    except Exception:  # noqa: BLE001 - some drivers raise once the cursor is closed
        return None
    return count if count is not None and count >= 0 else None
