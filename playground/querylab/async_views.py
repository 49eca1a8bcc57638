"""Async views over the async ORM, served at /labs/async/ (staff only).

Django 6.1's ``AdminSite.admin_view()`` wraps a view in a plain function, so an
async view behind it would hand Django an un-awaited coroutine (the async-orm lab
page checks this live). These views are therefore served outside the admin's URLs,
protected by ``staff_member_required``, which does support async views, and
rendered with the admin's chrome through ``labs.render_lab``.

What they show:

* ``aget()``, ``afirst()``, ``acount()``, ``aexists()`` and ``async for``;
* the same listing built by a sync function (called through ``sync_to_async``)
  and by an async one, side by side: same rows, same queries;
* ``acreate()``, ``aupdate()`` and ``adelete()``; and ``transaction.atomic()``,
  which touches the connection synchronously and is refused in async code, so the
  transactional write goes through ``sync_to_async``.
"""

from __future__ import annotations

import inspect
import time
import uuid
from contextlib import asynccontextmanager

from asgiref.sync import sync_to_async
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import SynchronousOnlyOperation
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.views.decorators.http import require_http_methods

from playground.labkit import capture, labs, limits
from playground.querylab.models import UniqueTag
from relations.models import Author, Blog

# What the async pages show: authors and blogs. The writes page commits, so it needs more.
READ_PERMISSIONS = ("relations.view_author", "relations.view_blog")
LAB = "async-orm"
# The demo author the listing looks up; deleted or reseeded away, the page says so.
DEMO_EMAIL = "ada@example.com"

# --- The listing, twice --------------------------------------------------------------


def load_listing_sync() -> dict:
    """The listing with the ordinary ORM (a sample of rows: LAB_SAMPLE_ROWS)."""
    ada = Author.objects.filter(email=DEMO_EMAIL).first()
    newest = Blog.objects.published().select_related("author").order_by("-published_at").first()
    sample = Blog.objects.select_related("author").order_by("pk")[: limits.sample_rows()]
    return {
        "blogs": Blog.objects.count(),
        "drafts exist": Blog.objects.drafts().exists(),
        "Ada": ada.name if ada else f"no author with email {DEMO_EMAIL} (run manage.py setup_demo)",
        "newest": f"{newest.title} — {newest.author.name}" if newest else None,
        "rows": [f"{blog.title} — {blog.author.name}" for blog in sample],
    }


async def load_listing_async() -> dict:
    """The same listing with the async ORM: every query awaited, rows read with async for."""
    ada = await Author.objects.filter(email=DEMO_EMAIL).afirst()
    newest = await Blog.objects.published().select_related("author").order_by("-published_at").afirst()
    sample = Blog.objects.select_related("author").order_by("pk")[: limits.sample_rows()]
    return {
        "blogs": await Blog.objects.acount(),
        "drafts exist": await Blog.objects.drafts().aexists(),
        "Ada": ada.name if ada else f"no author with email {DEMO_EMAIL} (run manage.py setup_demo)",
        "newest": f"{newest.title} — {newest.author.name}" if newest else None,
        # select_related matters twice here: a lazy blog.author would be a sync query,
        # which async code is not allowed to make.
        "rows": [f"{blog.title} — {blog.author.name}" async for blog in sample],
    }


@asynccontextmanager
async def recording_queries(using: str = DEFAULT_DB_ALIAS):
    """Record the statements the async ORM sends.

    The async ORM runs each query through sync_to_async in one thread per request, on
    that thread's connection; the recorder is attached to that connection, there.
    """
    queries: list[capture.CapturedQuery] = []

    def attach():
        connection = connections[using]
        recorder = capture.QueryRecorder(connection, queries)
        connection.execute_wrappers.append(recorder)
        return connection, recorder

    connection, recorder = await sync_to_async(attach)()
    try:
        yield queries
    finally:
        await sync_to_async(connection.execute_wrappers.remove)(recorder)


async def _render(request, template: str, context: dict):
    # render_lab reads the user's permissions for the admin's sidebar: sync ORM work.
    return await sync_to_async(labs.render_lab)(request, LAB, template, context)


# --- Views ---------------------------------------------------------------------------


