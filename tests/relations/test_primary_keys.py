"""Integer against UUID primary keys, and default=timezone.now evaluated per row."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.models import IntegerKeyedInvoice, UUIDKeyedInvoice

pytestmark = pytest.mark.django_db


def test_an_integer_key_exists_only_after_the_insert():
    invoice = IntegerKeyedInvoice(number="A-1")
    assert invoice.pk is None
    invoice.save()
    assert isinstance(invoice.pk, int)


def test_a_uuid_key_is_chosen_in_python_before_the_insert():
    invoice = UUIDKeyedInvoice(number="B-1")
    chosen = invoice.pk
    assert isinstance(chosen, uuid.UUID) and chosen.version == 4
    with CaptureQueriesContext(connection) as ctx:
        invoice.save()
    assert invoice.pk == chosen
    # The key travels in the INSERT itself (SQLite stores it as 32 hex characters).
    assert chosen.hex in ctx.captured_queries[-1]["sql"].replace("-", "")


def test_integer_keys_follow_insertion_order_uuid_keys_do_not_say_anything_about_it():
    ints = [IntegerKeyedInvoice.objects.create(number=f"I-{i}").pk for i in range(20)]
    uuids = [UUIDKeyedInvoice.objects.create(number=f"U-{i}").pk for i in range(20)]
    assert ints == sorted(ints)
    assert uuids != sorted(uuids)  # 20 random uuid4s in order: a 1 in 20! chance


def test_default_timezone_now_is_called_for_each_row():
    first = IntegerKeyedInvoice.objects.create(number="T-1")
    second = IntegerKeyedInvoice.objects.create(number="T-2")
    assert first.issued_at.tzinfo is not None
    assert second.issued_at >= first.issued_at
    assert dt.datetime.now(dt.UTC) - second.issued_at < dt.timedelta(minutes=5)
    field = IntegerKeyedInvoice._meta.get_field("issued_at")
    assert callable(field.default), "a called timezone.now() would freeze the import time into every row"


def test_a_uuid_keyed_change_page_is_addressed_by_its_uuid(admin_user_client, demo_data):
    invoice = UUIDKeyedInvoice.objects.get(number="2026-0001")
    response = admin_user_client.get(f"/admin/relations/uuidkeyedinvoice/{invoice.pk}/change/")
    assert response.status_code == 200
    # An integer is not a UUID: the admin says the object does not exist instead of failing.
    guessed = admin_user_client.get("/admin/relations/uuidkeyedinvoice/1/change/", follow=True)
    assert guessed.status_code == 200
    assert "doesn’t exist" in guessed.content.decode()
