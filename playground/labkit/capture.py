"""Run a piece of ORM code and record what it really did.

Every lab in this project asks the same question — "what does the ORM really
do here?" — and answers it with this one mechanism:

    capture = run(lambda: blog.delete(), watch=[Blog, Comment])
    capture.queries          # each SQL statement, in order, with rowcount and time
    capture.signals          # each model signal Django sent, with sender and instance
    capture.row_changes      # per watched table: rows before, after, difference
    capture.exception        # what the code raised, if anything (never re-raised)
    capture.inspection       # what inspect() returned: a look at the rows before the rollback

The code runs inside ``transaction.atomic()`` and is rolled back unless
``commit=True``; it is rolled back on every error too. Deferred constraints
(Django creates foreign keys DEFERRABLE INITIALLY DEFERRED on PostgreSQL and
SQLite) are checked before the rollback, so the IntegrityError a commit would
end in is reported instead of being silently discarded.

Signals are recorded by observing ``Signal.send`` rather than by connecting
receivers: a receiver for pre/post_delete would switch off Django's fast
delete and change the very SQL we want to show. Pass ``receivers_for=`` to
connect real receivers on purpose (as an application with listeners would).
Pass ``call_receivers=False`` to record signals without calling the receivers that
are connected: Django still sees them (so it takes the same code path and sends the
same SQL), but side effects a rollback cannot undo (mail, files, caches) never happen.

Queries the capture makes for its own bookkeeping (the deferred-constraint check,
or a lab's ``with internal():`` block) are kept apart in ``internal_queries`` so that
``queries`` is exactly what the code under study sent.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import signals as model_signals

RECORDED_SIGNALS = ("pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed")

_TABLE_PATTERNS = {
    "SELECT": re.compile(r'\bFROM\s+"?([\w.]+)"?', re.IGNORECASE),
    "INSERT": re.compile(r'^\s*INSERT\s+INTO\s+"?([\w.]+)"?', re.IGNORECASE),
    "UPDATE": re.compile(r'^\s*UPDATE\s+"?([\w.]+)"?', re.IGNORECASE),
    "DELETE": re.compile(r'^\s*DELETE\s+FROM\s+"?([\w.]+)"?', re.IGNORECASE),
}


@dataclass
class CapturedQuery:
    """One statement sent to the database."""

    sql: str  # with parameters filled in, for reading
    kind: str  # SELECT, INSERT, UPDATE, DELETE or OTHER
    table: str | None
    rowcount: int | None  # rows the database reports as affected (DML), else None
    duration_ms: float
    many: int = 1  # executemany batch size
    error: str | None = None
    internal: bool = False  # sent by the capture or the lab itself, not by the code under study


@dataclass
class CapturedSignal:
    """One model signal Django sent."""

    signal: str
    sender: str  # app_label.ModelName
    instance: str | None
    action: str | None = None  # m2m_changed only


@dataclass
class RowChange:
    table: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class Capture:
    """Everything one run recorded."""

    queries: list[CapturedQuery] = field(default_factory=list)
    internal_queries: list[CapturedQuery] = field(default_factory=list)
    signals: list[CapturedSignal] = field(default_factory=list)
    row_changes: list[RowChange] = field(default_factory=list)
    result: Any = None
    exception: BaseException | None = None
    duration_ms: float = 0.0
    committed: bool = False
    vendor: str = ""
    inspection: Any = None

    @property
    def ok(self) -> bool:
        return self.exception is None

    @property
    def query_count(self) -> int:
        return len(self.queries)

    @property
    def exception_path(self) -> str | None:
        if self.exception is None:
            return None
        cls = type(self.exception)
        return f"{cls.__module__}.{cls.__qualname__}"

    def writes_by_table(self) -> dict[str, dict[str, int]]:
        """Rows each table had inserted/updated/deleted, as the database reported them."""
        writes: dict[str, dict[str, int]] = {}
        for query in self.queries:
            if query.kind in ("INSERT", "UPDATE", "DELETE") and query.table:
                per_kind = writes.setdefault(query.table, {})
                per_kind[query.kind] = per_kind.get(query.kind, 0) + max(query.rowcount or 0, 0)
        return writes

    def signals_for(self, model: type[models.Model], signal: str | None = None) -> list[CapturedSignal]:
        label = model._meta.label
        return [s for s in self.signals if s.sender == label and (signal is None or s.signal == signal)]

    def change_for(self, model: type[models.Model]) -> RowChange | None:
        table = model._meta.db_table
        return next((change for change in self.row_changes if change.table == table), None)


class RolledBack(Exception):
    """Raised inside the outer atomic block to undo the run."""


def run(
    fn: Callable[[], Any],
    *,
    commit: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    watch: Iterable[type[models.Model] | str] = (),
    receivers_for: Iterable[type[models.Model]] = (),
    check_constraints: bool = True,
    record_own_savepoint: bool = False,
    inspect: Callable[[], Any] | None = None,
    call_receivers: bool = True,
) -> Capture:
    """Run ``fn`` and return what it did; roll back unless ``commit`` and it succeeded.

    ``record_own_savepoint=True`` also records the SAVEPOINT / RELEASE (or ROLLBACK TO)
    that run() itself wraps ``fn`` in; by default they are left out, so the queries are
    exactly the ones ``fn`` sent (the labs count them).

    ``call_receivers=False`` records signals without calling their receivers (the delete
    preview must not let a receiver act on rows it is only looking at).

    ``inspect``, if given, is called after ``fn`` inside the same transaction, before the
    rollback, and is not recorded: it answers "what is left now?" (rows found, counted)
    without its own queries mixing with the SQL of ``fn``. Its result is ``capture.inspection``;
    an error it raises is the caller's bug and propagates (after the rollback).
    """
    connection = connections[using]
    capture = Capture(vendor=connection.vendor)
    tables = [_table_name(item) for item in watch]
    with ExitStack() as stack:
        stack.enter_context(_recording_signals(capture.signals, call_receivers=call_receivers))
        for model in receivers_for:
            stack.enter_context(_connected_receivers(model))
        try:
            with transaction.atomic(using=using):
                before = _count_rows(connection, tables)
                started = time.perf_counter()
                recorder = _QueryRecorder(connection, capture.queries, capture.internal_queries)
                with ExitStack() as around_savepoint:
                    if record_own_savepoint:
                        around_savepoint.enter_context(connection.execute_wrapper(recorder))
                    try:
                        # A savepoint, so an error inside fn leaves the outer transaction usable
                        # for the "after" counts. Its own SAVEPOINT/RELEASE are not fn's SQL, so
                        # by default the recorder is installed inside it.
                        with transaction.atomic(using=using), ExitStack() as inside_savepoint:
                            if not record_own_savepoint:
                                inside_savepoint.enter_context(connection.execute_wrapper(recorder))
                            capture.result = fn()
                            if check_constraints:
                                with internal():
                                    _check_deferred_constraints(connection, capture.queries)
                    except Exception as exc:  # noqa: BLE001 - reported, never swallowed silently
                        capture.exception = exc
                capture.duration_ms = (time.perf_counter() - started) * 1000
                after = _count_rows(connection, tables)
                if inspect is not None:
                    capture.inspection = inspect()
                capture.row_changes = [RowChange(t, before[t], after[t]) for t in tables]
                if not commit or capture.exception is not None:
                    raise RolledBack
                capture.committed = True
        except RolledBack:
            pass
    return capture


_internal_depth: contextvars.ContextVar[int] = contextvars.ContextVar("playground_internal_queries", default=0)


@contextmanager
def internal():
    """Queries sent inside this block are bookkeeping: recorded in ``internal_queries``, not ``queries``."""
    token = _internal_depth.set(_internal_depth.get() + 1)
    try:
        yield
    finally:
        _internal_depth.reset(token)


class _QueryRecorder:
    """An execute_wrapper that notes every statement, its rowcount and its time."""

    def __init__(self, connection, sink: list[CapturedQuery], internal_sink: list[CapturedQuery] | None = None):
        self.connection = connection
        self.sink = sink
        self.internal_sink = internal_sink if internal_sink is not None else []

    def __call__(self, execute, sql, params, many, context):
        if _queries_forbidden.get():
            raise _QueryForbidden(sql)
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


# Public name for code that attaches the recorder itself (the async lab records the async
# ORM's queries on the connection of the thread that runs them).
QueryRecorder = _QueryRecorder


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


def _table_name(item) -> str:
    return item if isinstance(item, str) else item._meta.db_table


def _count_rows(connection, tables: list[str]) -> dict[str, int]:
    if not tables:
        return {}
    # One round trip for all tables: the counts are bookkeeping, not the code under study.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _check_deferred_constraints(connection, queries: list[CapturedQuery]) -> None:
    """Raise now the IntegrityError that COMMIT would raise for deferred foreign keys."""
    written = sorted({q.table for q in queries if q.kind in ("INSERT", "UPDATE", "DELETE") and q.table})
    if not written:
        return
    if connection.vendor == "postgresql":
        connection.check_constraints()  # SET CONSTRAINTS ALL IMMEDIATE, then back to DEFERRED
    else:
        # SQLite's check scans whole tables, so only look at those that were written, and
        # at the tables that reference them (a DELETE breaks references held elsewhere).
        connection.check_constraints(table_names=_with_referencing_tables(connection, written))


def _with_referencing_tables(connection, tables: list[str]) -> list[str]:
    from django.apps import apps

    names = set(tables)
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.can_migrate(connection):
            continue  # no table here (e.g. a PostgreSQL-only model on SQLite)
        for f in model._meta.concrete_fields:
            if f.remote_field and f.db_constraint and f.remote_field.model._meta.db_table in tables:
                names.add(model._meta.db_table)
    return sorted(names)


# --- Signal recording --------------------------------------------------------
_active_sinks: contextvars.ContextVar[tuple[list[CapturedSignal], ...]] = contextvars.ContextVar(
    "playground_signal_sinks", default=()
)
_receivers_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("playground_receivers_muted", default=False)
_installed = False


def _install_signal_observers() -> None:
    """Wrap each model signal's send() once; recording only happens inside run()."""
    global _installed
    if _installed:
        return
    for name in RECORDED_SIGNALS:
        signal = getattr(model_signals, name)
        signal.send = _observing(name, signal.send)
    _installed = True


