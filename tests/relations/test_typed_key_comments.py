"""Generic comments with typed keys: a bigint object_id beside a uuid object_uuid, exactly one set."""

import re
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relations.models import IntegerKeyedInvoice, TypedKeyComment, UUIDKeyedInvoice

pytestmark = pytest.mark.django_db

CONSTRAINT_MESSAGE = "A comment needs exactly one key: an object id or an object UUID."


def most_commented_uuid_invoice():
    # The invoice the comparison page measures: the most text-keyed comments.
    return max(UUIDKeyedInvoice.objects.all(), key=lambda invoice: invoice.comments.count())


def page_measures(client):
    response = client.get(reverse("admin:lab-comments-comparison"))
    assert response.status_code == HTTPStatus.OK
    return dict(re.findall(r'data-measure="(uuid-[^"]+)" data-value="([^"]*)"', response.content.decode()))


def test_demo_comments_keep_each_key_in_the_column_of_its_type(demo_data):
    comments = list(TypedKeyComment.objects.all())
    assert {type(c.target) for c in comments} == {IntegerKeyedInvoice, UUIDKeyedInvoice}
    for comment in comments:
        uuid_keyed = isinstance(comment.target, UUIDKeyedInvoice)
        assert (comment.object_uuid is not None, comment.object_id is not None) == (uuid_keyed, not uuid_keyed)


@pytest.mark.parametrize("keys", [{}, {"object_id": 1, "object_uuid": "5b1f8a3e-8c4d-4f2a-9d51-0f6e2b7c1a01"}])
def test_the_check_constraint_refuses_both_keys_or_neither(demo_data, keys):
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    with pytest.raises(IntegrityError), transaction.atomic():
        TypedKeyComment.objects.create(content_type=content_type, commenter="x", body="y", **keys)


@pytest.mark.parametrize("keys", [{}, {"object_id": 1, "object_uuid": "5b1f8a3e-8c4d-4f2a-9d51-0f6e2b7c1a01"}])
def test_admin_form_shows_the_constraint_message_for_both_keys_or_neither(admin_user_client, demo_data, keys):
    before = TypedKeyComment.objects.count()
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    response = admin_user_client.post(
        reverse("admin:relations_typedkeycomment_add"),
        {"content_type": content_type.pk, "commenter": "Nobody", "body": "two keys or none", **keys},
    )
    assert response.status_code == HTTPStatus.OK  # the form again, not a redirect or a 500
    assert CONSTRAINT_MESSAGE in response.content.decode()
    assert TypedKeyComment.objects.count() == before


def test_admin_form_refuses_an_integer_key_for_a_uuid_keyed_invoice(admin_user_client, demo_data):
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    response = admin_user_client.post(
        reverse("admin:relations_typedkeycomment_add"),
        {"content_type": content_type.pk, "object_id": 1, "commenter": "Wrong", "body": "column"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "A UUID-keyed invoice is found by its object_uuid." in response.content.decode()


def test_admin_form_saves_a_comment_on_a_uuid_keyed_invoice(admin_user_client, demo_data):
    invoice = UUIDKeyedInvoice.objects.order_by("number").first()
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    response = admin_user_client.post(
        reverse("admin:relations_typedkeycomment_add"),
        {"content_type": content_type.pk, "object_uuid": str(invoice.pk), "commenter": "Fine", "body": "one key"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert TypedKeyComment.objects.get(commenter="Fine").target == invoice


def test_the_typed_join_finds_every_comment_without_a_cast_on_both_databases(demo_data):
    invoice = most_commented_uuid_invoice()
    with CaptureQueriesContext(connection) as ctx:
        found = TypedKeyComment.objects.filter(uuid_invoice__number=invoice.number).count()
    assert found == invoice.typed_comments.count() >= 2
    on_clause = ctx.captured_queries[0]["sql"].split(" ON ", 1)[1]
    assert '"relations_typedkeycomment"."object_uuid" = "relations_uuidkeyedinvoice"."id"' in on_clause
    assert "::" not in on_clause and "CAST(" not in on_clause.upper()


def test_deleting_a_uuid_invoice_deletes_its_typed_comments_and_no_integer_invoices_ones(demo_data):
    invoice = most_commented_uuid_invoice()
    own, others = invoice.typed_comments.count(), TypedKeyComment.objects.count() - invoice.typed_comments.count()
    assert own >= 2
    invoice.delete()  # the GenericRelation on object_uuid cascades
    assert TypedKeyComment.objects.count() == others


def test_prefetching_both_generic_keys_costs_one_query_per_target_type(demo_data, django_assert_num_queries):
    ContentType.objects.get_for_models(IntegerKeyedInvoice, UUIDKeyedInvoice)  # a warm cache, as on the page
    with django_assert_num_queries(3):  # the comments, the integer invoices, the UUID invoices
        targets = [c.target for c in TypedKeyComment.objects.prefetch_related("int_target", "uuid_target")]
    assert None not in targets and {type(t) for t in targets} == {IntegerKeyedInvoice, UUIDKeyedInvoice}


def test_the_comparison_page_measures_both_designs_side_by_side(admin_user_client, demo_data):
    measures = page_measures(admin_user_client)
    invoice = most_commented_uuid_invoice()
    text, typed = str(invoice.comments.count()), str(invoice.typed_comments.count())
    # The text design's two JOINs find nothing on SQLite (hex digits against hyphens); a cast fixes it on PostgreSQL.
    joined = "0" if connection.vendor == "sqlite" else text
    assert [measures[f"uuid-found-{n}"] for n in range(1, 6)] == [text, joined, joined, text, text]
    # The typed design finds every comment all five ways, on both databases.
    assert [measures[f"uuid-typed-found-{n}"] for n in range(1, 6)] == [typed] * 5
    assert [measures[f"uuid-typed-queries-{n}"] for n in range(1, 6)] == ["1", "1", "1", "2", "3"]
    assert measures["uuid-join-cast"] == ("yes" if connection.vendor == "postgresql" else "no")
    assert measures["uuid-typed-join-cast"] == "no"


def test_without_a_uuid_invoice_the_page_leaves_both_designs_unmeasured(admin_user_client, no_demo_data):
    measures = page_measures(admin_user_client)
    assert not any(key.startswith(("uuid-typed-", "uuid-found-")) for key in measures)
