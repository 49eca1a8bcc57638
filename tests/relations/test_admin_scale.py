"""Every relations changelist sends the same number of queries at 5 rows and at 500 rows per page."""

import re
import string
from collections import Counter

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RELATIONS_ADMINS = sorted(
    (ma for m, ma in admin.site._registry.items() if m._meta.app_label == "relations"),
    key=lambda ma: ma.model._meta.label,
)
ROWS = 500


def _unique_value(field, template_value, number):
    if isinstance(field, models.CharField) and field.max_length <= 3:
        letters = string.ascii_lowercase  # the demo data's codes are upper case: no clash
        return letters[number // 26 % 26] + letters[number % 26]
    return f"{template_value}-{number}"[: getattr(field, "max_length", None) or None]


def clone_rows(model, count):
    """``count`` copies of the model's first row, with fresh values wherever a uniqueness rule demands."""
    template = model._default_manager.order_by("pk").first()
    unique_sets = [c.fields for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    must_differ = {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    must_differ |= {fields[-1] for fields in unique_sets}
    objs = []
    for number in range(count):
        values = {}
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            value = getattr(template, f.attname)
            if f.name in must_differ:
                if f.is_relation:
                    value = getattr(clone_rows(f.related_model, 1)[0], f.target_field.attname)
                else:
                    value = _unique_value(f, value, number)
            values[f.attname] = value
        objs.append(model(**values))
    return model._base_manager.bulk_create(objs)


def changelist_queries(client, model_admin, per_page, monkeypatch):
    monkeypatch.setattr(model_admin, "list_per_page", per_page)
    monkeypatch.setattr(model_admin, "list_max_show_all", per_page)
    opts = model_admin.model._meta
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.slow
@pytest.mark.parametrize("model_admin", RELATIONS_ADMINS, ids=[ma.model._meta.label for ma in RELATIONS_ADMINS])
def test_changelist_queries_are_the_same_at_5_and_at_500_rows(admin_user_client, demo_data, model_admin, monkeypatch):
    model = model_admin.model
    clone_rows(model, ROWS - model._default_manager.count())
    assert model._default_manager.count() >= ROWS
    five = changelist_queries(admin_user_client, model_admin, 5, monkeypatch)
    five_hundred = changelist_queries(admin_user_client, model_admin, ROWS, monkeypatch)
    shape = lambda sql: re.sub(r"\b\d+\b|'[^']*'", "?", sql)  # noqa: E731
    grown = Counter(map(shape, five_hundred)) - Counter(map(shape, five))
    assert len(five) == len(five_hundred), f"{len(five)} vs {len(five_hundred)} queries; repeated: {grown}"