@staff_member_required
@labs.guarded_async(LAB)
async def listing(request):
    async with recording_queries() as queries:
        started = time.perf_counter()
        data = await load_listing_async()
        elapsed_ms = (time.perf_counter() - started) * 1000
    return await _render(
        request,
        "querylab/async_listing.html",
        {
            "title": "Async ORM: a listing",
            "data": data,
            "queries": queries,
            "elapsed_ms": elapsed_ms,
            "source": inspect.getsource(load_listing_async),
        },
    )


@staff_member_required
@labs.guarded_async(LAB)
async def compare(request):
    async with recording_queries() as sync_queries:
        started = time.perf_counter()
        sync_data = await sync_to_async(load_listing_sync)()
        sync_ms = (time.perf_counter() - started) * 1000
    async with recording_queries() as async_queries:
        started = time.perf_counter()
        async_data = await load_listing_async()
        async_ms = (time.perf_counter() - started) * 1000
    columns = [
        {"name": "sync (through sync_to_async)", "source": inspect.getsource(load_listing_sync),
         "queries": sync_queries, "ms": sync_ms, "data": sync_data},
        {"name": "async", "source": inspect.getsource(load_listing_async),
         "queries": async_queries, "ms": async_ms, "data": async_data},
    ]  # fmt: skip
    return await _render(
        request,
        "querylab/async_compare.html",
        {"title": "Async ORM: sync vs async", "columns": columns, "same_result": sync_data == async_data},
    )


async def atomic_in_async_code() -> str:
    """Try transaction.atomic() directly in async code; return what Django says."""
    try:
        with transaction.atomic():
            await UniqueTag.objects.acreate(name=f"never-{uuid.uuid4().hex[:8]}")
    except SynchronousOnlyOperation as err:
        return f"SynchronousOnlyOperation: {err}"
    return "atomic() ran: DJANGO_ALLOW_ASYNC_UNSAFE is set in this process, which switches the safety check off."


def transactional_write() -> int:
    """A multi-row write that must be all-or-nothing: plain sync code, atomic() inside."""
    with transaction.atomic():
        tags = UniqueTag.objects.bulk_create([UniqueTag(name=f"async-batch-{n}") for n in range(3)])
        Blog.objects.filter(pk__in=Blog.objects.order_by("pk").values("pk")[: limits.sample_rows()]).update(
            views=F("views") + 1
        )
    return len(tags)


async def async_writes() -> list[tuple[str, str]]:
    """acreate, aupdate, adelete on one fresh row; then a transaction via sync_to_async."""
    steps = []
    name = f"async-{uuid.uuid4().hex[:8]}"
    tag = await UniqueTag.objects.acreate(name=name)
    steps.append(("acreate()", f"created {tag.name!r} (id {tag.pk})"))
    updated = await UniqueTag.objects.filter(pk=tag.pk).aupdate(name=f"{name}-renamed")
    steps.append(("aupdate()", f"{updated} row renamed to {name}-renamed"))
    deleted, _ = await UniqueTag.objects.filter(pk=tag.pk).adelete()
    steps.append(("adelete()", f"{deleted} row deleted; nothing is left behind"))
    steps.append(("transaction.atomic() in async code", await atomic_in_async_code()))
    # capture.run wraps the write in its own rolled-back transaction, in a sync thread.
    result = await sync_to_async(capture.run)(transactional_write, watch=[UniqueTag])
    steps.append(
        (
            "sync_to_async(transactional_write)",
            f"{result.query_count} queries in one transaction, "
            + ("rolled back as the lab always does." if result.ok else f"failed: {result.exception}"),
        )
    )
    return steps


@staff_member_required
@require_http_methods(["GET", "POST"])
@labs.guarded_async(LAB, extra_permissions=(labs.WRITING_LABS,))
async def writes(request):
    context = {
        "title": "Async ORM: writes and transactions",
        "source": inspect.getsource(async_writes),
        "helpers": inspect.getsource(atomic_in_async_code) + "\n\n" + inspect.getsource(transactional_write),
    }
    if request.method == "POST":
        context["steps"] = await async_writes()
    return await _render(request, "querylab/async_writes.html", context)
