"""The admin search at scale: the same rows as Django's search, conditions an index can answer."""

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from playground.labkit import admin_search
from playground.labkit.admin_search import index_friendly_search, split_search_field
from relations.models import Author, Blog, City, NormalisedArticle
from tests.conftest import requires_postgres
from tests.data_io.helpers import admin_url

pytestmark = pytest.mark.django_db

TERMS = [
    "atomic",  # a title word
    "Lovelace",  # an author's name
    "grace.hopper@example.com",  # an author's email
    "ada atomic",  # two words: each must match somewhere
    '"Atomic indexes"',  # a quoted phrase is one word
    "nothing-matches-this",
    "LOVELACE",  # icontains: case does not matter
]


@pytest.fixture
def blogs(no_demo_data):
    """Five blogs, alone in the database: the searches below expect exactly their titles."""
    ada = Author.objects.create(name="Ada Lovelace", email="ada@example.com")
    grace = Author.objects.create(name="Grace Hopper", email="grace.hopper@example.com")
    Blog.objects.create(title="Atomic indexes", author=ada)
    Blog.objects.create(title="Atomic writes", author=grace, editor=ada)
    Blog.objects.create(title="Lazy querysets", author=ada)
    Blog.objects.create(title="Deferred fields", author=grace)
    Blog.objects.create(title="Notes on Lovelace", author=grace)


def django_search(model, search_fields, term):
    """What ModelAdmin.get_search_results finds with Django's own implementation."""
    model_admin = admin.ModelAdmin(model, admin.site)
    model_admin.search_fields = search_fields
    queryset, _ = admin.ModelAdmin.get_search_results(model_admin, None, model._default_manager.all(), term)
    return set(queryset.values_list("pk", flat=True))


def blog_titles(response):
    return sorted(blog.title for blog in response.context["cl"].result_list)


@pytest.mark.parametrize(
    "term, titles",
    [
        ("atomic", ["Atomic indexes", "Atomic writes"]),
        ("grace.hopper@example.com", ["Atomic writes", "Deferred fields", "Notes on Lovelace"]),
        ("lovelace lazy", ["Lazy querysets"]),
        ("nothing-matches-this", []),
    ],
)
def test_blog_search_finds_blogs_by_title_author_name_and_email(admin_user_client, blogs, term, titles):
    response = admin_user_client.get(admin_url(Blog, "changelist"), {"q": term})
    assert blog_titles(response) == titles


@requires_postgres
@pytest.mark.parametrize("term", TERMS)
def test_the_rewritten_search_finds_exactly_what_djangos_search_finds(blogs, term):
    search_fields = admin.site._registry[Blog].search_fields
    rewritten = index_friendly_search(Blog.objects.all(), search_fields, term)
    assert rewritten is not None, "the Blog search is rewritten on PostgreSQL"
    assert set(rewritten.values_list("pk", flat=True)) == django_search(Blog, search_fields, term)


@requires_postgres
@pytest.mark.parametrize("search_fields", [["^title", "=author__email"], ["title", "author__name", "editor__name"]])
def test_prefixes_and_several_relations_keep_djangos_meaning(blogs, search_fields):
    for term in ["atomic", "ada", "ada@example.com", "grace.hopper@example.com", "lov"]:
        rewritten = index_friendly_search(Blog.objects.all(), search_fields, term)
        assert set(rewritten.values_list("pk", flat=True)) == django_search(Blog, search_fields, term), term


@requires_postgres
def test_blog_search_sends_no_join_that_would_defeat_the_indexes(admin_user_client, blogs):
    with CaptureQueriesContext(connection) as ctx:
        admin_user_client.get(admin_url(Blog, "changelist"), {"q": "lovelace"})
    blog_queries = [q["sql"] for q in ctx.captured_queries if '"relations_blog"."title"' in q["sql"]]
    searched = [sql for sql in blog_queries if "LIKE" in sql]
    assert searched, "the search reached the database"
    for sql in searched:
        where = sql.split(" WHERE ", 1)[1]
        assert '"relations_blog"."author_id" IN (' in where, sql
        # The author's name and email are compared in a query of their own, never against the join.
        assert '"relations_author"' not in where, sql


@requires_postgres
def test_a_word_matching_too_many_authors_keeps_djangos_join(blogs, monkeypatch):
    monkeypatch.setattr(admin_search, "RELATED_KEYS_MAX", 1)
    search_fields = admin.site._registry[Blog].search_fields
    assert index_friendly_search(Blog.objects.all(), search_fields, "example.com") is None
    assert index_friendly_search(Blog.objects.all(), search_fields, "grace.hopper") is not None


@requires_postgres
def test_postgresql_can_answer_the_blog_search_from_trigram_indexes(blogs):
    search = index_friendly_search(Blog.objects.all(), admin.site._registry[Blog].search_fields, "lovelace")
    authors = Author.objects.filter(Q(name__icontains="lovelace") | Q(email__icontains="lovelace")).order_by()
    with connection.cursor() as cursor:
        # A five-row table is read whole whatever its indexes: forbid that to see what they can do.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search.order_by().explain()
        authors_plan = authors.explain()
    assert "blog_title_trgm_idx" in plan and "relations_blog_author_id" in plan
    assert "author_name_trgm_idx" in authors_plan and "author_email_trgm_idx" in authors_plan


def test_other_databases_and_unknown_search_fields_keep_djangos_search(blogs):
    search_fields = admin.site._registry[Blog].search_fields
    if connection.vendor != "postgresql":
        assert index_friendly_search(Blog.objects.all(), search_fields, "atomic") is None
    # Fields on the table itself are index-friendly already: nothing to rewrite.
    assert index_friendly_search(Author.objects.all(), ["name", "email"], "ada") is None
    assert index_friendly_search(Blog.objects.all(), search_fields, "") is None


@pytest.mark.parametrize(
    "model, field, expected",
    [
        (Blog, "title", (None, "title__icontains")),
        (Blog, "^title", (None, "title__istartswith")),
        (Blog, "=author__email", ("author", "email__iexact")),
        (Blog, "author__name", ("author", "name__icontains")),
        (City, "country__name", ("country", "name__icontains")),
        (Blog, "@title", None),  # full-text search: Django's
        (Blog, "title__exact", None),  # an explicit lookup: Django's
        (Blog, "author", None),  # a relation compared as a value: Django's
        (Author, "blog__title", None),  # a reverse relation can multiply rows: Django's
        (NormalisedArticle, "tags__name", None),  # many-to-many: Django's
    ],
)
def test_which_search_fields_are_rewritten(model, field, expected):
    assert split_search_field(model, field) == expected
