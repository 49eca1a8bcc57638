"""The query lab's admin pages (sync views; the async ones are in async_views.py)."""

from __future__ import annotations

import inspect
from http import HTTPStatus

from django.contrib import admin
from django.db import connection
from django.urls import reverse

from playground.labkit import labs
from playground.querylab import async_views, concurrency, recipes, timeouts
from playground.querylab.forms import RaceForm, SlowQueryForm


def _topics(runs: list[recipes.RecipeRun]) -> list[dict]:
    grouped: dict[str, dict] = {}
    for run in runs:
        topic = grouped.setdefault(run.recipe.topic, {"key": run.recipe.topic, "title": run.recipe.topic_title})
        topic.setdefault("runs", []).append(run)
    return list(grouped.values())


def query_lab(request):
    """Every recipe with its query count and time; ?recipe=<slug> shows one in full."""
    slug = request.GET.get("recipe")
    if slug:
        try:
            chosen = recipes.get(slug)
        except recipes.UnknownRecipe as err:
            response = labs.render_lab(
                request,
                "query-lab",
                "querylab/recipes.html",
                {"error": f"{err} Pick one from the list.", "topics": _topics([])},
            )
            response.status_code = HTTPStatus.NOT_FOUND
            return response
        siblings = [recipes.run_recipe(r) for r in recipes.in_topic(chosen.topic)]
        run = next(s for s in siblings if s.recipe is chosen)
        return labs.render_lab(
            request,
            "query-lab",
            "querylab/recipe.html",
            {"run": run, "siblings": siblings, "title": f"Query lab: {chosen.title}"},
        )
    runs = [recipes.run_recipe(r) for r in recipes.all_recipes()]
    return labs.render_lab(
        request, "query-lab", "querylab/recipes.html", {"topics": _topics(runs), "vendor": connection.vendor}
    )


def concurrency_lab(request):
    """Threads racing on one counter; get_or_create() racing on one name."""
    form = RaceForm(request.POST or None)
    context = {"form": form, "vendor": connection.vendor}
    try:
        concurrency.check_available()
    except concurrency.ConcurrencyUnavailable as err:
        context["unavailable"] = str(err)
    else:
        if request.method == "POST" and form.is_valid():
            context["report"] = concurrency.run_all(**form.cleaned_data)
    return labs.render_lab(request, "concurrency", "querylab/concurrency.html", context)


def connections_lab(request):
    """The connection settings in force, and a slow query cancelled by statement_timeout."""
    form = SlowQueryForm(request.POST or None)
    context = {
        "form": form,
        "vendor": connection.vendor,
        "settings_rows": timeouts.current_settings(),
        "server_timeout": timeouts.server_statement_timeout(),
    }
    if request.method == "POST" and connection.vendor == "postgresql" and form.is_valid():
        context["outcome"] = timeouts.run_slow_query(**form.cleaned_data)
    return labs.render_lab(request, "connections", "querylab/connections.html", context)


def async_lab(request):
    """Where the async pages are, and why they are not inside the admin's URLs."""

    async def probe(request):  # an async view, to see what admin_view makes of it
        return None

    wrapped = admin.site.admin_view(probe)
    context = {
        "admin_view_keeps_async": inspect.iscoroutinefunction(wrapped),
        "pages": [
            ("Async listing", reverse("querylab-async:listing"), "aget, afirst, acount, aexists and async for"),
            ("Sync vs async", reverse("querylab-async:compare"), "the same listing both ways, side by side"),
            ("Async writes", reverse("querylab-async:writes"), "acreate, aupdate, adelete, and atomic()"),
        ],
        "listing_source": inspect.getsource(async_views.load_listing_async),
    }
    return labs.render_lab(request, "async-orm", "querylab/async_lab.html", context)
