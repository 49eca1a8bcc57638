"""The admin at a million rows: what stops a changelist from reading the whole table.

A default changelist page on PostgreSQL sends ``SELECT COUNT(*)`` twice (the filtered
count for the paginator and the unfiltered one for "N total"), and a count reads every
row: at a million blogs that is most of the page's time. ``ScaleAdminMixin`` removes both:

* ``show_full_result_count = False`` drops the unfiltered count;
* ``EstimatedCountPaginator`` takes the row count from the planner's statistics
  (``pg_class.reltuples`` for a whole table) or counts at most ``exact_below`` matches of
  a filtered list (then ``EXPLAIN``'s estimate); small lists and SQLite are counted
  exactly. The page then says "about N … (estimated count)" (``admin/pagination.html``);
  the autocomplete does not count at all (``LookaheadPaginator``);
* the date drill-down (``date_hierarchy``) lists its years with ``SELECT DISTINCT`` over
  the whole table, so it is hidden above ``date_hierarchy_max_rows``; the date filter in
  the sidebar does the same job with index range scans.

* the search is rewritten so that each condition is on the changelist's own table
  (``playground/admin_search.py``), where PostgreSQL's trigram indexes can answer it;
* pages past the first few are read by keyset (seek) instead of OFFSET
  (``playground/labkit/admin_keyset.py``), so the last page and page 1,000 cost what page 1 does.

The rest is configuration on each ModelAdmin: indexes matching the default ordering
(Django appends ``-pk`` to make it total, so the index must end with ``-id``), and
``autocomplete_fields``/``raw_id_fields`` for every foreign key to a big table.
"""

from __future__ import annotations

import json

from django.contrib.admin.views.main import PAGE_VAR
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections, router
from django.db.models import QuerySet
from django.utils.functional import cached_property

from playground.labkit.admin_keyset import KeysetMixin, navigation, pop_cursor
from playground.labkit.admin_search import index_friendly_search


def table_estimate(model, using: str | None = None) -> int | None:
    """PostgreSQL's estimate of the table's rows; None if unknown (never analysed, not PG)."""
    using = using or router.db_for_read(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(model._meta.db_table)],
        )
        row = cursor.fetchone()
    # -1: the table was never vacuumed or analysed, so the planner knows nothing yet.
    if row is None or row[0] < 0:
        return None
    return int(row[0])


def query_estimate(queryset: QuerySet) -> int | None:
    """The planner's row estimate for a queryset (EXPLAIN, which runs nothing)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts exactly when it is cheap, estimates from statistics when it is not.

    * whole table: ``pg_class.reltuples`` once it passes ``exact_below`` (no scan at all);
    * filtered list: a *capped* count, ``SELECT COUNT(*) FROM (… LIMIT exact_below)``, which
      stops reading after ``exact_below`` matches; only a list that reaches the cap gets the
      planner's estimate (``EXPLAIN``) instead.
    On other databases, or before PostgreSQL has statistics, it counts exactly.
    """

    # Up to this many rows a count is exact; past it, an estimate is good enough to page.
    exact_below = 10_000

    is_estimated = False

    def __init__(self, *args, exact_below: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if exact_below is not None:
            self.exact_below = exact_below

    @cached_property
    def count(self):
        object_list = self.object_list
        if not isinstance(object_list, QuerySet) or connections[object_list.db].vendor != "postgresql":
            return super().count
        query = object_list.query
        if query.where or query.distinct or query.combinator or query.low_mark or query.high_mark is not None:
            # values("pk"): the count needs no annotation in its SELECT (a per-row subquery
            # such as AuthorAdmin's blog count would otherwise run for every counted row).
            capped = object_list.order_by().values("pk")[: self.exact_below].count()
            if capped < self.exact_below:
                return capped
            estimate = max(query_estimate(object_list) or 0, capped)
        else:
            estimate = table_estimate(object_list.model, object_list.db)
            if estimate is None or estimate < self.exact_below:
                return super().count
        self.is_estimated = True
        return estimate

    @property
    def display_count(self) -> str:
        return f"{self.count:,}"


class LookaheadPaginator(Paginator):
    """Pages without counting: reads one row past the page to know whether another follows.

    For lists that only offer "more" (the admin's autocomplete), where even a capped count
    costs more than the page: one ``LIMIT per_page + 1`` query, nothing else.
    """

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        # As much of a count as Page needs: one row past this page makes has_next() true.
        self.__dict__["count"] = bottom + len(rows)
        return self._get_page(rows[: self.per_page], number, self)


class KeysetPaginator(KeysetMixin, EstimatedCountPaginator):
    """Estimated count, OFFSET for the first pages, seek for every page reached by next/previous/last."""


class ScaleAdminMixin:
    """ModelAdmin settings for tables of millions of rows (PostgreSQL statistics, no COUNT(*), no OFFSET)."""

    paginator = KeysetPaginator
    show_full_result_count = False
    date_hierarchy_max_rows = 100_000

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "autocomplete":
            # The autocomplete only says whether more results follow: no count is needed at all.
            # Its pages need a total order, as the changelist's do (Django adds -pk there).
            ordering = [*(queryset.query.order_by or queryset.model._meta.ordering), "-pk"]
            return LookaheadPaginator(queryset.order_by(*ordering), per_page, orphans, allow_empty_first_page)
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if isinstance(paginator, KeysetMixin):
            paginator.use_keyset(getattr(request, "keyset_cursor", None))
        return paginator

    def get_search_results(self, request, queryset, search_term):
        searched = index_friendly_search(queryset, self.get_search_fields(request), search_term)
        if searched is None:
            return super().get_search_results(request, queryset, search_term)
        return searched, False

    def get_changelist_instance(self, request):
        # The boundary row of a next/previous link is no filter: the changelist must not see it.
        request.keyset_cursor = pop_cursor(request)
        changelist = super().get_changelist_instance(request)
        changelist.keyset_nav = navigation(changelist, PAGE_VAR)
        changelist.date_hierarchy_hidden = False
        if changelist.date_hierarchy:
            estimate = table_estimate(self.model)
            if estimate is not None and estimate > self.date_hierarchy_max_rows:
                # Filtering by a date already in the URL still works; only the drill-down
                # bar (SELECT DISTINCT over every row) is not rendered.
                changelist.date_hierarchy = None
                changelist.date_hierarchy_hidden = True
        return changelist
