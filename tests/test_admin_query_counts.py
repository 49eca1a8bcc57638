"""N+1 guard for the whole admin: a changelist costs the same queries at 1 row and at all rows.

Every registered ModelAdmin is loaded twice, with one row per page and with every demo row
on the page. A query that repeats once per row (a missing ``list_select_related``, a
per-row COUNT in a ``list_display`` method) makes the second load cost more; the failure
names the admin and the repeated query so the fix is obvious.
"""

import re
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin

# The slow twins have their N+1 on purpose (tests/test_toolbar_n_plus_one.py diagnoses them).
REGISTERED = sorted(
    ((model, ma) for model, ma in admin.site._registry.items() if not isinstance(ma, SlowTwinAdmin)),
    key=lambda item: item[0]._meta.label,
)


@pytest.fixture
def rows_everywhere(demo_data, admin_user):
    get_user_model().objects.create_user("reader", "reader@example.com", "pw")
    for name in ("Editors", "Reviewers"):
        Group.objects.get_or_create(name=name)


def _shape(sql: str) -> str:
    """The query with its literal values blanked out, so per-row repeats group together."""
    return re.sub(r"\b\d+\b|'[^']*'", "?", sql)


def changelist_queries(client, model_admin, per_page, monkeypatch):
    monkeypatch.setattr(model_admin, "list_per_page", per_page)
    url = reverse(f"admin:{model_admin.model._meta.app_label}_{model_admin.model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("model_admin", [ma for _, ma in REGISTERED], ids=[m._meta.label for m, _ in REGISTERED])
def test_changelist_query_count_does_not_grow_with_rows(admin_user_client, rows_everywhere, model_admin, monkeypatch):
    rows = model_admin.model._default_manager.count()
    assert rows >= 2, f"The demo data needs at least 2 {model_admin.model._meta.label} rows for this guard."
    one = changelist_queries(admin_user_client, model_admin, 1, monkeypatch)
    every = changelist_queries(admin_user_client, model_admin, rows, monkeypatch)
    if len(one) != len(every):
        grown = Counter(map(_shape, every)) - Counter(map(_shape, one))
        repeated = "\n".join(f"  {count}× {sql}" for sql, count in grown.most_common(3))
        pytest.fail(
            f"{type(model_admin).__name__} sends {len(one)} queries for 1 row but {len(every)} for {rows} rows "
            f"(N+1). Repeated per row:\n{repeated}\nFix with list_select_related or an annotated get_queryset()."
        )
