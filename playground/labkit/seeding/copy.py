"""COPY text format and the two row writers of the seeding engine (PostgreSQL COPY, executemany)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from playground.labkit.seeding import SeedSpec


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


def copy_rows(connection, spec: SeedSpec, batches: Iterator[list[tuple]]) -> None:
    with connection.cursor() as cursor:
        cursor.copy_expert(copy_sql(connection, spec), _CopyStream(spec, batches), COPY_CHUNK)


def executemany_rows(connection, spec: SeedSpec, batches: Iterator[list[tuple]]) -> None:
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
