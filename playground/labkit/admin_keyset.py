"""Keyset (seek) pages for big changelists: page N+1 starts *after page N's last row*, not at OFFSET.

``OFFSET 99900`` makes the database read and throw away 99,900 rows before the page it
wants, so page 1,000 of a million blogs costs ten times page 1. A seek condition says
where the page starts instead — "after (published_at, title, id) = (…)" — and an index
on the ordering goes straight there. Three rules make it exact:

* the ordering must be total, so it ends with the primary key (the admin adds ``-pk``);
* every ordering column must be a column of the changelist's own table (an ordering
  through a relation or an annotation cannot be sought: those pages keep OFFSET, and the
  page says so);
* NULLs sort where the database puts them (PostgreSQL: larger than any value, SQLite:
  smaller), read from ``connection.features.nulls_order_largest``.

"Strictly after a row" on several columns of mixed direction is no single range, so it
is asked as a few small range queries, closest rows first: same values on all columns
but the last and a later last value, then same values but one column fewer, … Each one
is an index range scan with a LIMIT. The last page is the first page of the reversed
ordering. Links carry the boundary row (``after=`` / ``before=``), so "next" and
"previous" seek; a page number typed without one falls back to OFFSET.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db import connections
from django.db.models import F, Field, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

AFTER, BEFORE = "after", "before"
CURSOR_PARAMS = (AFTER, BEFORE)


@dataclass(frozen=True)
class SeekKey:
    """One column of the ordering: its name, direction and field (for NULLs and parsing)."""

    name: str
    descending: bool
    field: Field

    def reversed(self) -> SeekKey:
        return SeekKey(self.name, not self.descending, self.field)


@dataclass(frozen=True)
class Cursor:
    """Where a page starts (``after`` a row) or ends (``before`` a row), from its link."""

    direction: str
    token: str


def _term(term) -> tuple[str, bool] | None:
    if isinstance(term, str):
        return (term[1:], True) if term.startswith("-") else (term, False)
    if isinstance(term, OrderBy) and isinstance(term.expression, F) and not (term.nulls_first or term.nulls_last):
        return term.expression.name, term.descending
    return None


def seek_keys(queryset: QuerySet) -> tuple[list[SeekKey] | None, str]:
    """The ordering as seek keys, or None and the reason it cannot be sought."""
    opts = queryset.model._meta
    terms = list(queryset.query.order_by or opts.ordering)
    keys = []
    for term in terms:
        parsed = _term(term)
        if parsed is None or "__" in parsed[0] or parsed[0] == "?":
            return None, f"the ordering {term} is not a plain column"
        name, descending = parsed
        try:
            field = opts.pk if name == "pk" else opts.get_field(name)
        except Exception:  # noqa: BLE001 - an annotation or alias, not a field of the table
            return None, f"the ordering by {name} is computed, not a column of the table"
        # A foreign key named by its column ("author_id") orders by that column; by its name
        # ("author"), by the related model's Meta.ordering, through a join.
        if not field.concrete or (field.is_relation and name != field.attname):
            return None, f"the ordering by {name} goes through another table"
        keys.append(SeekKey(field.attname if name != "pk" else opts.pk.attname, descending, field))
    if not any(key.field.primary_key or (key.field.unique and not key.field.null) for key in keys):
        return None, "the ordering has no unique tie-breaker"
    return keys, ""


def _plain(value):
    # Full precision: DjangoJSONEncoder would cut datetimes to milliseconds, and a boundary
    # that is off by a microsecond skips or repeats rows.
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


def encode(values: tuple) -> str:
    return urlsafe_base64_encode(json.dumps([_plain(value) for value in values]).encode())


def decode(keys: list[SeekKey], token: str) -> tuple | None:
    """The boundary row's values, parsed by each field; None for a token that does not fit."""
    try:
        raw = json.loads(urlsafe_base64_decode(token))
        if not isinstance(raw, list) or len(raw) != len(keys):
            return None
        return tuple(
            None if value is None else key.field.to_python(value) for key, value in zip(keys, raw, strict=True)
        )
    except (ValueError, TypeError, Exception):  # noqa: BLE001 - any malformed token means "no cursor"
        return None


def _strictly_after(key: SeekKey, value, nulls_largest: bool) -> list[Q]:
    """'Later than value on this column' as range conditions, in the order their rows come."""
    nulls_come_last = nulls_largest != key.descending
    if value is None:
        return [] if nulls_come_last else [Q(**{f"{key.name}__isnull": False})]
    pieces = [Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})]
    if nulls_come_last and key.field.null:
        pieces.append(Q(**{f"{key.name}__isnull": True}))
    return pieces


def _same(key: SeekKey, value) -> Q:
    return Q(**{f"{key.name}__isnull": True}) if value is None else Q(**{key.name: value})


