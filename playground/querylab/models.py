"""Models of the query and performance lab.

Demonstrates what the chapter's performance section measures:

* ``HitCounter`` — a counter that threads increment: read-modify-write loses
  updates, ``F()`` and ``select_for_update()`` do not.
* ``UniqueTag`` / ``LooseTag`` — the same ``get_or_create()`` race with and
  without a unique constraint behind it.
* ``SupportTicket`` — ``Meta.indexes``: a composite, a partial (``condition=``)
  and an expression index, each beside the query it serves.
* ``LabelledTicket`` — a GIN index on an array, which only PostgreSQL has:
  ``Meta.required_db_vendor`` keeps the whole table off other databases, so
  ``migrate`` on SQLite simply skips it.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower

# --- Concurrency -------------------------------------------------------------


class HitCounter(models.Model):
    """Demonstrates lost updates (read-modify-write) against F() and select_for_update()."""

    name = models.CharField(max_length=80, unique=True)
    value = models.IntegerField(default=0)

    class Meta:
        verbose_name = "hit counter"
        verbose_name_plural = "hit counters"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} = {self.value}"


class UniqueTag(models.Model):
    """Demonstrates a get_or_create() race resolved by a unique constraint: one row, always."""

    name = models.CharField(max_length=80)

    class Meta:
        verbose_name = "unique tag"
        verbose_name_plural = "unique tags"
        ordering = ["name"]
        # get_or_create() relies on this: the losing INSERT raises IntegrityError and
        # Django answers with the row the winner created.
        constraints = [models.UniqueConstraint(fields=["name"], name="querylab_uniquetag_name_unique")]

    def __str__(self):
        return self.name


class LooseTag(models.Model):
    """Demonstrates the same get_or_create() race without a constraint: duplicates can appear."""

    name = models.CharField(max_length=80)

    class Meta:
        verbose_name = "loose tag"
        verbose_name_plural = "loose tags"
        ordering = ["name"]

    def __str__(self):
        return self.name


# --- Indexes -----------------------------------------------------------------


class SupportTicket(models.Model):
    """Demonstrates Meta.indexes: composite, partial and expression indexes, each for one query."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PENDING = "pending", "Pending"
        CLOSED = "closed", "Closed"

    customer_email = models.EmailField()
    subject = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(default=3)
    # Not TimeStampedBaseModel: its indexed created_at would be one more index on every
    # INSERT, and this table exists to measure exactly what each index costs.
    opened_at = models.DateTimeField()

    class Meta:
        verbose_name = "support ticket"
        verbose_name_plural = "support tickets"
        ordering = ["-opened_at"]
        indexes = [
            # Composite: "a customer's latest tickets" — equality on the first column,
            # ORDER BY the second, so the rows come out of the index already sorted.
            models.Index(fields=["customer_email", "-opened_at"], name="ticket_customer_recent_idx"),
            # Partial: "the open queue, oldest first". Most tickets are closed; indexing only
            # the open ones keeps the index small and cheap to maintain.
            models.Index(
                fields=["opened_at"],
                condition=models.Q(status="open"),
                name="ticket_open_queue_idx",
            ),
            # Expression: a case-insensitive subject search filters on LOWER(subject); a plain
            # index on subject cannot serve it, an index on the expression can.
            models.Index(Lower("subject"), name="ticket_subject_lower_idx"),
        ]

    def __str__(self):
        return f"{self.subject} ({self.customer_email})"


class LabelledTicket(models.Model):
    """Demonstrates a GIN index on an array (PostgreSQL only, through required_db_vendor)."""

    subject = models.CharField(max_length=200)
    labels = ArrayField(models.CharField(max_length=30), default=list, blank=True)

    class Meta:
        verbose_name = "labelled ticket"
        verbose_name_plural = "labelled tickets"
        ordering = ["subject"]
        # A model-level switch: migrate creates this table on PostgreSQL and skips it
        # elsewhere, so the GIN index never reaches a database that cannot build it.
        required_db_vendor = "postgresql"
        # Serves labels__contains=[...] (the @> operator); a B-tree cannot.
        indexes = [GinIndex(fields=["labels"], name="labelled_ticket_labels_gin")]

    def __str__(self):
        return self.subject
