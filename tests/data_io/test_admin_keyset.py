"""Keyset pages: the same rows as OFFSET pagination, for every ordering, without OFFSET past the first pages."""

import datetime as dt
import re
from html import unescape

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from playground.labkit.admin_keyset import AFTER, BEFORE, Cursor
from playground.labkit.admin_scale import KeysetPaginator
from relations.models import Author, Blog
from tests.data_io.helpers import admin_url

pytestmark = pytest.mark.django_db

PER_PAGE = 7
ORDERINGS = [
    ["-published_at", "title", "-pk"],  # the Blog changelist's own (NULL published_at on both ends)
    ["published_at", "-title", "pk"],
    ["title", "-pk"],
    ["-views", "published_at", "-pk"],
    ["status", "-published_at", "pk"],
    ["-created_at", "title", "pk"],  # microseconds: a boundary rounded to milliseconds would skip rows
]


@pytest.fixture
def author_with_blogs(db):
    """45 blogs of one author with ties on every column and a third of them unpublished (NULL)."""
    author = Author.objects.create(name="Keyset Writer", email="keyset-writer@example.com")
    when = timezone.make_aware(dt.datetime(2024, 5, 1, 12, 0))
    Blog.objects.bulk_create(
        Blog(
            author=author,
            title=f"title {i % 6}",
            status="draft" if i % 3 == 0 else "published",
            published_at=None if i % 3 == 0 else when + dt.timedelta(days=i % 4),
            views=i % 5,
        )
        for i in range(45)
    )
    return author


def offset_pages(queryset):
    pks = list(queryset.values_list("pk", flat=True))
    return [pks[i : i + PER_PAGE] for i in range(0, len(pks), PER_PAGE)]


def page_pks(paginator, number):
    return list(paginator.page(number).object_list.values_list("pk", flat=True))


def keyset(queryset, cursor=None):
    paginator = KeysetPaginator(queryset, PER_PAGE)
    paginator.offset_pages = 1
    paginator.use_keyset(cursor)
    return paginator


@pytest.mark.parametrize("ordering", ORDERINGS, ids=lambda o: ",".join(o))
def test_following_next_links_gives_the_offset_pages(author_with_blogs, ordering):
    queryset = Blog.objects.filter(author=author_with_blogs).order_by(*ordering)
    expected = offset_pages(queryset)
    paginator = keyset(queryset)
    walked = [page_pks(paginator, 1)]
    for number in range(2, len(expected) + 1):
        paginator = keyset(queryset, Cursor(AFTER, paginator.last_token))
        walked.append(page_pks(paginator, number))
    assert walked == expected


@pytest.mark.parametrize("ordering", ORDERINGS, ids=lambda o: ",".join(o))
def test_the_last_page_and_previous_links_give_the_offset_pages(author_with_blogs, ordering):
    queryset = Blog.objects.filter(author=author_with_blogs).order_by(*ordering)
    expected = offset_pages(queryset)
    paginator = keyset(queryset)
    last = paginator.num_pages
    walked = [page_pks(paginator, last)]
    for number in range(last - 1, 0, -1):
        paginator = keyset(queryset, Cursor(BEFORE, paginator.first_token))
        walked.insert(0, page_pks(paginator, number))
    assert walked == expected


def test_a_deep_page_reached_by_next_sends_no_offset(author_with_blogs):
    queryset = Blog.objects.filter(author=author_with_blogs).order_by("-published_at", "title", "-pk")
    paginator = keyset(queryset)
    page_pks(paginator, 3)  # by OFFSET (a typed page number): it gives the boundary of page 4
    boundary = paginator.last_token
    with CaptureQueriesContext(connection) as ctx:
        page_pks(keyset(queryset, Cursor(AFTER, boundary)), 4)
        page_pks(keyset(queryset), paginator.num_pages)
    assert ctx.captured_queries
    assert not [q["sql"] for q in ctx.captured_queries if " OFFSET " in q["sql"].upper()]


