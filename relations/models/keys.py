"""Primary keys: an auto-incrementing integer against a UUID, on the same small domain.

An integer key is small (8 bytes), ordered by insertion and cheap to index and join, but the
database hands it out, so an object has no identity until it is INSERTed, and ids are
guessable and leak volumes ("order 1041"). A UUID key is chosen by Python before the INSERT
(the object can be referenced, e.g. in a URL or a message, before it is saved), is safe to
expose and to merge across databases, but takes 16 bytes (PostgreSQL's ``uuid``; SQLite
stores 32 hex characters), scatters inserts across the index (uuid4 is random) and says
nothing about order — so order by a timestamp instead.

Also here: ``default=timezone.now`` — the callable, not ``timezone.now()``, which would be
evaluated once at import time and stamp every row with the moment the server started.
"""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone


class IntegerKeyedInvoice(models.Model):
    """Demonstrates the default BigAutoField key: assigned by the database on INSERT."""

    number = models.CharField(max_length=20, unique=True)
    # The callable: evaluated for each new row (timezone-aware under USE_TZ).
    issued_at = models.DateTimeField(default=timezone.now)
    # Comments whose text object_id holds this integer key as "1", "2", …
    comments = GenericRelation("relations.InvoiceComment", related_query_name="integer_invoice")
    # The typed design: comments whose bigint object_id holds this key.
    typed_comments = GenericRelation("relations.TypedKeyComment", related_query_name="integer_invoice")

    class Meta:
        verbose_name = "integer-keyed invoice"
        verbose_name_plural = "integer-keyed invoices"
        ordering = ["issued_at", "number"]

    def __str__(self):
        return f"Invoice {self.number} (id {self.pk})"


class UUIDKeyedInvoice(models.Model):
    """Demonstrates a UUID primary key: chosen in Python before the INSERT, unguessable."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    # Comments whose text object_id holds this UUID (relations.models.keyed_comments).
    comments = GenericRelation("relations.InvoiceComment", related_query_name="uuid_invoice")
    # The typed design: comments whose object_uuid (same type as this key) holds it.
    typed_comments = GenericRelation(
        "relations.TypedKeyComment", object_id_field="object_uuid", related_query_name="uuid_invoice"
    )

    class Meta:
        verbose_name = "UUID-keyed invoice"
        verbose_name_plural = "UUID-keyed invoices"
        # A random UUID says nothing about order: order by a timestamp.
        ordering = ["issued_at", "number"]

    def __str__(self):
        return f"Invoice {self.number} ({str(self.pk)[:8]}…)"


class InvoiceLine(models.Model):
    """Demonstrates a ForeignKey to a UUID primary key: the column takes the key's type (uuid / char(32))."""

    # invoice_id is a uuid column on PostgreSQL and char(32) on SQLite, like the key it copies.
    invoice = models.ForeignKey(UUIDKeyedInvoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=120)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["invoice", "pk"]
        verbose_name = "invoice line"
        verbose_name_plural = "invoice lines"

    def __str__(self):
        return f"{self.description}: {self.amount}"