def _observing(name: str, send):
    def observed_send(sender, **named):
        sinks = _active_sinks.get()
        if sinks:
            instance = named.get("instance")
            entry = CapturedSignal(
                signal=name,
                sender=sender._meta.label if hasattr(sender, "_meta") else str(sender),
                instance=_safe_str(instance) if instance is not None else None,
                action=named.get("action"),
            )
            for sink in sinks:
                sink.append(entry)
            if _receivers_muted.get():
                return []
        return send(sender, **named)

    observed_send.__wrapped__ = send
    return observed_send


class _QueryForbidden(Exception):
    """Raised when describing an instance would send a query of its own."""


_queries_forbidden: contextvars.ContextVar[bool] = contextvars.ContextVar("playground_queries_forbidden", default=False)


def _safe_str(obj) -> str:
    # The collector loads the rows it deletes with only() their keys; a __str__ reading a
    # deferred field or a relation would send one query per signal, and those queries would
    # show up in the capture as if the code under study had sent them.
    pk = getattr(obj, "pk", None)
    get_deferred = getattr(obj, "get_deferred_fields", None)
    if get_deferred is not None and get_deferred():
        return f"{type(obj).__name__} #{pk}"
    token = _queries_forbidden.set(True)
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - a broken or query-needing __str__ must not break the capture
        return f"{type(obj).__name__} #{pk}" if pk is not None else object.__repr__(obj)
    finally:
        _queries_forbidden.reset(token)


@contextmanager
def _recording_signals(sink: list[CapturedSignal], call_receivers: bool = True):
    _install_signal_observers()
    token = _active_sinks.set(_active_sinks.get() + (sink,))
    # Muting is inherited by nested captures: an outer "call no receivers" must hold inside.
    muted = _receivers_muted.set(_receivers_muted.get() or not call_receivers)
    try:
        yield
    finally:
        _receivers_muted.reset(muted)
        _active_sinks.reset(token)


def _noop_receiver(**kwargs):
    return None


@contextmanager
def _connected_receivers(model: type[models.Model]):
    uid = f"playground.labkit.capture:{model._meta.label}"
    for name in ("pre_delete", "post_delete"):
        getattr(model_signals, name).connect(_noop_receiver, sender=model, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        for name in ("pre_delete", "post_delete"):
            getattr(model_signals, name).disconnect(sender=model, dispatch_uid=uid)
