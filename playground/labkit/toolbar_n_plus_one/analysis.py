"""Which queries of a request repeat once per row: pure functions over recorded SQL.

Input is what django-debug-toolbar's SQL panel records for each query (``raw_sql`` with
its placeholders, ``params``, ``alias`` and ``stacktrace``: a list of (file, line,
function, source line, locals) from the query outwards). Queries are grouped by *shape* —
the SQL with its parameters stripped — and by the Python line that sent them; a group
that ran at least twice with different parameters is a repeat: rows loaded one at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

_THIS_PACKAGE = str(Path(__file__).resolve().parent)
_LIBRARY_MARKERS = ("site-packages", "dist-packages", "/lib/python3")
_IN_LIST = re.compile(r"IN \((?:%s, )*%s\)")
_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_FROM = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)
_WHERE = re.compile(r'\bWHERE\s+\(?\s*"?(\w+)"?\."?(\w+)"?\s*(?:=|IN\b)', re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    path: str
    line: int
    function: str
    code: str

    @property
    def location(self) -> str:
        base = str(settings.BASE_DIR)
        path = self.path[len(base) + 1 :] if self.path.startswith(base) else self.path
        return f"{path}:{self.line} in {self.function}()"


@dataclass
class Repeat:
    """One shape of query sent again and again from one line."""

    alias: str
    shape: str
    frame: Frame | None
    table: str
    where_table: str
    where_column: str
    params: list = field(default_factory=list)
    sql: str = ""

    @property
    def count(self) -> int:
        return len(self.params)


def shape(sql: str) -> str:
    """The SQL with its parameters stripped: placeholders, literal values and IN-lists blanked."""
    return _LITERAL.sub("?", _IN_LIST.sub("IN (…)", sql))


def is_project_path(path: str) -> bool:
    return (
        path.startswith(str(settings.BASE_DIR))
        and not any(marker in path for marker in _LIBRARY_MARKERS)
        and not path.startswith(_THIS_PACKAGE)
    )


def origin(stacktrace) -> Frame | None:
    """The line that sent the query: the innermost frame of project code, else the innermost frame."""
    frames = [Frame(str(f[0]), int(f[1]), str(f[2]), str(f[3] or "")) for f in stacktrace or []]
    return next((frame for frame in frames if is_project_path(frame.path)), frames[0] if frames else None)


def tables(sql: str) -> tuple[str, str, str]:
    """(FROM table, table and column of the first WHERE condition) of a SELECT; blanks if not found."""
    found_from, found_where = _FROM.search(sql), _WHERE.search(sql)
    return (
        found_from.group(1) if found_from else "",
        found_where.group(1) if found_where else "",
        found_where.group(2) if found_where else "",
    )


def find_repeats(queries, min_count: int = 2) -> list[Repeat]:
    """Groups of SELECTs with one shape from one line, run ``min_count`` times or more with different parameters."""
    groups: dict[tuple, Repeat] = {}
    for query in queries:
        raw = query.get("raw_sql") or query.get("sql") or ""
        if not raw.lstrip().upper().startswith("SELECT"):
            continue
        frame = origin(query.get("stacktrace"))
        key = (query.get("alias", "default"), shape(raw), frame and (frame.path, frame.line))
        if key not in groups:
            table, where_table, where_column = tables(raw)
            groups[key] = Repeat(key[0], key[1], frame, table, where_table, where_column, sql=query.get("sql", raw))
        groups[key].params.append(repr(query.get("params")))
    return [
        repeat
        for repeat in groups.values()
        if repeat.count >= min_count and len(set(repeat.params)) > 1 and repeat.where_column
    ]
