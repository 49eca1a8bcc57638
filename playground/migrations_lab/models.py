"""The migrations lab: a Release with its notes, and a migration history that teaches.

Every field here arrived through a migration in playground/migrations/ that shows
one technique (see each file's header): a slug added as NOT NULL to a table that
already has rows (nullable, backfill, then NOT NULL), a count added with
``db_default``, data migrations with a real reverse, renames that keep the data,
an ``on_delete`` moved to the database and back, and an index written in SQL.
"""

from django.db import models
from django.db.models.functions import Lower

from playground.labkit.models.base import TimeStampedBaseModel


class ReleaseManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Release(TimeStampedBaseModel):
    """Demonstrates a table that gained columns after it had rows: ``slug`` and ``note_count``."""

    name = models.CharField(max_length=120)
    version = models.CharField(max_length=20)
    # Added in three steps (0002 nullable, 0003 backfill, 0004 NOT NULL + UNIQUE): adding
    # it NOT NULL at once would need a default for the existing rows, and one default
    # for every row cannot be unique.
    slug = models.SlugField(max_length=140, unique=True)
    # The one-step alternative for a NOT NULL column: db_default puts DEFAULT 0 in the
    # table definition, so ADD COLUMN ... DEFAULT 0 NOT NULL fills existing rows itself
    # (PostgreSQL 11+ without rewriting the table). A denormalised count of notes,
    # filled by 0006 and kept up to date by whoever adds notes.
    note_count = models.PositiveIntegerField(db_default=0)

    objects = ReleaseManager()

    class Meta:
        verbose_name = "release"
        verbose_name_plural = "releases"
        ordering = ["name", "version"]

    def __str__(self):
        return f"{self.name} {self.version}"

    def natural_key(self):
        return (self.slug,)


class ReleaseNote(TimeStampedBaseModel):
    """Demonstrates RenameModel (was ``Note``) and RenameField (``summary`` → ``title``) keeping every row."""

    # 0009 moved this on_delete into the database (DB_CASCADE) and 0010 moved it back:
    # compare their SQL on the migrations page. Nothing references ReleaseNote, so no
    # chain mixes database- and Python-level on_delete (checks models.E050, fields.E323).
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="notes")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = "release note"
        verbose_name_plural = "release notes"
        ordering = ["release", "pk"]
        # Created by hand-written SQL in 0011 (SeparateDatabaseAndState): the migration
        # state records this index so that makemigrations sees nothing to do.
        indexes = [models.Index(Lower("title"), name="releasenote_title_lower_idx")]

    def __str__(self):
        return self.title
