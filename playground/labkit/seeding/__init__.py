"""Realistic volume, fast: the logic behind ``manage.py seed``.

A *generator* is registered per model and yields rows as plain tuples (one value per
database column, in ``columns`` order) from a ``random.Random`` seeded with the run's
seed and the model's label, so the same seed gives the same rows. The engine pulls
``batch_size`` rows at a time and writes them with the fastest path the database has:

* PostgreSQL: ``COPY … FROM STDIN`` (text format) — one round trip per batch and no
  per-row INSERT parsing; ``benchmarks/seed_vs_copy.py`` compares it with a bare ``COPY`` of the
  same rows.
* anything else: ``executemany`` of one parameterised INSERT per batch.

Neither path builds model instances (``bulk_create`` would: slower, and it would stamp
``auto_now`` fields with the current time, which breaks repeatability), and at most one
batch of rows is alive at a time, so a million rows take the memory of ten thousand.

Everything runs in one transaction: a failure half-way leaves the tables as they were.
Primary keys are given explicitly (continuing after the current maximum) so that
generators of dependent tables know which keys exist; the sequences are reset after.

Generators give explicit integer pks and only the columns of the model's own table
(``local_concrete_fields``: a multi-table child registers its ``…_ptr_id`` and own fields,
after a generator for its parent). Other labs plug in from a ``seeds.py`` module in their
app (imported automatically)::

    from playground.labkit import seeding

    @seeding.register(Tag, per_scale=0.001, columns=("id", "name", "created_at", "updated_at"))
    def tags(ctx, rng, first_pk, count):
        for pk in range(first_pk, first_pk + count):
            stamp = ctx.timestamp(rng)
            yield (pk, f"tag-{pk}", stamp, stamp)
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import IntegrityError, connections, transaction
from django.db.models import Max, Model

from playground.labkit.seeding.copy import copy_rows, executemany_rows
from playground.labkit.seeding.specs import SeedContext, SeedError, SeedSpec, register, registry
from playground.labkit.seeding.words import ADJECTIVES, FIRST_NAMES, LAST_NAMES, WORDS, sentences

__all__ = [
    "ADJECTIVES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "WORDS",
    "SeedContext",
    "SeedError",
    "SeedReport",
    "SeedSpec",
    "plan",
    "register",
    "registry",
    "seed",
    "sentences",
]

DEFAULT_BATCH_SIZE = 10_000
DEFAULT_SEED = 2026


# --- The engine ----------------------------------------------------------------


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = ""

    @property
    def total(self) -> int:
        return sum(self.created.values())


def plan(scale: int, overrides: dict[str, int] | None = None, only: Iterable[str] | None = None) -> list[tuple]:
    """[(spec, count)] in dependency order for a scale, with per-model overrides."""
    overrides = {k.lower(): v for k, v in (overrides or {}).items()}
    only = {label.lower() for label in only} if only else None
    specs = registry()
    known = {spec.label.lower() for spec in specs}
    unknown = (set(overrides) | (only or set())) - known
    if unknown:
        raise SeedError(f"No seed generator for {', '.join(sorted(unknown))}. Known: {', '.join(sorted(known))}.")
    result = []
    for spec in specs:
        if only is not None and spec.label.lower() not in only:
            continue
        count = overrides.get(spec.label.lower(), spec.count_for(scale))
        if count < 0:
            raise SeedError(f"{spec.label}: a row count cannot be negative ({count}).")
        result.append((spec, count))
    return result


def seed(
    counts: list[tuple[SeedSpec, int]],
    *,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    using: str = "default",
    progress: Callable[[str, int, int], None] | None = None,
    writer: str | None = None,
) -> SeedReport:
    """Insert ``count`` generated rows per spec, in one transaction."""
    if batch_size < 1:
        raise SeedError("The batch size must be at least 1.")
    connection = connections[using]
    write = _writer_for(connection, writer)
    report = SeedReport(method=write.__name__.lstrip("_"))
    ctx = SeedContext(using=using)
    with transaction.atomic(using=using):
        if reset:
            reset_tables([spec.model for spec, _ in counts], using=using)
        for spec, count in counts:
            started = time.perf_counter()
            first_pk = (spec.model._base_manager.using(using).aggregate(m=Max("pk"))["m"] or 0) + 1
            ctx.new_pks[spec.label] = range(first_pk, first_pk + count)
            if count:
                ctx.prepare(spec)
            rng = random.Random(f"{seed}:{spec.label}")
            batches = _batches(spec, spec.generate(ctx, rng, first_pk, count), count, batch_size, progress)
            # The first batch is made before COPY starts: whatever a generator reads from the
            # database before its first row (a content type, a lookup table) is read while
            # the connection is still free to answer.
            first = next(batches, None)
            if first is not None:
                write(connection, spec, itertools.chain([first], batches))
            report.created[spec.label] = count
            report.seconds[spec.label] = time.perf_counter() - started
        _reset_sequences(connection, [spec.model for spec, count in counts if count])
        # Foreign keys are checked at commit (deferred); check now, so that a seed nested in
        # an outer transaction (a test, a lab page) fails here, with the table's name.
        try:
            connection.check_constraints(table_names=[spec.model._meta.db_table for spec, count in counts if count])
        except IntegrityError as err:
            raise SeedError(f"The generated rows refer to rows that do not exist: {err}") from err
        if connection.vendor == "postgresql":
            # Fresh statistics at once, not whenever autovacuum comes by: the admin's estimated
            # counts read pg_class.reltuples, and the search's plans need the trigram indexes'
            # expression statistics (without them a common word is planned as a rare one).
            # After the commit only: ANALYZE's row estimate outlives a rollback, so a seed
            # inside a transaction that is rolled back must leave the statistics alone.
            tables = [spec.model._meta.db_table for spec, count in counts if count]
            transaction.on_commit(lambda: analyze(connection, tables), using=using)
    return report


def analyze(connection, tables: list[str]) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _batches(spec, rows, count, batch_size, progress) -> Iterator[list[tuple]]:
    """The generator's rows, ``batch_size`` at a time (never more in memory), with progress."""
    done = 0
    if progress:
        progress(spec.label, 0, count)
    while done < count:
        batch = list(itertools.islice(rows, min(batch_size, count - done)))
        if not batch:
            raise SeedError(f"The {spec.label} generator stopped after {done} of {count} rows.")
        yield batch
        done += len(batch)
        if progress:
            progress(spec.label, done, count)


def reset_tables(models: list[type[Model]], *, using: str = "default") -> None:
    """Empty the tables (PostgreSQL: TRUNCATE … CASCADE also empties tables referring to them)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
        with connection.cursor() as cursor:
            # Rows inserted earlier in this transaction have deferred FK checks pending, and
            # TRUNCATE refuses to run over pending trigger events: run the checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return
    # Dependents first; delete() also follows on_delete to other tables.
    for model in reversed(models):
        model._base_manager.using(using).all().delete()


def _writer_for(connection, name: str | None):
    if name is None:
        name = "copy" if connection.vendor == "postgresql" else "executemany"
    writers = {"copy": copy_rows, "executemany": executemany_rows}
    if name not in writers:
        raise SeedError(f"Unknown writer {name!r}: choose from {', '.join(writers)}.")
    if name == "copy" and connection.vendor != "postgresql":
        raise SeedError("COPY is PostgreSQL only.")
    return writers[name]


def _reset_sequences(connection, models: list[type[Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
