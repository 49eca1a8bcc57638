"""The lab's indexes exist as declared; the PostgreSQL-only table stays off other databases."""

import pytest
from django.db import connection

from playground.querylab import indexes, ticket_rows
from playground.querylab.models import HitCounter, LabelledTicket, LooseTag, SupportTicket, UniqueTag


def table_indexes(model):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def test_ticket_indexes_are_composite_partial_and_expression(db):
    declared = {index.name: index for index in SupportTicket._meta.indexes}
    assert declared["ticket_customer_recent_idx"].fields == ["customer_email", "-opened_at"]
    assert declared["ticket_open_queue_idx"].condition is not None
    assert declared["ticket_subject_lower_idx"].expressions
    assert set(declared) <= set(table_indexes(SupportTicket))


def test_the_gin_table_exists_on_postgresql_only(db):
    tables = connection.introspection.table_names()
    if connection.vendor == "postgresql":
        assert LabelledTicket._meta.db_table in tables
        constraints = table_indexes(LabelledTicket)
        assert constraints["labelled_ticket_labels_gin"]["type"] == "gin"
    else:
        assert LabelledTicket._meta.db_table not in tables
        assert SupportTicket._meta.db_table in tables  # the rest of the migration did run


def test_every_index_example_names_an_index_its_model_declares():
    for example in indexes.EXAMPLES:
        assert example.index in example.model._meta.indexes


def test_seeding_fills_the_table_with_the_documented_shape(db):
    assert ticket_rows.seed_tickets(1000) == 1000
    assert SupportTicket.objects.filter(status="open").count() == 50  # one in 20
    assert SupportTicket.objects.filter(customer_email="customer42@example.com").count() == 10
    assert SupportTicket.objects.filter(subject="Refund request #4242").count() == 0  # only 1000 rows
    assert SupportTicket.objects.filter(subject="Refund request #42").count() == 1
    newest = SupportTicket.objects.first()
    assert newest.opened_at.isoformat() == "2025-12-31T23:59:00+00:00"


def test_seeding_refuses_nonsense(db):
    with pytest.raises(ValueError, match="at least 1"):
        ticket_rows.seed_tickets(0)
    if connection.vendor != "postgresql":
        with pytest.raises(ValueError, match="PostgreSQL-only"):
            ticket_rows.seed_labelled_tickets(10)


def test_the_unique_constraint_refuses_a_second_tag_with_the_same_name(db):
    from django.db import IntegrityError, transaction

    UniqueTag.objects.create(name="orm")
    with pytest.raises(IntegrityError), transaction.atomic():
        UniqueTag.objects.create(name="orm")


def test_every_lab_model_says_what_it_demonstrates():
    for model in (HitCounter, UniqueTag, LooseTag, SupportTicket, LabelledTicket):
        assert model.__doc__.startswith("Demonstrates")
        assert str(model(**({"name": "x"} if hasattr(model, "name") else {"subject": "x"})))
