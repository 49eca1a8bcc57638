"""A foreign key to a UUID primary key: the column copies the key's type, and joins and cascades like any other."""

import pytest
from django.db import connection

from relations.models import InvoiceLine, UUIDKeyedInvoice

pytestmark = pytest.mark.django_db


def _column_type(table, column):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    row = next(r for r in description if r.name == column)
    return connection.introspection.get_field_type(row.type_code, row)


def test_the_foreign_key_column_has_the_type_of_the_uuid_key():
    key_type = _column_type(UUIDKeyedInvoice._meta.db_table, "id")
    assert _column_type(InvoiceLine._meta.db_table, "invoice_id") == key_type
    assert key_type == ("UUIDField" if connection.vendor == "postgresql" else "CharField")


def test_lines_join_and_cascade_through_the_uuid_key():
    invoice = UUIDKeyedInvoice.objects.create(number="T-UUID-1")
    InvoiceLine.objects.create(invoice=invoice, description="one", amount=1)
    InvoiceLine.objects.create(invoice=invoice, description="two", amount=2)
    assert {line.invoice.pk for line in InvoiceLine.objects.select_related("invoice").filter(invoice=invoice)} == {
        invoice.pk
    }
    assert invoice.delete()[1] == {"relations.InvoiceLine": 2, "relations.UUIDKeyedInvoice": 1}
