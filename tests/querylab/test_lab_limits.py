"""Lab pages are bounded: capped inputs, a sample of rows, a statement timeout on PostgreSQL."""

import dataclasses

import pytest
from django.db import connection
from django.test import RequestFactory

from playground.labkit import labs, limits
from playground.querylab import recipes
from playground.querylab.forms import MAX_TOTAL_INCREMENTS, RaceForm, SlowQueryForm
from relations.models import Blog
from tests.conftest import requires_postgres


@pytest.mark.parametrize(
    "data, message",
    [
        ({"threads": 16, "increments": 25, "pause_ms": 1}, "less than or equal to 8"),
        ({"threads": 4, "increments": 200, "pause_ms": 1}, "less than or equal to 50"),
        ({"threads": 8, "increments": 50, "pause_ms": 1}, f"at most {MAX_TOTAL_INCREMENTS} per race"),
        ({"threads": 4, "increments": 25, "pause_ms": 20}, "less than or equal to 5"),
    ],
)
def test_race_inputs_are_capped_with_a_clear_message(data, message):
    form = RaceForm(data)
    assert not form.is_valid()
    assert message in str(form.errors)


def test_the_default_race_is_within_the_caps():
    assert RaceForm({name: field.initial for name, field in RaceForm.base_fields.items()}).is_valid()


def test_a_slow_query_cannot_hold_a_connection_for_more_than_seconds():
    assert not SlowQueryForm({"sleep_s": 10, "timeout_ms": 1000}).is_valid()
    assert not SlowQueryForm({"sleep_s": 1, "timeout_ms": 5000}).is_valid()


@pytest.mark.django_db
def test_recipes_run_on_the_first_lab_sample_rows_blogs(demo_data, settings):
    settings.LAB_SAMPLE_ROWS = 2
    run = recipes.run_recipe(recipes.get("only"))
    assert len(run.capture.result) == 2 < Blog.objects.count()
    assert "<=" in run.capture.queries[0].sql, "the sample's bound is in the SQL the page shows"
    assert run.capture.query_count == 1, "finding the sample's bound is not counted against the recipe"


@pytest.fixture
def slow_lab():
    """The model map's lab entry with a view that sleeps on the server (the URLs are already built)."""

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return labs.render_lab(request, "model-map", "labkit/lab_base.html")

    return dataclasses.replace(labs.get("model-map"), view=view)


@requires_postgres
@pytest.mark.django_db
def test_a_lab_page_is_stopped_by_the_lab_statement_timeout_with_a_message(slow_lab, admin_user, settings):
    settings.LAB_STATEMENT_TIMEOUT_MS = 200
    request = RequestFactory().get("/admin/labs/model-map/")
    request.user = admin_user
    response = labs.guarded(slow_lab)(request)
    response.render()
    assert response.status_code == 200
    assert "ran longer than 0.2 s" in response.content.decode()


@requires_postgres
@pytest.mark.django_db
def test_the_statement_timeout_is_restored_after_the_lab(settings):
    settings.LAB_STATEMENT_TIMEOUT_MS = 1234
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        with limits.statement_timeout():
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "1234ms"
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == before
