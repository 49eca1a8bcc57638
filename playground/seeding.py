"""Realistic volume, fast: the logic behind ``manage.py seed``.

A *generator* is registered per model and yields rows as plain tuples (one value per
database column, in ``columns`` order) from a ``random.Random`` seeded with the run's
seed and the model's label, so the same seed gives the same rows. The engine pulls
``batch_size`` rows at a time and writes them with the fastest path the database has:

* PostgreSQL: ``COPY … FROM STDIN`` (text format) — one round trip per batch and no
  per-row INSERT parsing; ``benchmarks/seed.py`` compares it with a bare ``COPY`` of the
  same rows.
* anything else: ``executemany`` of one parameterised INSERT per batch.

Neither path builds model instances (``bulk_create`` would: ~3× slower, and it would stamp
``auto_now`` fields with the current time, which breaks repeatability), and at most one
batch of rows is alive at a time, so a million rows take the memory of ten thousand.

Everything runs in one transaction: a failure half-way leaves the tables as they were.
Primary keys are given explicitly (continuing after the current maximum) so that
generators of dependent tables know which keys exist; the sequences are reset after.

Generators give explicit integer pks and only the columns of the model's own table
(``local_concrete_fields``: a multi-table child registers its ``…_ptr_id`` and own fields,
after a generator for its parent). Other labs plug in from a ``seeds.py`` module in their
app (imported automatically)::

    from playground import seeding

    @seeding.register(Tag, per_scale=0.001, columns=("id", "name", "created_at", "updated_at"))
    def tags(ctx, rng, first_pk, count):
        for pk in range(first_pk, first_pk + count):
            stamp = ctx.timestamp(rng)
            yield (pk, f"tag-{pk}", stamp, stamp)
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Max, Model
from django.utils.module_loading import autodiscover_modules

DEFAULT_BATCH_SIZE = 10_000
DEFAULT_SEED = 2026


class SeedError(Exception):
    """Seeding could not run; nothing was written."""


# --- The registry --------------------------------------------------------------

RowGenerator = Callable[["SeedContext", random.Random, int, int], Iterator[tuple]]


@dataclass(frozen=True)
class SeedSpec:
    model: type[Model]
    per_scale: float
    columns: tuple[str, ...]
    generate: RowGenerator
    depends_on: tuple[type[Model], ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label

    def count_for(self, scale: int) -> int:
        return round(scale * self.per_scale)


_registry: dict[str, SeedSpec] = {}


def register(model, *, per_scale: float, columns: Iterable[str], depends_on: Iterable[type[Model]] = ()):
    """Register ``fn(ctx, rng, first_pk, count)`` as the row generator of ``model``.

    ``per_scale``: rows per unit of ``--scale`` (the scale is the number of blogs).
    ``columns``: the column names (``attname``: ``author_id``) the yielded tuples fill.
    """

    def decorator(fn: RowGenerator) -> RowGenerator:
        spec = SeedSpec(model, per_scale, tuple(columns), fn, tuple(depends_on))
        _registry[spec.label] = spec
        return fn

    return decorator


def registry() -> list[SeedSpec]:
    """Every generator, dependencies first (labs register from ``<app>/seeds.py``)."""
    autodiscover_modules("seeds")
    ordered: list[SeedSpec] = []
    placed: set[str] = set()

    def place(spec: SeedSpec, path: tuple[str, ...] = ()) -> None:
        if spec.label in placed:
            return
        if spec.label in path:
            raise SeedError(f"Seed generators depend on each other in a circle: {' -> '.join(path)}")
        for dependency in spec.depends_on:
            if dependency._meta.label in _registry:
                place(_registry[dependency._meta.label], (*path, spec.label))
        ordered.append(spec)
        placed.add(spec.label)

    for spec in list(_registry.values()):
        place(spec)
    return ordered


# --- What a generator gets -----------------------------------------------------


@dataclass
class SeedContext:
    """Shared state of one run: which keys exist for each model, a fixed clock."""

    using: str
    new_pks: dict[str, range] = field(default_factory=dict)
    _existing: dict[str, list[int]] = field(default_factory=dict)

    # A fixed "now": timestamps must not depend on the day the seed runs.
    epoch = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    span_seconds = 6 * 365 * 24 * 3600

    def timestamp(self, rng: random.Random) -> dt.datetime:
        return self.epoch + dt.timedelta(seconds=rng.randrange(self.span_seconds))

    def prepare(self, spec: SeedSpec) -> None:
        """Read the keys ``spec`` refers to *before* its rows are written.

        A generator runs while COPY is streaming, when the connection can send no other
        query: every key it needs must be known by then.
        """
        for model in spec.depends_on:
            label = model._meta.label
            if self.new_pks.get(label) or label in self._existing:
                continue
            existing = list(model._base_manager.using(self.using).order_by("pk").values_list("pk", flat=True))
            if not existing:
                raise SeedError(
                    f"Cannot seed {spec.label}: its rows refer to {label}: there are none. Seed {label} too."
                )
            self._existing[label] = existing

    def keys(self, model: type[Model]) -> range | list[int]:
        """The pks of ``model`` a generator may refer to, in order (this run's rows first)."""
        label = model._meta.label
        if self.new_pks.get(label):
            return self.new_pks[label]
        if label not in self._existing:
            raise SeedError(f"{label} is not among the generator's depends_on: its keys were not read.")
        return self._existing[label]

    def pk_picker(self, model: type[Model]) -> Callable[[random.Random], int]:
        """A function returning a random existing pk of ``model`` (rows of this run first).

        ``model`` must be in the generator's ``depends_on``.
        """
        label = model._meta.label
        new = self.new_pks.get(label)
        if new:
            start, size = new.start, len(new)
            return lambda rng: start + int(rng.random() * size)
        if label not in self._existing:
            raise SeedError(f"{label} is not among the generator's depends_on: its keys were not read.")
        existing = self._existing[label]
        return lambda rng: existing[int(rng.random() * len(existing))]


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
    writers = {"copy": _copy, "executemany": _executemany}
    if name not in writers:
        raise SeedError(f"Unknown writer {name!r}: choose from {', '.join(writers)}.")
    if name == "copy" and connection.vendor != "postgresql":
        raise SeedError("COPY is PostgreSQL only.")
    return writers[name]


def copy_sql(connection, spec: SeedSpec) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(spec.model._meta.db_table)} ({', '.join(map(quote, spec.columns))}) FROM STDIN"


