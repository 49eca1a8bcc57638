"""N+1 guard for the whole admin: a changelist costs the same queries at 1 row and at many rows.

Every registered ModelAdmin is loaded twice: with one row per page, and with every row on
the page, after its table was filled up to ROWS rows (the demo rows, with their varied
foreign keys, plus copies of the first one). A query that repeats once per row (a missing
``list_select_related``, a per-row COUNT in a ``list_display`` method) makes the second
load cost more; the failure names the admin and the repeated query so the fix is obvious.

(This replaces two guards of the same idea: this one over the demo rows only, and one
over the relations admins at 5 and 500 rows. A per-row query shows from the second row
on; ROWS only has to be well past the single-row page, and rendering 500 rows cost most of
the suite's time in that second guard.)
"""

import re
import string
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.postgres.constraints import ExclusionConstraint
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin
from relations.models import Author, AuthorBlogSummary
from tests.tables import has_table

# The slow twins have their N+1 on purpose (tests/test_toolbar_n_plus_one.py diagnoses them).
REGISTERED = sorted(
    ((model, ma) for model, ma in admin.site._registry.items() if not isinstance(ma, SlowTwinAdmin)),
    key=lambda item: item[0]._meta.label,
)
ROWS = 50
# Models over a database view (managed=False), and the table whose rows make theirs.
VIEW_SOURCES = {AuthorBlogSummary: Author}


@pytest.fixture
def rows_everywhere(demo_data, admin_user):
    get_user_model().objects.create_user("reader", "reader@example.com", "pw")
    for name in ("Editors", "Reviewers"):
        Group.objects.get_or_create(name=name)


def _shape(sql: str) -> str:
    """The query with its literal values blanked out, so per-row repeats group together."""
    return re.sub(r"\b\d+\b|'[^']*'", "?", sql)


def _unique_value(field, template_value, number):
    if isinstance(field, models.CharField) and field.max_length <= 3:
        letters = string.ascii_lowercase  # the demo data's codes are upper case: no clash
        return letters[number // 26 % 26] + letters[number % 26]
    if isinstance(field, models.IntegerField):
        return 10_000 + number  # past the demo data's small numbers (ranks, positions)
    return f"{template_value}-{number}"[: getattr(field, "max_length", None) or None]


def _is_multi_table(model) -> bool:
    return any(p._meta.concrete_model is not model._meta.concrete_model for p in model._meta.all_parents)


def clone_rows(model, count, start=0):
    """``count`` copies of the model's first row, with fresh values wherever a uniqueness rule demands."""
    template = model._default_manager.order_by("pk").first()
    unique_sets = [c.fields for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    unique_sets += [fields for fields in model._meta.unique_together]
    must_differ = {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    must_differ |= {fields[-1] for fields in unique_sets}
    # An exclusion constraint (e.g. no overlapping bookings of one room): a fresh first expression.
    must_differ |= {c.expressions[0][0] for c in model._meta.constraints if isinstance(c, ExclusionConstraint)}
    # A multi-table child's copy needs new parent rows too: its parent links are left empty.
    links = {f.name for f in model._meta.concrete_fields if f.remote_field and f.remote_field.parent_link}
    objs = []
    for number in range(start, start + count):
        values = {}
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name in links:
                continue
            value = getattr(template, f.attname)
            if f.name in must_differ:
                if f.is_relation:
                    value = getattr(clone_rows(f.related_model, 1, start=number)[0], f.target_field.attname)
                else:
                    value = _unique_value(f, value, number)
            values[f.attname] = value
        objs.append(model(**values))
    if _is_multi_table(model):  # bulk_create() cannot write the parent tables
        for obj in objs:
            obj.save()
        return objs
    return model._base_manager.bulk_create(objs)


def changelist_queries(client, model_admin, per_page, monkeypatch):
    monkeypatch.setattr(model_admin, "list_per_page", per_page)
    monkeypatch.setattr(model_admin, "list_max_show_all", per_page)
    url = reverse(f"admin:{model_admin.model._meta.app_label}_{model_admin.model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("model_admin", [ma for _, ma in REGISTERED], ids=[m._meta.label for m, _ in REGISTERED])
def test_changelist_query_count_does_not_grow_with_rows(admin_user_client, rows_everywhere, model_admin, monkeypatch):
    model = model_admin.model
    if not has_table(model):
        pytest.skip(f"{model._meta.label} has no table on this database (Meta.required_db_features)")
    demo_rows = model._default_manager.count()
    assert demo_rows >= 2, f"The demo data needs at least 2 {model._meta.label} rows for this guard."
    # A view's rows come from the tables it reads: grow those (one summary row per author).
    clone_rows(VIEW_SOURCES.get(model, model), ROWS - demo_rows)
    rows = model._default_manager.count()
    assert rows >= ROWS
    _, one = changelist_queries(admin_user_client, model_admin, 1, monkeypatch)
    response, every = changelist_queries(admin_user_client, model_admin, rows, monkeypatch)
    assert len(response.context["cl"].result_list) == response.context["cl"].result_count >= ROWS
    if len(one) != len(every):
        grown = Counter(map(_shape, every)) - Counter(map(_shape, one))
        repeated = "\n".join(f"  {count}× {sql}" for sql, count in grown.most_common(3))
        pytest.fail(
            f"{type(model_admin).__name__} sends {len(one)} queries for 1 row but {len(every)} for {rows} rows "
            f"(N+1). Repeated per row:\n{repeated}\nFix with list_select_related or an annotated get_queryset()."
        )
