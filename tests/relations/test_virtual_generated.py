"""A virtual GeneratedField: a table where the database computes columns on read, a reason where it cannot."""

from http import HTTPStatus

import pytest
from django.core import checks
from django.db import connection, router
from django.urls import reverse

from relations.models import Parcel

pytestmark = pytest.mark.django_db


# Fixtures, not skipif marks: on PostgreSQL the feature depends on the server's version, which
# needs a connection (none is allowed while pytest collects).
@pytest.fixture
def needs_virtual(db):
    if not connection.features.supports_virtual_generated_columns:
        pytest.skip(f"{connection.display_name} here has no virtual generated columns")


@pytest.fixture
def lacks_virtual(db):
    if connection.features.supports_virtual_generated_columns:
        pytest.skip(f"{connection.display_name} here has virtual generated columns")


def table_exists() -> bool:
    return Parcel._meta.db_table in connection.introspection.table_names()


def test_required_db_features_keeps_the_check_quiet_on_every_database():
    assert [e for e in Parcel.check(databases=["default"]) if e.level >= checks.ERROR] == []


def test_the_volume_is_computed_by_the_database_on_read(needs_virtual, demo_data):
    parcel = Parcel.objects.get(label="Shoebox")
    assert parcel.volume_cm3 == parcel.length_cm * parcel.width_cm * parcel.height_cm
    Parcel.objects.filter(pk=parcel.pk).update(height_cm=1)
    assert Parcel.objects.get(pk=parcel.pk).volume_cm3 == parcel.length_cm * parcel.width_cm


def test_the_column_is_declared_virtual_in_the_schema(needs_virtual):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # 18+: attgenerated 'v' (virtual), 's' (stored)
            cursor.execute(
                "SELECT attgenerated FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'volume_cm3'",
                [Parcel._meta.db_table],
            )
            assert cursor.fetchone()[0] == "v"
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [Parcel._meta.db_table])
            assert "VIRTUAL" in cursor.fetchone()[0]


def test_without_virtual_columns_there_is_no_table_and_the_admin_says_why(lacks_virtual, admin_user_client):
    assert not table_exists() and not router.allow_migrate_model(connection.alias, Parcel)
    response = admin_user_client.get(reverse("admin:relations_parcel_changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "supports_virtual_generated_columns = False" in response.content.decode()
    assert admin_user_client.get(reverse("admin:relations_parcel_add")).status_code == HTTPStatus.FORBIDDEN
    # A bookmarked change page is the admin's "doesn't exist" redirect and a delete page is refused: no 500.
    change = admin_user_client.get(reverse("admin:relations_parcel_change", args=[1]))
    assert change.status_code == HTTPStatus.FOUND
    assert admin_user_client.get(reverse("admin:relations_parcel_delete", args=[1])).status_code == HTTPStatus.FORBIDDEN


def test_a_server_with_the_feature_but_without_the_table_says_how_to_create_it(needs_virtual, admin_user_client):
    # What a PostgreSQL upgraded to 18 looks like: the migration is recorded, its table was skipped.
    # The DROP is rolled back with the test's transaction (both databases have transactional DDL).
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(Parcel._meta.db_table)}")
    response = admin_user_client.get(reverse("admin:relations_parcel_changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "supports this table, but it is missing" in response.content.decode()
