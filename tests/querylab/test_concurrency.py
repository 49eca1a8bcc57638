"""Threads racing on PostgreSQL: F() loses nothing, a unique constraint keeps one row."""

from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse

from playground.querylab import concurrency
from playground.querylab.models import HitCounter, LooseTag, UniqueTag
from tests.conftest import requires_postgres

LAB_URL = reverse("admin:lab-concurrency")


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_f_expression_total_is_exact():
    race = concurrency.race_counter("F()", threads=4, increments=25, pause_ms=1)
    assert race.errors == []
    assert race.final_value == 4 * 25
    assert race.lost == 0


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_select_for_update_total_is_exact():
    race = concurrency.race_counter("select_for_update()", threads=4, increments=10, pause_ms=1)
    assert race.errors == []
    assert race.final_value == 40


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_read_modify_write_loses_updates_and_counts_them():
    # Four threads read the same value during the pause, then all write value + 1.
    race = concurrency.race_counter("read-modify-write", threads=4, increments=10, pause_ms=5)
    assert race.errors == []
    assert race.lost == race.expected - race.final_value
    assert race.lost > 0


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_get_or_create_race_ends_with_one_row_under_a_unique_constraint():
    race = concurrency.race_get_or_create(UniqueTag, threads=8)
    assert race.errors == []
    assert race.rows == 1
    assert race.created_by == 1  # every other thread was handed the winner's row


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_races_clean_up_the_rows_they_commit():
    concurrency.run_all(threads=2, increments=2, pause_ms=0)
    assert HitCounter.objects.count() == 0
    assert UniqueTag.objects.count() == 0
    assert LooseTag.objects.count() == 0


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_the_command_prints_each_strategy_with_its_lost_updates(capsys):
    call_command("concurrency", threads=2, increments=3, pause_ms=0)
    out = capsys.readouterr().out
    assert "F()                  final      6 of 6      lost      0" in out
    assert "UniqueTag            1 row(s), created=True for 1 thread(s)" in out


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_the_lab_page_runs_the_races_on_post(admin_client):
    response = admin_client.post(LAB_URL, {"threads": 2, "increments": 3, "pause_ms": 0})
    html = response.content.decode()
    assert "<code>F()</code>" in html
    assert '<td class="num">6</td>' in html  # expected = 2 threads × 3


@requires_postgres
def test_a_race_refuses_to_run_inside_a_transaction(db):
    with pytest.raises(concurrency.ConcurrencyUnavailable, match="autocommit"):
        with transaction.atomic():
            concurrency.race_counter("F()")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the message other databases get")
def test_the_command_explains_that_it_needs_postgresql(db):
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("concurrency")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the message other databases get")
def test_the_lab_page_explains_that_it_needs_postgresql(admin_user_client):
    html = admin_user_client.get(LAB_URL).content.decode()
    assert "needs PostgreSQL" in html


def test_the_command_rejects_a_single_thread(db):
    with pytest.raises(CommandError, match="--threads must be between 2 and 64, not 1"):
        call_command("concurrency", threads=1)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_bad_race_settings_are_refused_and_nothing_runs(admin_client):
    response = admin_client.post(LAB_URL, {"threads": 500, "increments": 0, "pause_ms": "soon"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 8." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Enter a number." in html
    assert "Lost updates" not in html
    assert HitCounter.objects.count() == 0
