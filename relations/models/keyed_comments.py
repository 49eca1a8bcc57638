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

The other way out is ``TypedKeyComment``: a nullable bigint ``object_id`` beside a nullable
``object_uuid``, each with the type of the keys it holds. Joins compare like with like (no cast,
no hex-against-hyphens), but there are two GenericForeignKeys (``int_target``, ``uuid_target``)
to keep apart: a CheckConstraint lets exactly one column be set, a ``target`` property chooses,
each invoice model's GenericRelation names its own column, and the database still cannot tell
that the column fits the content type (``clean()`` checks that in forms). The comments lab runs
the same five queries against both designs on the current database.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from playground.labkit.models import TimeStampedBaseModel
from relations.models.comments import exactly_one_of

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


class TypedKeyComment(TimeStampedBaseModel):
    """Demonstrates two typed generic keys, bigint and uuid, of which a CheckConstraint lets exactly one be set."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to=INVOICES)
    # An integer-keyed target's id: a bigint, as its key.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A UUID-keyed target's id: uuid on PostgreSQL, char(32) on SQLite, as its key.
    object_uuid = models.UUIDField(null=True, blank=True)
    int_target = GenericForeignKey("content_type", "object_id")
    uuid_target = GenericForeignKey("content_type", "object_uuid")
    commenter = models.CharField(max_length=120)
    body = models.TextField()

    class Meta:
        verbose_name = "typed-key comment"
        verbose_name_plural = "typed-key comments"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="typedkeycomment_int_idx"),
            models.Index(fields=["content_type", "object_uuid"], name="typedkeycomment_uuid_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("object_id", "object_uuid"),
                name="typedkeycomment_exactly_one_key",
                violation_error_message="A comment needs exactly one key: an object id or an object UUID.",
            )
        ]

    def __str__(self):
        return f"{self.commenter}: {self.body[:40]}"

    @property
    def target(self):
        """The invoice, through whichever generic key is set (None if neither is)."""
        if self.object_uuid is not None:
            return self.uuid_target
        return self.int_target if self.object_id is not None else None

    def clean(self):
        """The column must fit the content type's key, and the target must exist: the database checks neither."""
        super().clean()
        if self.content_type_id is None or (self.object_id is None) == (self.object_uuid is None):
            return  # a missing field, or the CheckConstraint's own message
        model = self.content_type.model_class()
        uuid_keyed = isinstance(model._meta.pk, models.UUIDField)
        if uuid_keyed != (self.object_uuid is not None):
            field = "object_uuid" if uuid_keyed else "object_id"
            raise ValidationError({field: f"A {model._meta.verbose_name} is found by its {field}."})
        key = self.object_uuid if uuid_keyed else self.object_id
        if not model._default_manager.filter(pk=key).exists():
            raise ValidationError(f"There is no {model._meta.verbose_name} with id {key} to comment on.")