def test_a_malformed_boundary_falls_back_to_the_numbered_page(author_with_blogs):
    queryset = Blog.objects.filter(author=author_with_blogs).order_by("title", "-pk")
    assert page_pks(keyset(queryset, Cursor(AFTER, "not-a-token")), 2) == offset_pages(queryset)[1]


# --- Through the admin ------------------------------------------------------------------


def _links(html):
    nav = re.search(r'<nav class="paginator".*?</nav>', html, re.S).group(0)
    return {rel: unescape(href) for href, rel in re.findall(r'<a href="([^"]+)" rel="(next|prev)"', nav)}, nav


@pytest.fixture
def small_pages(monkeypatch):
    blog_admin = admin.site._registry[Blog]
    monkeypatch.setattr(blog_admin, "list_per_page", PER_PAGE)
    monkeypatch.setattr(KeysetPaginator, "offset_pages", 2)


@pytest.mark.parametrize(
    "sort", ["", "&o=5", "&o=-5.1", "&o=6.-1"], ids=["default", "published", "-published", "views"]
)
def test_the_blog_changelist_pages_by_next_links_like_offset(admin_user_client, author_with_blogs, small_pages, sort):
    url = f"{admin_url(Blog, 'changelist')}?q=keyset-writer@example.com{sort}"
    response = admin_user_client.get(url)
    cl = response.context["cl"]
    expected = offset_pages(cl.queryset)
    walked, offsets = [], []
    for number in range(1, len(expected) + 1):
        assert response.context["cl"].page_num == number
        walked.append([blog.pk for blog in response.context["cl"].result_list])
        links, nav = _links(response.content.decode())
        if number > 2:
            assert "page read by keyset (no OFFSET)" in nav
        if "next" not in links:
            break
        with CaptureQueriesContext(connection) as ctx:
            response = admin_user_client.get(admin_url(Blog, "changelist") + links["next"])
        offsets += [q["sql"] for q in ctx.captured_queries if number >= 2 and " OFFSET " in q["sql"].upper()]
    assert walked == expected
    assert offsets == [], "a page reached by 'next' past the first pages reads no OFFSET"


def test_an_ordering_through_a_relation_keeps_offset_and_says_so(admin_user_client, author_with_blogs, small_pages):
    # Column 2 is the author: ordered by the author's name, in another table.
    url = f"{admin_url(Blog, 'changelist')}?q=keyset-writer@example.com&o=2"
    html = admin_user_client.get(url).content.decode()
    assert "pages past 2 use OFFSET" in html
    assert "goes through another table" in html


@pytest.mark.django_db
def test_a_foreign_key_named_by_its_column_is_sought_and_by_its_name_goes_through_its_table():
    from playground.labkit.admin_keyset import seek_keys

    by_column, _ = seek_keys(Blog.objects.order_by("author_id", "pk"))
    assert [key.name for key in by_column] == ["author_id", "id"]
    by_name, reason = seek_keys(Blog.objects.order_by("author", "pk"))
    assert by_name is None and "goes through another table" in reason


def test_the_view_changelist_reaches_later_pages_by_keyset(admin_user_client, demo_data, monkeypatch):
    # AuthorBlogSummary is a view: an OFFSET makes it compute every row it skips.
    from relations.admin.db_views import OneRowPerAuthorPaginator
    from relations.models import AuthorBlogSummary

    monkeypatch.setattr(admin.site._registry[AuthorBlogSummary], "list_per_page", 1)
    monkeypatch.setattr(OneRowPerAuthorPaginator, "offset_pages", 1)
    assert Author.objects.count() >= 4

    url = admin_url(AuthorBlogSummary, "changelist")
    for _ in range(3):
        html = admin_user_client.get(url).content.decode()
        match = re.search(r'<a href="([^"]+)"[^>]*class="[^"]*next', html)
        assert match, "a next link on every page but the last"
        url = admin_url(AuthorBlogSummary, "changelist") + unescape(match.group(1))
    with CaptureQueriesContext(connection) as ctx:
        assert admin_user_client.get(url).status_code == 200
    assert "after=" in url and not [q for q in ctx.captured_queries if " OFFSET " in q["sql"].upper()]
