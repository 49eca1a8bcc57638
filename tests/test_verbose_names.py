"""Every project model names itself, and the index, the changelist and the inlines say the same words."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

PROJECT_APPS = ("relations", "inheritance", "querylab", "migrations_lab", "users")
PROJECT_MODELS = [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]
REGISTERED = [model for model in PROJECT_MODELS if model in admin.site._registry]


def words(name):
    return set(re.findall(r"[\w-]+", name.lower()))


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda model: model._meta.label)
def test_every_project_model_declares_both_verbose_names(model):
    declared = model._meta.original_attrs
    assert "verbose_name" in declared, f"{model._meta.label}: Meta.verbose_name is not set"
    assert "verbose_name_plural" in declared, f"{model._meta.label}: Meta.verbose_name_plural is not set"


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda model: model._meta.label)
def test_singular_and_plural_differ_only_by_the_noun(model):
    # "set null child" against "set-null children" was the inconsistency: same qualifiers, one noun.
    singular, plural = words(model._meta.verbose_name), words(model._meta.verbose_name_plural)
    only_singular, only_plural = singular - plural, plural - singular
    assert len(only_singular) <= 1 and len(only_plural) <= 1, (singular, plural)
    if only_singular:
        (one,), (many,) = only_singular, only_plural
        assert many.startswith(one[:-1]), f"{model._meta.label}: {one!r} and {many!r} are not one noun"


def test_index_names_every_registered_model_by_its_plural(admin_user_client):
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    missing = [
        model._meta.label
        for model in REGISTERED
        # django-polymorphic's child admins keep out of the index on purpose (show_in_index).
        if getattr(admin.site._registry[model], "show_in_index", True)
        and f">{escape(capfirst(model._meta.verbose_name_plural))}</a>" not in html
    ]
    assert missing == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_title_uses_the_singular(admin_user_client, model):
    opts = model._meta
    response = admin_user_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    # "to view" on the read-only admins (the N+1 slow twins), "to change" elsewhere.
    verb = "change" if admin.site._registry[model].has_change_permission(response.wsgi_request) else "view"
    assert f"Select {escape(opts.verbose_name)} to {verb}" in response.content.decode()


@pytest.mark.parametrize(
    "model_admin",
    [ma for model, ma in admin.site._registry.items() if model in REGISTERED and ma.inlines],
    ids=lambda ma: ma.model._meta.label,
)
def test_inline_headings_use_the_inline_models_plural(admin_user_client, model_admin):
    opts = model_admin.model._meta
    add_page = admin_user_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), follow=True)
    html = add_page.content.decode()
    for inline in model_admin.inlines:
        heading = inline.verbose_name_plural or inline.model._meta.verbose_name_plural
        assert escape(capfirst(heading)) in html, f"{inline.__name__}: no heading {heading!r}"
