"""Comments on several kinds of object, modelled three ways.

The chapter warns about ``GenericForeignKey``; this module puts it next to its two
usual alternatives so the comparison lab can measure all three on the same data:

(a) ``GenericComment``: one table, a ``content_type`` + ``object_id`` pair that can point
    at any row. Nothing in the database checks the pair: the reference cannot be a
    foreign key. Deleting a target removes its comments only when the target declares a
    ``GenericRelation`` (``relations.Blog`` does; ``relations.Author`` and ``Photo``
    deliberately do not, so their comments are left dangling).
(b) ``ArcComment``: an "exclusive arc" — one nullable foreign key per target type and a
    ``CheckConstraint`` saying exactly one of them is set. Every reference is a real
    foreign key; adding a target type means a migration.
(c) ``BlogComment``, ``AuthorComment``, ``PhotoComment``: one concrete table per target,
    their shared fields from the abstract ``AbstractTargetComment``. Plain foreign keys,
    but "all comments" is a UNION of tables.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When

from playground.labkit.models import TimeStampedBaseModel
from playground.labkit.models.fields import NaturalKeyObjectIdField
from relations.models.blog import Author, Blog

# The kinds of object a comment may be attached to, in every design.
COMMENTABLE = Q(app_label="relations", model__in=["blog", "author", "photo"])


# --- A target of this app ------------------------------------------------------
class Photo(TimeStampedBaseModel):
    """Demonstrates a comment target without GenericRelation: its generic comments dangle on delete."""

    title = models.CharField(max_length=200)
    # blank=True: a caption is optional, and "" is the one way to say "none".
    caption = models.TextField(blank=True)
    taken_on = models.DateField(null=True, blank=True)
    # Deliberately no ``comments = GenericRelation(GenericComment)`` here: compare with Blog.

    class Meta:
        verbose_name = "photo"
        verbose_name_plural = "photos"
        ordering = ["title"]

    def __str__(self):
        return self.title


# --- (a) GenericForeignKey -----------------------------------------------------
class GenericCommentQuerySet(models.QuerySet):
    def with_target(self):
        """Annotate each comment's target label and whether the target still exists, in the same query.

        A GenericForeignKey cannot be joined; a CASE over the known target types, each with a
        correlated subquery, can — so a list of comments costs one query, not one per row.
        """
        labels, exists = [], []
        for model, label_field in COMMENT_TARGET_LABELS:
            is_type = Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)
            # order_by(): one row by primary key needs no sort (Meta.ordering would add one).
            target = model._base_manager.filter(pk=OuterRef("object_id")).order_by()
            labels.append(When(is_type, then=Subquery(target.values(label_field)[:1])))
            exists.append(When(is_type, then=Exists(target)))
        return self.annotate(
            target_label=Case(*labels, default=Value(None), output_field=models.CharField()),
            target_exists=Case(*exists, default=Value(False), output_field=models.BooleanField()),
        )

    def dangling_pks(self):
        """The pks of comments whose target row is gone: one anti-join per target type.

        A generic key cannot be joined as one: each target table is anti-joined (NOT EXISTS)
        with its own comments, and the pieces are put together with UNION ALL; a comment of
        no known target type counts as dangling too. PostgreSQL answers this with hash
        anti-joins, where filtering on ``with_target()``'s per-row CASE evaluates a subquery
        per comment (README, "The admin at a million rows", has the figures).
        """
        base = self.model._base_manager.order_by()
        known = [ContentType.objects.get_for_model(model) for model, _ in COMMENT_TARGET_LABELS]
        branches = [
            base.filter(content_type=content_type)
            .filter(~Exists(model._base_manager.filter(pk=OuterRef("object_id")).order_by()))
            .values("pk")
            for (model, _), content_type in zip(COMMENT_TARGET_LABELS, known, strict=True)
        ]
        first, *rest = [*branches, base.exclude(content_type__in=known).values("pk")]
        return first.union(*rest, all=True)

    def dangling(self):
        """Comments whose target row is gone, which no constraint prevents."""
        return self.filter(pk__in=self.dangling_pks())


class GenericComment(TimeStampedBaseModel):
    """Demonstrates a GenericForeignKey: any target, one table, no reference the database can enforce."""

    # The only real foreign key of the design: it says which table object_id belongs to.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to=COMMENTABLE)
    # Wide enough for any BigAutoField primary key; a UUID target would need a text column.
    # A fixture may name an Author by email here: Django's own loaddata resolves it (see the field).
    object_id = NaturalKeyObjectIdField()
    target = GenericForeignKey("content_type", "object_id")
    commenter = models.CharField(max_length=120)
    body = models.TextField()

    objects = GenericCommentQuerySet.as_manager()

    class Meta:
        verbose_name = "generic comment"
        verbose_name_plural = "generic comments"
        ordering = ["created_at", "pk"]
        # "The comments of this object" filters on both columns: one composite index serves it
        # (and GenericRelation joins), where the single-column FK index on content_type would not.
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="genericcomment_target_idx"),
            # The changelist's default order, read from an index instead of sorting 500,000 seeded rows.
            models.Index(fields=["created_at", "id"], name="genericcomment_created_idx"),
        ]

    def __str__(self):
        return f"{self.commenter}: {self.body[:40]}"

    def clean(self):
        # The database accepts any object_id; the form is the only place left to check it.
        super().clean()
        if self.content_type_id is None or self.object_id is None:
            return
        model = self.content_type.model_class()
        if model is None or not model._base_manager.filter(pk=self.object_id).exists():
            name = model._meta.verbose_name if model else self.content_type.model
            raise ValidationError({"object_id": f"There is no {name} with id {self.object_id} to comment on."})


# Each target type and the field that names one of its rows.
COMMENT_TARGET_LABELS = [(Blog, "title"), (Author, "name"), (Photo, "title")]


# --- (b) Exclusive arc ---------------------------------------------------------
ARC_TARGETS = ("blog", "author", "photo")


def exactly_one_of(*names: str) -> Q:
    """Q(a set, others NULL) | Q(b set, others NULL) | …: exactly one of the columns is set."""
    return reduce(or_, (Q(**{f"{name}__isnull": name != chosen for name in names}) for chosen in names))


class ArcComment(TimeStampedBaseModel):
    """Demonstrates an exclusive arc: one nullable FK per target type, a CheckConstraint that exactly one is set."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, null=True, blank=True, related_name="arc_comments")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, null=True, blank=True, related_name="arc_comments")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, null=True, blank=True, related_name="arc_comments")
    commenter = models.CharField(max_length=120)
    body = models.TextField()

    class Meta:
        verbose_name = "arc comment"
        verbose_name_plural = "arc comments"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(*ARC_TARGETS),
                name="arccomment_exactly_one_target",
                violation_error_message="A comment needs exactly one target: a blog, an author or a photo.",
            )
        ]

    def __str__(self):
        return f"{self.commenter}: {self.body[:40]}"

    @property
    def target(self):
        return self.blog or self.author or self.photo


# --- (c) One table per target, from an abstract base ---------------------------
class AbstractTargetComment(TimeStampedBaseModel):
    """Demonstrates an abstract base: the shared comment fields, copied into each per-target table."""

    commenter = models.CharField(max_length=120)
    body = models.TextField()

    class Meta(TimeStampedBaseModel.Meta):
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.commenter}: {self.body[:40]}"


class BlogComment(AbstractTargetComment):
    """Demonstrates one comment table per target: a plain FK to Blog."""

    target = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="table_comments")

    class Meta(AbstractTargetComment.Meta):
        verbose_name = "blog comment"
        verbose_name_plural = "blog comments"


class AuthorComment(AbstractTargetComment):
    """Demonstrates one comment table per target: a plain FK to Author."""

    target = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="table_comments")

    class Meta(AbstractTargetComment.Meta):
        verbose_name = "author comment"
        verbose_name_plural = "author comments"


class PhotoComment(AbstractTargetComment):
    """Demonstrates one comment table per target: a plain FK to Photo."""

    target = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="table_comments")

    class Meta(AbstractTargetComment.Meta):
        verbose_name = "photo comment"
        verbose_name_plural = "photo comments"
