"""Connection settings as the process runs with them; statement_timeout cancels a slow query."""

import time
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from playground.querylab import timeouts
from tests.conftest import requires_postgres

LAB_URL = reverse("admin:lab-connections")


@requires_postgres
def test_statement_timeout_cancels_a_slow_query_within_seconds_of_the_limit(db):
    started = time.perf_counter()
    outcome = timeouts.run_slow_query(sleep_s=10, timeout_ms=500)
    elapsed = time.perf_counter() - started
    assert outcome.cancelled
    assert 0.5 <= elapsed < 3  # cancelled at the limit (plus a loaded machine's slack), not after 10 s
    assert outcome.message.startswith("PostgreSQL cancelled pg_sleep(10) after 0.")
    assert "statement_timeout is 500 ms" in outcome.message
    assert "canceling statement due to statement timeout" in outcome.message


@requires_postgres
def test_the_timeout_applies_to_the_demo_only_and_the_connection_stays_usable(db):
    before = timeouts.server_statement_timeout()
    timeouts.run_slow_query(sleep_s=2, timeout_ms=200)
    assert timeouts.server_statement_timeout() == before  # SET LOCAL was rolled back
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@requires_postgres
def test_a_query_within_the_limit_finishes(db):
    outcome = timeouts.run_slow_query(sleep_s=0.1, timeout_ms=2000)
    assert not outcome.cancelled
    assert outcome.capture.ok
    assert "within the 2000 ms limit" in outcome.message


@requires_postgres
def test_the_page_runs_the_slow_query_and_shows_the_cancellation(admin_user_client):
    html = admin_user_client.post(LAB_URL, {"sleep_s": 3, "timeout_ms": 300}).content.decode()
    assert 'class="timeout-cancelled"' in html
    assert "because statement_timeout is 300 ms" in html
    assert "SELECT pg_sleep(3" in html


@requires_postgres
def test_out_of_range_values_are_refused_and_nothing_sleeps(admin_user_client):
    started = time.perf_counter()
    response = admin_user_client.post(LAB_URL, {"sleep_s": 600, "timeout_ms": 5})
    assert time.perf_counter() - started < 2
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 3." in html
    assert "Ensure this value is greater than or equal to 100." in html
    assert "pg_sleep(600" not in html


def test_the_page_shows_the_settings_this_process_runs_with(admin_user_client):
    html = admin_user_client.get(LAB_URL).content.decode()
    database = settings.DATABASES["default"]
    for name in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "STATEMENT_TIMEOUT_MS"):
        assert f"<code>{name}</code>" in html
    assert f'<td class="setting-value">{database["CONN_MAX_AGE"]}</td>' in html
    assert f'<td class="setting-value">{database["CONN_HEALTH_CHECKS"]}</td>' in html


def test_the_statement_timeout_from_the_environment_is_reported(monkeypatch):
    # What env.py builds from STATEMENT_TIMEOUT_MS=2500.
    options = {"options": "-c statement_timeout=2500"}
    monkeypatch.setitem(settings.DATABASES["default"], "OPTIONS", options)
    rows = {row.variable: row.value for row in timeouts.current_settings()}
    assert rows["STATEMENT_TIMEOUT_MS"] == "2500 ms"


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks what other databases say")
def test_other_databases_are_told_statement_timeout_is_postgresql_only(admin_user_client):
    response = admin_user_client.post(LAB_URL, {"sleep_s": 1, "timeout_ms": 500})
    assert response.status_code == HTTPStatus.OK
    assert "statement_timeout is a PostgreSQL setting; this database is sqlite." in response.content.decode()
    with pytest.raises(ValueError, match="PostgreSQL setting"):
        timeouts.run_slow_query(1, 500)