def seek(queryset: QuerySet, keys: list[SeekKey], boundary: tuple, limit: int) -> list[tuple]:
    """Up to ``limit`` rows after ``boundary`` in the queryset's ordering, as (pk, *key values)."""
    nulls_largest = connections[queryset.db].features.nulls_order_largest
    names = [key.name for key in keys]
    rows: list[tuple] = []
    # Closest rows first: equal on every column but the last, then on one column fewer, ...
    for depth in reversed(range(len(keys))):
        same = Q(*[_same(key, value) for key, value in zip(keys[:depth], boundary[:depth], strict=True)])
        for later in _strictly_after(keys[depth], boundary[depth], nulls_largest):
            if len(rows) >= limit:
                return rows
            rows += queryset.filter(same, later).values_list("pk", *names)[: limit - len(rows)]
    return rows


class KeysetMixin:
    """Paginator mixin: OFFSET for the first pages, seek for links that carry a boundary row."""

    # Pages up to this one are cheap with OFFSET, and their numbers stay clickable.
    offset_pages = 5
    cursor: Cursor | None = None
    keys: list[SeekKey] | None = None
    fallback_reason = ""
    page_method = "offset"
    _page = None

    def use_keyset(self, cursor: Cursor | None) -> None:
        self.cursor = cursor
        if isinstance(self.object_list, QuerySet):
            self.keys, self.fallback_reason = seek_keys(self.object_list)

    def page(self, number):
        if self.keys is None:
            return super().page(number)
        number = self.validate_number(number)
        rows = self._seek_rows(number)
        if rows is None:
            self._page = super().page(number)  # the admin's own single query
        else:
            # One more query by primary key, so the page keeps the admin's select_related and
            # annotations and stays a QuerySet (actions, list_editable).
            self._page = self._get_page(self.object_list.filter(pk__in=[row[0] for row in rows]), number, self)
        return self._page

    def _token(self, index: int) -> str:
        # Read when the links are rendered, after the rows: the page's queryset is evaluated once.
        rows = list(self._page.object_list) if self._page is not None else []
        return encode(tuple(getattr(rows[index], key.name) for key in self.keys)) if rows else ""

    @property
    def first_token(self) -> str:
        return self._token(0)

    @property
    def last_token(self) -> str:
        return self._token(-1)

    def _seek_rows(self, number: int) -> list[tuple] | None:
        """(pk, *key values) of the page's rows by seek, or None for a page read by OFFSET."""
        boundary = decode(self.keys, self.cursor.token) if self.cursor else None
        if boundary is not None:
            self.page_method = "seek"
            if self.cursor.direction == AFTER:
                return seek(self.object_list, self.keys, boundary, self.per_page)
            reversed_keys = [key.reversed() for key in self.keys]
            return seek(self.object_list.reverse(), reversed_keys, boundary, self.per_page)[::-1]
        if number == self.num_pages and number > self.offset_pages:
            # The last page is the first page of the reversed ordering; with an exact count
            # it holds the remainder, as Django's last page does.
            self.page_method = "seek"
            size = self.count - (number - 1) * self.per_page
            if getattr(self, "is_estimated", False) or not 0 < size <= self.per_page:
                size = self.per_page
            names = [key.name for key in self.keys]
            return list(self.object_list.reverse().values_list("pk", *names)[:size])[::-1]
        return None


class KeysetNavigation:
    """Links for the pagination template: numbers for the first pages, seek links for the rest."""

    def __init__(self, changelist, page_var: str):
        self.changelist, self.page_var, self.paginator = changelist, page_var, changelist.paginator
        self.fallback = self.paginator.fallback_reason if self.paginator.keys is None else ""
        self.offset_pages = self.paginator.offset_pages
        self.number, self.num_pages = changelist.page_num, self.paginator.num_pages
        self.method = self.paginator.page_method

    def url(self, page: int, **cursor) -> str:
        if page <= self.offset_pages or page == self.num_pages:
            cursor = {}  # cheap by OFFSET, or the reversed read: no boundary row needed
        return self.changelist.get_query_string({self.page_var: page, **cursor})

    @property
    def numbers(self) -> list[tuple[int, str]]:
        return [(page, self.url(page)) for page in range(1, min(self.offset_pages, self.num_pages) + 1)]

    @property
    def first(self) -> str:
        return self.url(1) if self.number > 1 else ""

    @property
    def previous(self) -> str:
        return self.url(self.number - 1, before=self.paginator.first_token) if self.number > 1 else ""

    @property
    def next(self) -> str:
        return self.url(self.number + 1, after=self.paginator.last_token) if self.number < self.num_pages else ""

    @property
    def last(self) -> str:
        return self.url(self.num_pages) if self.number < self.num_pages else ""


def pop_cursor(request) -> Cursor | None:
    """Take ``after``/``before`` out of the request, which the changelist would read as filters."""
    if not any(name in request.GET for name in CURSOR_PARAMS):
        return None
    query = request.GET.copy()
    tokens = {name: query.pop(name, [""])[-1] for name in CURSOR_PARAMS}
    request.GET = query
    return next((Cursor(name, token) for name, token in tokens.items() if token), None)


def navigation(changelist, page_var: str) -> KeysetNavigation | None:
    """The keyset links of a changelist page, or None where Django's own pagination applies."""
    paginator = changelist.paginator
    if not changelist.multi_page or changelist.show_all or not isinstance(paginator, KeysetMixin):
        return None
    return KeysetNavigation(changelist, page_var)
