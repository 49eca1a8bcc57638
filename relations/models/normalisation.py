"""Normalisation: the same tags stored denormalised (a comma-separated text field) and
normalised (a Tag table and a many-to-many).

What the normal form buys: a tag exists once, so renaming it is one UPDATE and a typo
cannot split it in two; "articles tagged X" is an indexed join instead of a LIKE
'%X%' that also matches "XY"; counting and listing tags is a GROUP BY. The
denormalised form is one column and no join: fine for text that is only displayed.
"""

from django.db import models


class TagManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Tag(models.Model):
    """Demonstrates the normalised side: each tag is one row, referenced by id."""

    name = models.CharField(max_length=50, unique=True)

    objects = TagManager()

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tags"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class DenormalisedArticle(models.Model):
    """Demonstrates denormalised tags: one text column "django, orm" that every query must parse."""

    title = models.CharField(max_length=200)
    tags = models.CharField(max_length=200, blank=True, help_text="Comma-separated, e.g. “django, orm”.")

    class Meta:
        verbose_name = "denormalised article"
        verbose_name_plural = "denormalised articles"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class NormalisedArticle(models.Model):
    """Demonstrates normalised tags: a Tag table and an M2M, queryable with joins."""

    title = models.CharField(max_length=200)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")

    class Meta:
        verbose_name = "normalised article"
        verbose_name_plural = "normalised articles"
        ordering = ["title"]

    def __str__(self):
        return self.title
