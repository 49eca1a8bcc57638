"""The admin index reads by topic: lab pages on top of each box, then its models under sub-headings."""

import re
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from polymorphic.admin import PolymorphicChildModelAdmin

from inheritance.models import PolymorphicBook

DJANGO_APP_LIST = Path(django.__file__).parent / "contrib/admin/templates/admin/app_list.html"


def box(html, app_label):
    start = html.index(f'id="app-{app_label}"')
    end = html.find('<div id="app-', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_each_lab_box_opens_its_first_topic_and_folds_the_others(admin_user_client):
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    relations = box(html, "relations")
    first, *others = [title for title, _ in apps.get_app_config("relations").admin_groups]
    assert f'<th scope="rowgroup" colspan="3">{escape(first)}</th>' in relations
    assert relations.count("<details>") == len(others)
    for title in others:
        assert f"<summary>{escape(title)} " in relations
    assert relations.index("lab-page") < relations.index("model-group-heading"), "lab pages come first"


def test_grouping_loses_no_model_of_the_index(admin_user_client):
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    relations = box(html, "relations")
    for model in admin.site._registry:
        if model._meta.app_label == "relations":
            assert f'href="{reverse(f"admin:relations_{model._meta.model_name}_changelist")}"' in relations


def test_the_admins_javascript_catalog_is_kept_by_the_browser_for_a_day(admin_user_client):
    response = admin_user_client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200 and b"django.gettext" in response.content
    assert "max-age=86400" in response["Cache-Control"]


def test_the_cached_javascript_catalog_still_needs_a_staff_login(admin_user_client):
    from django.test import Client

    assert admin_user_client.get(reverse("admin:jsi18n")).status_code == 200  # built and kept
    response = Client().get(reverse("admin:jsi18n"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def _model_rows(html):
    return [
        re.sub(r"\s+", " ", re.sub(r">\s+<", "><", row)).strip()
        for row in re.findall(r'<tr class="model-.*?</tr>', html, re.S)
    ]


@pytest.mark.parametrize("who", ["superuser", "viewer"])
def test_the_sidebar_rows_are_djangos_own_markup_with_the_current_model_marked(rf, admin_user, django_user_model, who):
    """The rows are built in Python (labkit_admin.model_rows) for speed: Django's own app_list.html must agree."""
    user = admin_user
    if who == "viewer":
        user = django_user_model.objects.create_user("viewer", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=["view_blog", "view_author", "add_author"]))
        user = django_user_model.objects.get(pk=user.pk)  # a fresh permission cache
    request = rf.get(reverse("admin:relations_blog_change", args=[1]))
    request.user = user
    context = {"app_list": admin.site.get_app_list(request), "show_changelinks": False, "request": request}
    ours = _model_rows(render_to_string("admin/app_list.html", context))
    djangos = _model_rows(Engine.get_default().from_string(DJANGO_APP_LIST.read_text()).render(Context(context)))
    assert ours == djangos
    assert any('class="model-blog current-model"' in row and 'aria-current="page"' in row for row in ours)
    if who == "viewer":
        assert len(ours) == 2 and "addlink" in next(row for row in ours if "model-author" in row)


def test_every_superuser_gets_the_full_app_list_and_changing_one_copy_changes_no_other(
    rf, admin_user, django_user_model
):
    other = django_user_model.objects.create_superuser("second-admin", "second@example.com", "pw")
    lists = []
    for user in (admin_user, other, admin_user):
        request = rf.get(reverse("admin:index"))
        request.user = user
        lists.append(admin.site.get_app_list(request))
    request.user = admin_user
    assert lists[0] == lists[1] == admin.site._lab_app_list(request, None)
    lists[0].pop()
    lists[1][0]["models"].clear()
    assert lists[2] == admin.site._lab_app_list(request, None)
    # A superuser is shown every registered model but django-polymorphic's child admins, which
    # keep out of the admin's own lists on purpose (and only there: see the next test).
    shown = {model["model"] for app in lists[2] for model in app["models"]}
    children = {model for model, ma in admin.site._registry.items() if isinstance(ma, PolymorphicChildModelAdmin)}
    assert children and shown == set(admin.site._registry) - children


def test_a_list_asked_for_outside_the_admin_is_kept_apart_from_the_admins_own(rf, admin_user):
    lists = {}
    for path in ("/", reverse("admin:index"), "/"):
        request = rf.get(path)
        request.user = admin_user
        lists.setdefault(path, []).append(
            {m["model"] for app in admin.site.get_app_list(request) for m in app["models"]}
        )
    outside, inside = lists["/"][0], lists[reverse("admin:index")][0]
    assert PolymorphicBook in outside and PolymorphicBook not in inside
    assert lists["/"][1] == outside
