"""Races between threads, each on its own database connection (PostgreSQL).

N threads start together (a barrier) and each increments one counter K times:

* read-modify-write — ``get()``, add one in Python, ``save()``: two threads that
  read the same value both write value + 1, and one increment is lost;
* ``F()`` — ``UPDATE … SET value = value + 1``: the database serialises the
  increments on the row lock, none is lost;
* ``select_for_update()`` — read-modify-write, but the SELECT locks the row until
  the transaction ends: correct, and the threads queue behind each other.

A short pause between the read and the write stands for the work a real view
does there; it widens the window in which another thread can interleave.

The same harness runs ``get_or_create()`` for one name from every thread, on a
model with a unique constraint (one row, whoever wins) and on one without (the
SELECT-then-INSERT window lets several threads insert).

The rows a race uses are committed (the threads cannot see another connection's
uncommitted rows) and deleted when it ends.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from playground.labkit import limits
from playground.querylab.models import HitCounter, LooseTag, UniqueTag


class ConcurrencyUnavailable(Exception):
    """The race cannot run here (not PostgreSQL, or inside a transaction)."""


@dataclass
class CounterRace:
    strategy: str
    threads: int
    increments: int
    final_value: int
    duration_ms: float
    errors: list[str] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.threads * self.increments

    @property
    def lost(self) -> int:
        return self.expected - self.final_value


@dataclass
class GetOrCreateRace:
    model: str
    threads: int
    rows: int
    created_by: int  # threads that were told created=True
    duration_ms: float
    errors: list[str] = field(default_factory=list)


def _read_modify_write(pk: int, pause: float, using: str) -> None:
    counter = HitCounter.objects.using(using).get(pk=pk)
    time.sleep(pause)
    counter.value += 1
    counter.save(update_fields=["value"])


def _f_expression(pk: int, pause: float, using: str) -> None:
    time.sleep(pause)
    HitCounter.objects.using(using).filter(pk=pk).update(value=F("value") + 1)


def _select_for_update(pk: int, pause: float, using: str) -> None:
    with transaction.atomic(using=using):
        counter = HitCounter.objects.using(using).select_for_update().get(pk=pk)
        time.sleep(pause)
        counter.value += 1
        counter.save(update_fields=["value"])


STRATEGIES: dict[str, Callable[[int, float, str], None]] = {
    "read-modify-write": _read_modify_write,
    "F()": _f_expression,
    "select_for_update()": _select_for_update,
}


def check_available(using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise ConcurrencyUnavailable(
            f"The concurrency lab needs PostgreSQL (this database is {connection.vendor}): SQLite locks the "
            "whole file for every write, so the threads would queue instead of racing. "
            "Set DATABASE_URL=postgres://…"
        )
    if connection.in_atomic_block:
        raise ConcurrencyUnavailable(
            "The concurrency lab must run in autocommit mode: each thread has its own connection and "
            "cannot see rows this transaction has not committed."
        )


def _run_threads(threads: int, work: Callable[[], None], using: str) -> tuple[float, list[str]]:
    barrier = threading.Barrier(threads)
    errors: list[str] = []

    def worker():
        try:
            barrier.wait(timeout=30)
            # Each thread has its own connection: the lab-wide timeout is set on each.
            with limits.statement_timeout(using=using):
                work()
        except Exception as exc:  # noqa: BLE001 - reported on the page, never silently dropped
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections[using].close()

    pool = [threading.Thread(target=worker, name=f"race-{n}") for n in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return (time.perf_counter() - started) * 1000, errors


def race_counter(
    strategy: str, *, threads: int = 4, increments: int = 25, pause_ms: float = 1.0, using: str = DEFAULT_DB_ALIAS
) -> CounterRace:
    """Run ``threads`` threads each incrementing one fresh counter ``increments`` times."""
    check_available(using)
    step = STRATEGIES[strategy]
    counter = HitCounter.objects.using(using).create(name=f"race-{uuid.uuid4().hex[:12]}")
    try:

        def work():
            for _ in range(increments):
                step(counter.pk, pause_ms / 1000, using)

        duration_ms, errors = _run_threads(threads, work, using)
        final = HitCounter.objects.using(using).get(pk=counter.pk).value
    finally:
        HitCounter.objects.using(using).filter(pk=counter.pk).delete()
    return CounterRace(strategy, threads, increments, final, duration_ms, errors)


def race_get_or_create(model, *, threads: int = 8, using: str = DEFAULT_DB_ALIAS) -> GetOrCreateRace:
    """Every thread calls get_or_create(name=<one new name>) at the same moment."""
    check_available(using)
    name = f"race-{uuid.uuid4().hex[:12]}"
    created: list[bool] = []

    def work():
        _, was_created = model.objects.using(using).get_or_create(name=name)
        created.append(was_created)

    try:
        duration_ms, errors = _run_threads(threads, work, using)
        rows = model.objects.using(using).filter(name=name).count()
    finally:
        model.objects.using(using).filter(name=name).delete()
    return GetOrCreateRace(model.__name__, threads, rows, sum(created), duration_ms, errors)


@dataclass
class RaceReport:
    counters: list[CounterRace]
    get_or_create: list[GetOrCreateRace]


def run_all(
    *, threads: int = 4, increments: int = 25, pause_ms: float = 1.0, using: str = DEFAULT_DB_ALIAS
) -> RaceReport:
    """Every counter strategy, then get_or_create() with and without a unique constraint."""
    check_available(using)
    counters = [
        race_counter(strategy, threads=threads, increments=increments, pause_ms=pause_ms, using=using)
        for strategy in STRATEGIES
    ]
    races = [race_get_or_create(model, threads=max(threads, 2), using=using) for model in (UniqueTag, LooseTag)]
    return RaceReport(counters, races)