# COPY's text format: tab-separated, \N for NULL, backslash escapes.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _format_text(value) -> str:
    if value is None:
        return "\\N"
    # Four substring tests are an order of magnitude cheaper than translate() on every value.
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


def _format_temporal(value) -> str:
    return "\\N" if value is None else value.isoformat()


def _format_bool(value) -> str:
    return "\\N" if value is None else ("t" if value else "f")


def _format_other(value) -> str:
    return "\\N" if value is None else str(value)


def copy_formatters(spec: SeedSpec) -> list[Callable]:
    """One formatter per column, chosen once from the model field (not per value)."""
    by_column = {f.attname: f for f in spec.model._meta.local_concrete_fields}
    formatters = []
    for column in spec.columns:
        field = by_column[column]
        if isinstance(field, (models.CharField, models.TextField)):
            formatters.append(_format_text)
        elif isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
            formatters.append(_format_temporal)
        elif isinstance(field, models.BooleanField):
            formatters.append(_format_bool)
        else:
            formatters.append(_format_other)
    return formatters


def copy_text(spec: SeedSpec, rows: Iterable[tuple]) -> str:
    """Rows in COPY's text format (what the benchmark's bare COPY reads as well)."""
    formatters = copy_formatters(spec)
    return "".join("\t".join([fmt(value) for fmt, value in zip(formatters, row, strict=True)]) + "\n" for row in rows)


class _CopyStream(io.TextIOBase):
    """A file for COPY FROM STDIN that produces its text batch by batch while being read.

    One COPY per table instead of one per batch: the server inserts what it has received
    while Python generates the next batch, so generation and insertion overlap (the server
    is another process, on another core), and only one batch is in memory.
    """

    def __init__(self, spec: SeedSpec, batches: Iterator[list[tuple]]):
        self._spec = spec
        self._batches = batches
        self._text = ""
        self._offset = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> str:
        if self._offset >= len(self._text):
            batch = next(self._batches, None)
            if batch is None:
                return ""
            self._text, self._offset = copy_text(self._spec, batch), 0
        end = len(self._text) if size is None or size < 0 else self._offset + size
        chunk = self._text[self._offset : end]
        self._offset += len(chunk)
        return chunk


COPY_CHUNK = 1 << 16


