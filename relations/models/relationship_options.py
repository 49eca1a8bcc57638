"""Relationship options the other modules do not show: who can follow whom, and what the reverse side is called.

- A self-referential many-to-many through an explicit model (``Follow``): the link carries a
  date and a reason; ``symmetrical=False`` because following is one-way.
- ``related_name="+"``: no reverse accessor at all (``Reader.invited_by`` has no "invitees").
- ``Meta.default_related_name``: every relation declared on the model gets that reverse name.
- An abstract base with a many-to-many: each concrete child gets its own join table, so the
  reverse names must differ; ``"%(app_label)s_%(class)s_items"`` makes one per child.
"""

from django.db import models
from django.utils import timezone


class Reader(models.Model):
    """Demonstrates a self-referential M2M through Follow, and related_name='+' (no reverse accessor)."""

    name = models.CharField(max_length=60, unique=True)
    follows = models.ManyToManyField("self", through="Follow", symmetrical=False, related_name="followers", blank=True)
    # "+": Django creates no reverse accessor and no reverse query name for this relation.
    invited_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "reader"
        verbose_name_plural = "readers"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Follow(models.Model):
    """Demonstrates the through model of a self-referential M2M: two foreign keys to Reader, plus data."""

    follower = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="follows_out")
    followed = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="follows_in")
    since = models.DateField(default=timezone.localdate)
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = "follow"
        verbose_name_plural = "follows"
        ordering = ["-since", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="relations_follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")),
                name="relations_follow_not_oneself",
                violation_error_message="A reader cannot follow themselves.",
            ),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.followed}"


class ReadingLabel(models.Model):
    """Demonstrates the target of an abstract base's M2M: one reverse name per concrete child."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = "reading label"
        verbose_name_plural = "reading labels"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Labelled(models.Model):
    """Demonstrates an abstract base whose M2M names its reverse side per child with %(app_label)s_%(class)s."""

    labels = models.ManyToManyField(ReadingLabel, related_name="%(app_label)s_%(class)s_items", blank=True)

    class Meta:
        abstract = True


class Bookmark(Labelled):
    """Demonstrates Meta.default_related_name: reader.bookmarks without a related_name on the field."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE)
    url = models.URLField()

    class Meta:
        verbose_name = "bookmark"
        verbose_name_plural = "bookmarks"
        ordering = ["url"]
        default_related_name = "bookmarks"

    def __str__(self):
        return self.url


class ReadingNote(Labelled):
    """Demonstrates the second child of the abstract base: label.relations_readingnote_items."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="notes")
    text = models.CharField(max_length=200)

    class Meta:
        verbose_name = "reading note"
        verbose_name_plural = "reading notes"
        ordering = ["pk"]

    def __str__(self):
        return self.text[:40]
