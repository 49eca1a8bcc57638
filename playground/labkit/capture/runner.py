"""``run()``: the transaction, the savepoint, the row counts and the deferred-constraint check."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from playground.labkit.capture.queries import QueryRecorder, internal
from playground.labkit.capture.records import Capture, CapturedQuery, RowChange
from playground.labkit.capture.signals import connected_receivers, recording_signals


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
        stack.enter_context(recording_signals(capture.signals, call_receivers=call_receivers))
        for model in receivers_for:
            stack.enter_context(connected_receivers(model))
        try:
            with transaction.atomic(using=using):
                before = _count_rows(connection, tables)
                started = time.perf_counter()
                _run_in_savepoint(fn, capture, connection, using, check_constraints, record_own_savepoint)
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


def _run_in_savepoint(fn, capture: Capture, connection, using: str, check_constraints: bool, own_savepoint: bool):
    """Call ``fn`` in a savepoint, recording its statements; an error it raises goes to ``capture.exception``.

    The savepoint means an error inside fn leaves the outer transaction usable for the
    "after" counts. Its own SAVEPOINT/RELEASE are not fn's SQL, so by default the recorder
    is installed inside it.
    """
    recorder = QueryRecorder(connection, capture.queries, capture.internal_queries)
    with ExitStack() as around_savepoint:
        if own_savepoint:
            around_savepoint.enter_context(connection.execute_wrapper(recorder))
        try:
            with transaction.atomic(using=using), ExitStack() as inside_savepoint:
                if not own_savepoint:
                    inside_savepoint.enter_context(connection.execute_wrapper(recorder))
                capture.result = fn()
                if check_constraints:
                    with internal():
                        _check_deferred_constraints(connection, capture.queries)
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed silently
            capture.exception = exc


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
