"""The admin at scale: no COUNT(*) per page on big tables, indexes for the default order, no giant selects."""

import json

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import ForeignKey, ManyToManyField, Q
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from playground.labkit import seeding
from playground.labkit.admin_scale import EstimatedCountPaginator, ScaleAdminMixin, table_estimate
from relations.models import Author, Blog
from tests.conftest import requires_postgres
from tests.data_io.helpers import admin_url

pytestmark = pytest.mark.django_db

SCALED = [ma for ma in admin.site._registry.values() if isinstance(ma, ScaleAdminMixin)]


@pytest.fixture
def blogs(db):
    seeding.seed(seeding.plan(300), seed=3)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE relations_blog")
            cursor.execute("ANALYZE relations_author")


def changelist(client, model, query=""):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(admin_url(model, "changelist") + query)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


def counts(queries):
    return [sql for sql in queries if "COUNT(" in sql.upper() and not sql.startswith("EXPLAIN")]


def unbounded_counts(queries):
    """COUNT(*) queries that read every matching row (a capped count has a LIMIT inside)."""
    return [sql for sql in counts(queries) if " LIMIT " not in sql.upper()]


@requires_postgres
def test_a_big_table_is_counted_from_statistics_and_the_page_says_so(admin_user_client, blogs, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 100)
    response, queries = changelist(admin_user_client, Blog)
    assert counts(queries) == [], "no COUNT(*) over the table"
    estimate = table_estimate(Blog)
    assert estimate is not None and estimate >= 100
    assert f"about {estimate:,} blogs (estimated count)" in response.content.decode()


@requires_postgres
def test_a_filtered_big_list_counts_up_to_a_cap_then_asks_the_planner(admin_user_client, blogs, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 10)
    response, queries = changelist(admin_user_client, Blog, "?status__exact=draft")
    assert unbounded_counts(queries) == []
    assert any("LIMIT 10" in sql for sql in counts(queries)), "a capped count"
    assert any(sql.startswith("EXPLAIN (FORMAT JSON)") for sql in queries)
    assert "(estimated count)" in response.content.decode()


@requires_postgres
def test_a_filtered_list_under_the_cap_is_counted_exactly(admin_user_client, blogs, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 10_000)
    response, queries = changelist(admin_user_client, Blog, "?status__exact=draft")
    drafts = Blog.objects.drafts().count()
    assert f"{drafts} blogs" in response.content.decode()
    assert "estimated" not in response.content.decode()
    assert not any(sql.startswith("EXPLAIN") for sql in queries)


def autocomplete(client, term, page=1):
    url = reverse("admin:autocomplete")
    query = {"app_label": "relations", "model_name": "blog", "field_name": "author", "term": term, "page": page}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, query)
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in ctx.captured_queries if "relations_author" in q["sql"]]


def test_the_autocomplete_pages_authors_without_counting_them(admin_user_client, blogs):
    matching = Author.objects.filter(Q(name__icontains="a") | Q(email__icontains="a")).order_by("name", "-pk")
    assert matching.count() > 20, "more than one page of 20"
    first, queries = autocomplete(admin_user_client, "a")
    assert [int(r["id"]) for r in first["results"]] == list(matching.values_list("pk", flat=True)[:20])
    assert first["pagination"]["more"] is True
    assert not any(sql.startswith(("SELECT COUNT(", "EXPLAIN")) for sql in queries)
    assert len(queries) == 1, "one query for the page and the row that tells whether more follow"

    last_page = (matching.count() - 1) // 20 + 1
    last, _ = autocomplete(admin_user_client, "a", page=last_page)
    assert last["pagination"]["more"] is False
    assert [int(r["id"]) for r in last["results"]] == list(
        matching.values_list("pk", flat=True)[(last_page - 1) * 20 :]
    )
    assert (
        admin_user_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "relations",
                "model_name": "blog",
                "field_name": "author",
                "term": "a",
                "page": last_page + 1,
            },
        ).status_code
        == 404
    )


def test_a_small_table_is_counted_exactly_once(admin_user_client, blogs):
    response, queries = changelist(admin_user_client, Blog)
    assert len(counts(queries)) == 1, "the paginator's count only: show_full_result_count is off"
    assert f"{Blog.objects.count()} blogs" in response.content.decode()
    assert "estimated" not in response.content.decode()


@requires_postgres
def test_the_date_drill_down_is_hidden_on_a_big_table(admin_user_client, blogs, monkeypatch):
    monkeypatch.setattr(admin.site._registry[Blog], "date_hierarchy_max_rows", 100)
    response, queries = changelist(admin_user_client, Blog)
    html = response.content.decode()
    assert 'class="toplinks"' not in html
    assert "date drill-down hidden" in html
    assert not any("DISTINCT" in sql and "published_at" in sql for sql in queries)


def test_the_date_drill_down_stays_on_a_small_table(admin_user_client, blogs):
    assert 'class="toplinks"' in changelist(admin_user_client, Blog)[0].content.decode()


@requires_postgres
@pytest.mark.parametrize(
    "model_admin",
    SCALED,
    ids=[ma.model._meta.label for ma in SCALED],
)
def test_the_default_changelist_order_is_read_from_an_index_not_sorted(admin_user, blogs, model_admin):
    request = RequestFactory().get("/")
    request.user = admin_user
    queryset = model_admin.get_changelist_instance(request).queryset[: model_admin.list_per_page]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Small test tables make a sequential scan cheapest; forbid it to see whether an index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    top = plan[0]["Plan"]
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes(top)), json.dumps(top, indent=1)


def _foreign_keys_to_big_tables(model_admin):
    big = {ma.model for ma in SCALED}
    for field in model_admin.model._meta.get_fields():
        if isinstance(field, (ForeignKey, ManyToManyField)) and field.related_model in big and field.editable:
            yield field.name


ALL_ADMINS = [
    (ma, inline)
    for ma in admin.site._registry.values()
    for inline in [ma, *[cls(ma.model, admin.site) for cls in ma.inlines]]
]


@pytest.mark.parametrize(
    ("parent", "model_admin"),
    ALL_ADMINS,
    ids=[f"{p.model._meta.label}:{type(m).__name__}" for p, m in ALL_ADMINS],
)
def test_no_form_offers_a_select_of_every_row_of_a_big_table(parent, model_admin):
    shown = set(model_admin.autocomplete_fields) | set(model_admin.raw_id_fields) | set(model_admin.readonly_fields)
    fields = model_admin.fields
    for name in _foreign_keys_to_big_tables(model_admin):
        if fields is not None and name not in fields:
            continue
        if getattr(model_admin, "fk_name", None) == name:
            continue  # the inline's own link to its parent is not a widget
        assert name in shown, (
            f"{type(model_admin).__name__}.{name} points at a big table: add it to autocomplete_fields or raw_id_fields"
        )
