"""The debug toolbar's N+1 panel: finds each deliberate N+1, names relation and admin, and measures every fix."""

import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inheritance.models import PolymorphicProduct, SlowPolymorphicProduct
from playground.labkit.toolbar_n_plus_one import diagnose
from playground.labkit.toolbar_n_plus_one.recording import record_queries
from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin
from relations.models import SlowAuthor, SlowBlog, SlowGenericComment, SlowMember

PROJECT_APPS = {"relations", "inheritance", "querylab", "migrations_lab", "users", "labkit"}
PEERS = {"fetch_mode(FETCH_PEERS)": lambda qs: qs.fetch_mode(models.FETCH_PEERS)}

# Each "before" page, the relation it must be named by, and the fixes written out here by hand
# (not taken from the code under test) to be applied to the admin and measured independently.
CASES = {
    SlowBlog: ("Blog.author", {"list_select_related": lambda qs: qs.select_related("author"), **PEERS}),
    SlowAuthor: ("Author.blog_set", {"prefetch_related": lambda qs: qs.prefetch_related("blog_set"), **PEERS}),
    SlowMember: ("Member.interests", {"prefetch_related": lambda qs: qs.prefetch_related("interests"), **PEERS}),
    SlowGenericComment: (
        "GenericComment.target",
        {"prefetch_related": lambda qs: qs.prefetch_related("target"), **PEERS},
    ),
    SlowPolymorphicProduct: (
        "PolymorphicProduct → its child rows (polymorphic child)",
        {"polymorphic queryset": lambda qs: PolymorphicProduct.objects.order_by(*qs.query.order_by), **PEERS},
    ),
}


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def page_queries(client, model):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(changelist_url(model)).status_code == 200
    return len(captured.captured_queries)


def report_for(client, model):
    with record_queries() as queries:
        response = client.get(changelist_url(model))
    assert response.status_code == 200
    return diagnose(queries, response)


@pytest.mark.parametrize("model", list(CASES), ids=lambda model: model.__name__)
def test_the_panel_names_the_relation_and_the_admin_of_each_slow_twin(admin_user_client, demo_data, model):
    model_admin = admin.site._registry[model]
    report = report_for(admin_user_client, model)
    [finding] = report["findings"]
    assert finding["relation"] == CASES[model][0]
    rows_on_page = min(model_admin.get_queryset(None).count(), model_admin.list_per_page)
    assert finding["queries"] >= rows_on_page > 1
    assert finding["admin"] == type(model_admin).__name__
    path, line = finding["admin_file"].rsplit(":", 1)
    assert Path(inspect.getsourcefile(type(model_admin))) == settings.BASE_DIR / path
    assert f"class {type(model_admin).__name__}(" in (settings.BASE_DIR / path).read_text().splitlines()[int(line) - 1]
    assert {fix["name"] for fix in finding["fixes"]} == set(CASES[model][1])
    assert all(type(model_admin).__name__ in fix["code"] for fix in finding["fixes"])


@pytest.mark.parametrize("model", list(CASES), ids=lambda model: model.__name__)
def test_each_fix_applied_to_the_admin_saves_the_queries_the_panel_measured(
    admin_user_client, demo_data, model, monkeypatch
):
    model_admin = admin.site._registry[model]
    page_queries(admin_user_client, model)  # warm the content type cache, as a second visit would be
    before = page_queries(admin_user_client, model)
    [finding] = report_for(admin_user_client, model)["findings"]
    original = model_admin.get_queryset
    for fix in finding["fixes"]:
        apply = CASES[model][1][fix["name"]]
        monkeypatch.setattr(model_admin, "get_queryset", lambda request, apply=apply: apply(original(request)))
        after = page_queries(admin_user_client, model)
        assert before - after == finding["rows_queries"] - fix["queries"], fix["name"]
    assert finding["fixes"][0]["queries"] < finding["rows_queries"], "the specific fix must help"


def test_the_fixed_page_has_nothing_left_to_report(admin_user_client, demo_data, monkeypatch):
    model_admin = admin.site._registry[SlowBlog]
    monkeypatch.setattr(model_admin, "list_select_related", ["author"])
    assert report_for(admin_user_client, SlowBlog)["findings"] == []


PROJECT_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS and not isinstance(model_admin, SlowTwinAdmin)
    ),
    key=lambda item: item[0]._meta.label,
)


@pytest.mark.parametrize("model", [m for m, _ in PROJECT_ADMINS], ids=lambda model: model._meta.label)
def test_the_panel_reports_nothing_on_the_project_changelists(admin_user_client, demo_data, model):
    report = report_for(admin_user_client, model)
    assert report["findings"] == [], [finding["relation"] for finding in report["findings"]]


# --- The Panel itself, in a real toolbar ---------------------------------------------------


def test_the_toolbar_shows_the_panel_with_its_sidebar_line_and_hint(toolbar_enabled, admin_user_client, demo_data):
    html = admin_user_client.get(changelist_url(SlowBlog)).content.decode()
    model_admin = admin.site._registry[SlowBlog]
    rows_on_page = min(SlowBlog.objects.count(), model_admin.list_per_page)
    assert "djdt-NPlusOnePanel" in html
    # One author query per row, of which all but one are extra.
    assert f"N+1: 1 relation, {rows_on_page - 1} extra queries" in html
    assert "list_select_related = [&#x27;author&#x27;]" in html
    assert "relations/admin/n_plus_one.py" in html


def test_the_toolbar_panel_finds_nothing_on_a_fixed_changelist(toolbar_enabled, admin_user_client, demo_data):
    html = admin_user_client.get(reverse("admin:relations_blog_changelist")).content.decode()
    assert "djdt-NPlusOnePanel" in html
    assert "none found" in html


def test_the_query_lab_links_every_slow_twin_and_each_opens(admin_user_client, demo_data):
    html = admin_user_client.get(reverse("admin:lab-query-lab")).content.decode()
    for model in CASES:
        assert changelist_url(model) in html, model.__name__
        response = admin_user_client.get(changelist_url(model))
        assert "deliberately slow" in response.content.decode()
