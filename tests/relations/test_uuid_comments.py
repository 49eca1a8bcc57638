"""Generic comments on a UUID-keyed target: a text object_id, and what it costs on each database."""

import re
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from relations.models import GenericComment, IntegerKeyedInvoice, InvoiceComment, UUIDKeyedInvoice
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db

requires_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: its UUIDs are 32 hex digits")


def most_commented_uuid_invoice():
    return max(UUIDKeyedInvoice.objects.all(), key=lambda invoice: invoice.comments.count())


def test_demo_comments_reach_integer_and_uuid_invoices_through_one_text_column(demo_data):
    targets = {type(c.target) for c in InvoiceComment.objects.all()}
    assert targets == {IntegerKeyedInvoice, UUIDKeyedInvoice}
    invoice = most_commented_uuid_invoice()
    assert invoice.comments.count() >= 2
    assert {c.object_id for c in invoice.comments.all()} == {str(invoice.pk)}


def test_an_integer_object_id_column_refuses_a_uuid(demo_data):
    invoice = UUIDKeyedInvoice.objects.first()
    # Django passes int(uuid), 128 bits: PostgreSQL "bigint out of range", SQLite an OverflowError.
    with pytest.raises((DatabaseError, OverflowError)):
        with transaction.atomic():
            GenericComment.objects.create(
                content_type=ContentType.objects.get_for_model(invoice), object_id=invoice.pk, commenter="x", body="y"
            )


@requires_sqlite
def test_on_sqlite_a_join_through_the_generic_relation_silently_finds_nothing(demo_data):
    invoice = most_commented_uuid_invoice()
    assert invoice.comments.count() >= 2  # object_id = str(pk): matched in Python's spelling
    # The JOIN compares the text object_id with the 32-hex-digit key column: no error, no rows.
    assert InvoiceComment.objects.filter(uuid_invoice__number=invoice.number).count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM relations_uuidkeyedinvoice WHERE number = %s", [invoice.number])
        assert cursor.fetchone()[0] == invoice.pk.hex != str(invoice.pk)


@requires_postgres
def test_on_postgresql_the_join_casts_and_finds_every_comment(demo_data):
    from django.test.utils import CaptureQueriesContext

    invoice = most_commented_uuid_invoice()
    with CaptureQueriesContext(connection) as ctx:
        found = InvoiceComment.objects.filter(uuid_invoice__number=invoice.number).count()
    assert found == invoice.comments.count() >= 2
    assert '("relations_uuidkeyedinvoice"."id")::varchar(36)' in ctx.captured_queries[0]["sql"]


def test_prefetching_matches_the_text_ids_in_python_on_both_databases(demo_data, django_assert_num_queries):
    invoice = most_commented_uuid_invoice()
    expected = invoice.comments.count()
    with django_assert_num_queries(2):  # the invoices, then their comments by object_id IN (…)
        fetched = {i.pk: len(i.comments.all()) for i in UUIDKeyedInvoice.objects.prefetch_related("comments")}
    assert fetched[invoice.pk] == expected


def test_the_comparison_page_measures_the_uuid_section(admin_user_client, demo_data):
    response = admin_user_client.get(reverse("admin:lab-comments-comparison"))
    assert response.status_code == HTTPStatus.OK
    measures = dict(re.findall(r'data-measure="(uuid-[^"]+)" data-value="([^"]*)"', response.content.decode()))
    invoice = most_commented_uuid_invoice()
    expected = str(invoice.comments.count())
    assert measures["uuid-integer-column"] == "refused"
    # SQLite keeps 32 hex digits in the key column, the text column str(uuid); PostgreSQL's uuid prints like str().
    assert measures["uuid-same-text"] == ("no" if connection.vendor == "sqlite" else "yes")
    # The two JOINs find nothing on SQLite (hex digits against hyphens) and everything on PostgreSQL (a cast).
    joined = "0" if connection.vendor == "sqlite" else expected
    assert [measures[f"uuid-found-{n}"] for n in range(1, 6)] == [expected, joined, joined, expected, expected]
    assert measures["uuid-queries-4"] == "2"


def test_without_a_uuid_invoice_the_page_says_the_integer_column_was_not_tried(admin_user_client, no_demo_data):
    html = admin_user_client.get(reverse("admin:lab-comments-comparison")).content.decode()
    assert 'data-measure="uuid-integer-column" data-value="skipped"' in html
