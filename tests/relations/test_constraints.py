"""Constraints: the database refuses each violation, and the admin shows it as a form error, not a 500."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from relations.constraints_lab import constraint_ddl
from relations.models import LeaderboardEntry, ParkingPermit, Post, RoomBooking, Stay
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db

needs_nulls_not_distinct = pytest.mark.skipif(
    not connection.features.supports_nulls_distinct_unique_constraints,
    reason=f"{connection.vendor} cannot build UniqueConstraint(nulls_distinct=False): PostgreSQL 15+ can",
)


def _admin_add_errors(client, model, data):
    """POST the admin's add form; the page must answer (200, no row added) with the form's errors."""
    before = model.objects.count()
    response = client.post(reverse(f"admin:relations_{model._meta.model_name}_add"), data)
    assert response.status_code == HTTPStatus.OK, "the admin saved the row or crashed instead of refusing it"
    assert model.objects.count() == before
    return response.context["adminform"].form.errors


def _refused_by_the_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# --- UniqueConstraint(condition=...) -------------------------------------------------


def test_two_drafts_may_share_a_slug_but_two_published_posts_may_not():
    Post.objects.create(slug="t-cond", title="draft 1")
    Post.objects.create(slug="t-cond", title="draft 2")
    Post.objects.create(slug="t-cond", title="live", published=True)
    _refused_by_the_database(lambda: Post.objects.create(slug="t-cond", title="live again", published=True))
    assert Post.objects.filter(slug="t-cond").count() == 3


def test_admin_refuses_a_second_published_post_with_a_form_error(admin_user_client):
    Post.objects.create(slug="t-admin", title="live", published=True)
    errors = _admin_add_errors(admin_user_client, Post, {"slug": "t-admin", "title": "again", "published": "on"})
    assert Post._meta.constraints[0].violation_error_message in errors[NON_FIELD_ERRORS]


# --- UniqueConstraint(nulls_distinct=False) ------------------------------------------


@needs_nulls_not_distinct
def test_a_second_every_zone_permit_for_a_plate_is_refused_by_the_database():
    ParkingPermit.objects.create(plate="T-NULL", zone=None)
    _refused_by_the_database(lambda: ParkingPermit.objects.create(plate="T-NULL", zone=None))


def test_without_nulls_not_distinct_the_database_accepts_two_null_zones():
    if connection.features.supports_nulls_distinct_unique_constraints:
        pytest.skip(f"{connection.vendor} builds the constraint: the duplicate is refused (test above)")
    ParkingPermit.objects.create(plate="T-NULL", zone=None)
    ParkingPermit.objects.create(plate="T-NULL", zone=None)
    assert ParkingPermit.objects.filter(plate="T-NULL", zone=None).count() == 2


def test_admin_refuses_a_second_every_zone_permit_on_every_database(admin_user_client):
    # Python's check (full_clean) treats the NULLs as equal even where the database cannot.
    ParkingPermit.objects.create(plate="T-ADMIN", zone=None)
    errors = _admin_add_errors(admin_user_client, ParkingPermit, {"plate": "T-ADMIN", "zone": ""})
    assert ParkingPermit._meta.constraints[0].violation_error_message in errors[NON_FIELD_ERRORS]


# --- UniqueConstraint(deferrable=DEFERRED) ------------------------------------------


@requires_postgres
def test_two_ranks_swap_inside_one_transaction_when_the_constraint_is_deferred():
    first = LeaderboardEntry.objects.create(player="T-first", rank=901)
    second = LeaderboardEntry.objects.create(player="T-second", rank=902)
    with transaction.atomic():
        LeaderboardEntry.objects.filter(pk=first.pk).update(rank=902)  # a tie, for now
        LeaderboardEntry.objects.filter(pk=second.pk).update(rank=901)
        # Checked here rather than at the outer test transaction's COMMIT, which never comes.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert dict(LeaderboardEntry.objects.filter(rank__in=[901, 902]).values_list("player", "rank")) == {
        "T-first": 902,
        "T-second": 901,
    }


@requires_postgres
def test_the_same_swap_fails_when_the_constraint_is_checked_immediately():
    first = LeaderboardEntry.objects.create(player="T-first", rank=911)
    LeaderboardEntry.objects.create(player="T-second", rank=912)
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS relations_leaderboardentry_unique_rank IMMEDIATE")
        LeaderboardEntry.objects.filter(pk=first.pk).update(rank=912)


def test_admin_refuses_a_taken_rank_with_a_form_error(admin_user_client):
    taken = LeaderboardEntry.objects.create(player="T-holder", rank=921)
    errors = _admin_add_errors(admin_user_client, LeaderboardEntry, {"player": "T-new", "rank": taken.rank})
    assert LeaderboardEntry._meta.constraints[0].violation_error_message in str(errors)


# --- CheckConstraint across fields --------------------------------------------------


def test_a_stay_ending_before_it_starts_is_refused_by_the_database():
    day = dt.date(2026, 7, 10)
    Stay.objects.create(guest="T-one-night", starts_on=day, ends_on=day)
    _refused_by_the_database(
        lambda: Stay.objects.create(guest="T-backwards", starts_on=day, ends_on=day - dt.timedelta(days=1))
    )


def test_admin_refuses_a_backwards_stay_with_a_form_error(admin_user_client):
    errors = _admin_add_errors(
        admin_user_client, Stay, {"guest": "T-backwards", "starts_on": "2026-07-10", "ends_on": "2026-07-09"}
    )
    assert Stay._meta.constraints[0].violation_error_message in errors[NON_FIELD_ERRORS]


# --- ExclusionConstraint (PostgreSQL) -----------------------------------------------


def _booking(room, start_hour, end_hour):
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    day = dt.datetime(2026, 8, 3, tzinfo=dt.UTC)
    return RoomBooking(room=room, during=DateTimeTZRange(day.replace(hour=start_hour), day.replace(hour=end_hour)))


@requires_postgres
def test_overlapping_bookings_of_one_room_are_refused_but_other_rooms_and_touching_slots_are_not():
    _booking("T-room", 9, 10).save()
    _booking("T-room", 10, 11).save()  # [9,10) and [10,11) touch without overlapping
    _booking("T-other", 9, 11).save()
    _refused_by_the_database(lambda: _booking("T-room", 9, 12).save())
    assert RoomBooking.objects.filter(room="T-room").count() == 2


@requires_postgres
def test_admin_refuses_an_overlapping_booking_with_a_form_error(admin_user_client):
    _booking("T-admin", 9, 10).save()
    data = {"room": "T-admin", "during_0": "2026-08-03 09:30:00", "during_1": "2026-08-03 10:30:00"}
    errors = _admin_add_errors(admin_user_client, RoomBooking, data)
    assert RoomBooking._meta.constraints[0].violation_error_message in errors[NON_FIELD_ERRORS]


def test_room_bookings_have_a_table_and_an_admin_only_on_postgresql(admin_user_client):
    from django.contrib import admin

    on_postgres = connection.vendor == "postgresql"
    assert (RoomBooking._meta.db_table in connection.introspection.table_names()) is on_postgres
    assert (RoomBooking in admin.site._registry) is on_postgres


# --- The DDL on the changelists ----------------------------------------------------


@pytest.mark.parametrize("model", [Post, ParkingPermit, LeaderboardEntry, Stay])
def test_each_changelist_shows_its_constraint_as_sql_or_says_why_there_is_none(admin_user_client, model):
    html = admin_user_client.get(reverse(f"admin:relations_{model._meta.model_name}_changelist")).content.decode()
    (entry,) = constraint_ddl(model)
    assert entry["name"] in html
    if entry["sql"]:
        with connection.cursor() as cursor:
            names = connection.introspection.get_constraints(cursor, model._meta.db_table)
        assert entry["name"] in names  # the DDL shown is the constraint the table really has
        assert "CHECK" in entry["sql"] or "UNIQUE" in entry["sql"]
    else:
        assert "Not created" in html
