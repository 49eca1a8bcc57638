"""The admin at a million rows: what stops a changelist from reading the whole table.

A default changelist page on PostgreSQL sends ``SELECT COUNT(*)`` twice (the filtered
count for the paginator and the unfiltered one for "N total"), and a count reads every
row: at a million blogs that is most of the page's time. ``ScaleAdminMixin`` removes both:

* ``show_full_result_count = False`` drops the unfiltered count;
* ``EstimatedCountPaginator`` takes the row count from the planner's statistics
  (``pg_class.reltuples`` for a whole table, ``EXPLAIN``'s row estimate for a filtered
  list) once the estimate passes ``exact_below``; below that, or on SQLite, it counts
  exactly. The page then says "about N … (estimated)" (``admin/pagination.html``);
* the date drill-down (``date_hierarchy``) lists its years with ``SELECT DISTINCT`` over
  the whole table, so it is hidden above ``date_hierarchy_max_rows``; the date filter in
  the sidebar does the same job with index range scans.

The rest is configuration on each ModelAdmin: indexes matching the default ordering
(Django appends ``-pk`` to make it total, so the index must end with ``-id``), and
``autocomplete_fields``/``raw_id_fields`` for every foreign key to a big table.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db import connections, router
from django.db.models import QuerySet
from django.utils.functional import cached_property


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
    """Counts exactly when it is cheap, estimates from statistics when it is not."""

    # Below this estimate a real COUNT(*) costs little and is exact.
    exact_below = 10_000

    is_estimated = False

    @cached_property
    def count(self):
        object_list = self.object_list
        if not isinstance(object_list, QuerySet):
            return super().count
        query = object_list.query
        if query.where or query.distinct or query.combinator or query.low_mark or query.high_mark is not None:
            estimate = query_estimate(object_list)
        else:
            estimate = table_estimate(object_list.model, object_list.db)
        if estimate is None or estimate < self.exact_below:
            return super().count
        self.is_estimated = True
        return estimate

    @property
    def display_count(self) -> str:
        return f"{self.count:,}"


class ScaleAdminMixin:
    """ModelAdmin settings for tables of millions of rows (PostgreSQL statistics, no COUNT(*))."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    date_hierarchy_max_rows = 100_000

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.date_hierarchy_hidden = False
        if changelist.date_hierarchy:
            estimate = table_estimate(self.model)
            if estimate is not None and estimate > self.date_hierarchy_max_rows:
                # Filtering by a date already in the URL still works; only the drill-down
                # bar (SELECT DISTINCT over every row) is not rendered.
                changelist.date_hierarchy = None
                changelist.date_hierarchy_hidden = True
        return changelist