def _copy(connection, spec: SeedSpec, batches: Iterator[list[tuple]]) -> None:
    with connection.cursor() as cursor:
        cursor.copy_expert(copy_sql(connection, spec), _CopyStream(spec, batches), COPY_CHUNK)


def _executemany(connection, spec: SeedSpec, batches: Iterator[list[tuple]]) -> None:
    opts = spec.model._meta
    fields_by_column = {f.attname: f for f in opts.local_concrete_fields}
    prepare = [fields_by_column[c].get_db_prep_save for c in spec.columns]
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(spec.columns))
    sql = f"INSERT INTO {quote(opts.db_table)} ({', '.join(map(quote, spec.columns))}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for rows in batches:
            params = [tuple(p(v, connection) for p, v in zip(prepare, row, strict=True)) for row in rows]
            cursor.executemany(sql, params)


def _reset_sequences(connection, models: list[type[Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# --- Generators for the chapter's core tables ----------------------------------

FIRST_NAMES = (
    "Ada Alan Barbara Brian Claude Dennis Donald Edsger Frances Grace Guido Hedy Ivan John Katherine "
    "Ken Leslie Linus Margaret Niklaus Radia Richard Shafi Sophie Tim Tony Vint Whitfield Yukihiro Zuse"
).split()
LAST_NAMES = (
    "Lovelace Turing Liskov Kernighan Shannon Ritchie Knuth Dijkstra Allen Hopper Rossum Lamarr Sutherland "
    "Backus Johnson Thompson Lamport Torvalds Hamilton Wirth Perlman Stallman Goldwasser Wilson Berners-Lee "
    "Hoare Cerf Diffie Matsumoto Codd"
).split()
WORDS = (
    "query index join model field migration schema table row column cache transaction lock vacuum "
    "plan cursor manager signal admin fixture constraint foreign key primary unique relation tree graph "
    "async batch stream replica partition sequence trigger view window aggregate subquery"
).split()
ADJECTIVES = "fast slow lazy eager deferred atomic durable partial covering unique composite hidden".split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def _sentences(rng: random.Random, how_many: int, min_words: int, max_words: int) -> list[str]:
    """A pool of texts drawn once per run: picking from it is ~20× cheaper than composing a text per row."""
    return [_sentence(rng, rng.randint(min_words, max_words)) for _ in range(how_many)]


def _register_core_generators() -> None:
    from relations.models import Author, Blog

    @register(Author, per_scale=0.1, columns=("id", "name", "email", "bio", "born_on", "created_at", "updated_at"))
    def authors(ctx, rng, first_pk, count):
        first_birthday = dt.date(1930, 1, 1).toordinal()
        bios = _sentences(rng, 500, 6, 16)
        for pk in range(first_pk, first_pk + count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            created = ctx.timestamp(rng)
            yield (
                pk,
                f"{first} {last}",
                # The pk keeps the email unique however many namesakes there are.
                f"{first}.{last}.{pk}@example.com".lower(),
                rng.choice(bios) if rng.random() < 0.7 else "",
                dt.date.fromordinal(first_birthday + rng.randrange(25_000)) if rng.random() < 0.8 else None,
                created,
                created + dt.timedelta(seconds=rng.randrange(10_000_000)),
            )

    @register(
        Blog,
        per_scale=1,
        columns=(
            "id",
            "title",
            "body",
            "status",
            "published_at",
            "views",
            "author_id",
            "editor_id",
            "created_at",
            "updated_at",
        ),
        depends_on=(Author,),
    )
    def blogs(ctx, rng, first_pk, count):
        author = ctx.pk_picker(Author)
        published, draft = Blog.Status.PUBLISHED.value, Blog.Status.DRAFT.value
        bodies = _sentences(rng, 2000, 10, 40)
        for pk in range(first_pk, first_pk + count):
            created = ctx.timestamp(rng)
            is_published = rng.random() < 0.7
            yield (
                pk,
                f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)}s",
                rng.choice(bodies),
                published if is_published else draft,
                created + dt.timedelta(hours=rng.randrange(1, 2000)) if is_published else None,
                # A long tail: most blogs are read a little, a few a lot.
                min(int(rng.paretovariate(1.2) * 10), 10_000_000) if is_published else 0,
                author(rng),
                author(rng) if rng.random() < 0.3 else None,
                created,
                created,
            )


_register_core_generators()
