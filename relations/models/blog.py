"""The chapter's core: Author and Blog.

Shows the everyday field types and their parameters, both kinds of reverse
access (the default ``blog_set`` and an explicit ``related_name``), a custom
QuerySet exposed as the manager, a model method, and natural keys for fixtures.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone

from playground.labkit.models import TimeStampedBaseModel


class AuthorManager(models.Manager):
    def get_by_natural_key(self, email):
        return self.get(email=email)


class Author(TimeStampedBaseModel):
    """Demonstrates CharField/EmailField/TextField, unique natural keys and reverse FK access."""

    name = models.CharField(max_length=120)
    # unique=True makes the email a natural key: fixtures and imports refer to authors by it.
    email = models.EmailField(unique=True)
    # blank=True without null=True: an empty biography is stored as "", so there is only
    # one way to say "nothing" (Django's advice for text fields).
    bio = models.TextField(blank=True)
    # null=True for a non-text field: "unknown" (NULL) differs from any real date.
    born_on = models.DateField(null=True, blank=True)

    objects = AuthorManager()

    class Meta:
        verbose_name = "author"
        verbose_name_plural = "authors"
        ordering = ["name"]
        # The admin orders by name, then -pk to make the order total: one index serves both.
        indexes = [models.Index(fields=["name", "-id"], name="author_name_id_idx")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.email,)

    def get_absolute_url(self):
        return reverse("admin:relations_author_change", args=[self.pk])


class BlogQuerySet(models.QuerySet):
    """Chainable filters: ``Blog.objects.published().by(author)``."""

    def published(self):
        return self.filter(status=Blog.Status.PUBLISHED, published_at__lte=timezone.now())

    def drafts(self):
        return self.filter(status=Blog.Status.DRAFT)

    def by(self, author):
        return self.filter(author=author)


class Blog(TimeStampedBaseModel):
    """Demonstrates ForeignKey reverse access: default ``author.blog_set`` vs ``related_name``."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # default= applies in Python on save(); a new blog starts as a draft.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    # A default of 0 rather than NULL: counters are added to with F() expressions, and
    # NULL + 1 is NULL.
    views = models.PositiveIntegerField(default=0)
    # No related_name: the reverse accessor is Django's default, ``author.blog_set``.
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    # A second FK to the same model must name its reverse accessor, or the two clash
    # (fields.E304). related_query_name is the name used in lookups from Author.
    editor = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_blogs",
        related_query_name="edited_blog",
    )
    # A foreign key to the user model goes through settings.AUTH_USER_MODEL, never auth.User,
    # so the lesson works with any user model. SET_NULL: deleting a user keeps their reviews.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_blogs",
    )
    # Deleting a blog deletes its generic comments only because of this (see relations.models.comments).
    comments = GenericRelation("relations.GenericComment", related_query_name="blog")

    objects = BlogQuerySet.as_manager()

    class Meta:
        verbose_name = "blog"
        verbose_name_plural = "blogs"
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="blog_status_published_idx"),
            # The changelist's default order (Meta.ordering plus the admin's -pk tie-breaker):
            # page 1 of a million blogs reads 100 index entries instead of sorting the table.
            models.Index(fields=["-published_at", "title", "-id"], name="blog_changelist_order_idx"),
        ]

    def __str__(self):
        return self.title

    def publish(self, when=None):
        """A model method: behaviour lives with the data it changes."""
        self.status = self.Status.PUBLISHED
        self.published_at = when or timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None
