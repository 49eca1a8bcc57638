"""Generic comments on targets keyed by an integer and by a UUID: what ``object_id`` must then be.

``GenericComment.object_id`` is a bigint column: it holds any ``BigAutoField`` key and
nothing else. A UUID does not fit (128 bits; Django turns ``UUID`` into its integer, which
the column refuses). ``InvoiceComment`` comments on both invoice models of ``keys``, so its
``object_id`` is text (``varchar(36)``): ``"3"`` and ``"5b1f8a3e-…"`` alike. The price:

- The column and the target's key no longer have one type: a join from the target to its
  comments compares text with an integer or a ``uuid`` (PostgreSQL refuses without a cast),
  and on SQLite a UUID key is stored as 32 hex digits while ``str(uuid)`` has hyphens.
- The database cannot check that ``"abc"`` is nobody's key (no constraint, as for any
  generic key), and a text index is wider than a bigint one.

The other way out, a separate nullable ``uuid`` column beside the integer one, keeps both
types exact but needs two GenericForeignKeys (or a property choosing between them); it is
described, not built. The comments lab measures the text column's costs on the current database.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from playground.labkit.models import TimeStampedBaseModel

INVOICES = Q(app_label="relations", model__in=["integerkeyedinvoice", "uuidkeyedinvoice"])


class InvoiceComment(TimeStampedBaseModel):
    """Demonstrates a GenericForeignKey with a text object_id: integer and UUID targets in one column."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to=INVOICES)
    # Text, wide enough for a hyphenated UUID (36 characters) or any integer key.
    object_id = models.CharField(max_length=36)
    target = GenericForeignKey("content_type", "object_id")
    commenter = models.CharField(max_length=120)
    body = models.TextField()

    class Meta:
        verbose_name = "invoice comment"
        verbose_name_plural = "invoice comments"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="invoicecomment_target_idx")]

    def __str__(self):
        return f"{self.commenter}: {self.body[:40]}"
