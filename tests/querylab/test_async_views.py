"""The async ORM pages, through the async test client (each request runs on an event loop)."""

import inspect
import re
from http import HTTPStatus

import pytest
from asgiref.sync import async_to_sync
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape

from playground.querylab import async_views
from playground.querylab.models import UniqueTag
from relations.models import Blog

LISTING = reverse("querylab-async:listing")
COMPARE = reverse("querylab-async:compare")
WRITES = reverse("querylab-async:writes")


@pytest.fixture
def staff_async_client(async_client, admin_user):
    async_to_sync(async_client.aforce_login)(admin_user)
    return async_client


def shape(sql):
    return re.sub(r"'[^']*'", "?", sql)


def get(client, url):
    # A sync test drives the async client through async_to_sync: the views' ORM calls come
    # back to this thread (thread-sensitive), inside the test's transaction.
    return async_to_sync(client.get)(url)


def test_the_async_listing_answers_with_its_awaited_queries(staff_async_client, demo_data):
    response = get(staff_async_client, LISTING)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    # aget, afirst, acount, aexists, and one query for the async for: five queries.
    assert "5 queries in" in html
    assert escape(f"'blogs': {Blog.objects.count()}") in html
    assert escape("'Ada': 'Ada Lovelace'") in html
    assert "async for blog in" in html  # the source is on the page


def test_sync_and_async_listings_return_the_same_rows_with_the_same_queries(staff_async_client, demo_data):
    response = get(staff_async_client, COMPARE)
    assert response.status_code == HTTPStatus.OK
    columns = response.context["columns"]
    assert columns[0]["data"] == columns[1]["data"]
    # published() compares with now(), so the timestamps differ; the statements do not.
    assert [shape(q.sql) for q in columns[0]["queries"]] == [shape(q.sql) for q in columns[1]["queries"]]
    assert len(columns[1]["queries"]) == 5
    assert "Both return the same rows" in response.content.decode()


def test_async_writes_leave_nothing_behind_and_show_why_atomic_needs_sync_to_async(
    staff_async_client, demo_data, monkeypatch
):
    # The browser tests' conftest sets this for Playwright; it would switch the check off.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    views_before = list(Blog.objects.order_by("pk").values_list("views", flat=True))
    response = async_to_sync(staff_async_client.post)(WRITES)
    assert response.status_code == HTTPStatus.OK
    steps = dict(response.context["steps"])
    assert steps["aupdate()"].startswith("1 row renamed")
    assert steps["adelete()"].startswith("1 row deleted")
    assert steps["transaction.atomic() in async code"].startswith(
        "SynchronousOnlyOperation: You cannot call this from an async context"
    )
    assert "rolled back" in steps["sync_to_async(transactional_write)"]
    assert UniqueTag.objects.count() == 0
    assert list(Blog.objects.order_by("pk").values_list("views", flat=True)) == views_before


def test_the_writes_page_only_writes_on_post(staff_async_client, db):
    response = get(staff_async_client, WRITES)
    assert response.status_code == HTTPStatus.OK
    assert "steps" not in response.context
    assert async_to_sync(staff_async_client.put)(WRITES).status_code == HTTPStatus.METHOD_NOT_ALLOWED


@pytest.mark.parametrize("url", [LISTING, COMPARE, WRITES])
def test_async_pages_send_anonymous_users_to_the_admin_login(async_client, db, url):
    response = get(async_client, url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [LISTING, COMPARE, WRITES])
def test_async_pages_refuse_a_logged_in_user_who_is_not_staff(async_client, django_user_model, db, url):
    user = django_user_model.objects.create_user("reader", password="pw")
    async_to_sync(async_client.aforce_login)(user)
    assert get(async_client, url).status_code == HTTPStatus.FOUND


def test_the_views_really_are_async():
    for view in (async_views.listing, async_views.compare, async_views.writes):
        assert inspect.iscoroutinefunction(view)


def test_admin_view_does_not_keep_a_view_async_in_this_django(admin_user_client):
    async def probe(request):
        return None

    assert not inspect.iscoroutinefunction(admin.site.admin_view(probe))
    html = admin_user_client.get(reverse("admin:lab-async-orm")).content.decode()
    assert "<strong>a plain function</strong>" in html
    for url in (LISTING, COMPARE, WRITES):
        assert f'href="{url}"' in html
