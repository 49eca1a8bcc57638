"""Abstract base classes: shared fields and Meta, and no table of their own.

``ProductFields`` declares what every product has — a name, a price, a supplier —
plus ``Meta.ordering`` and ``Meta.indexes``. It is abstract, so it creates no
table: each concrete subclass gets its own complete copy of the columns. All four
styles of this lab start from it (as every app starts from ``TimeStampedBaseModel``).

The *abstract style* itself is the three ``Standalone*`` models: one full table per
kind of product and no table for "a product". Listing every product therefore means
one query per table; a product's id is only unique within its own table.

The ``supplier`` ForeignKey shows the one trap of abstract bases: a fixed
``related_name`` would be copied into every subclass and the reverse accessors on
Supplier would clash (fields.E304). ``%(app_label)s`` and ``%(class)s`` make each
subclass's accessor its own: ``supplier.inheritance_standalonebook_items``.
"""

from django.db import models

from inheritance.models.supplier import Supplier
from playground.labkit.models import TimeStampedBaseModel


class ProductFields(TimeStampedBaseModel):
    """Demonstrates an abstract base: fields, Meta.ordering and Meta.indexes copied into every subclass."""

    name = models.CharField(max_length=120)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        # Formatted per concrete subclass; a plain "items" would clash between them.
        related_name="%(app_label)s_%(class)s_items",
        related_query_name="%(app_label)s_%(class)s_item",
    )

    # Which fields only this kind of product has: the comparison lab lists them.
    kind_fields: tuple[str, ...] = ()

    class Meta(TimeStampedBaseModel.Meta):
        abstract = True
        ordering = ["name"]
        # Index names must be unique in the database: %(class)s gives each table its own.
        indexes = [models.Index(fields=["price"], name="%(class)s_price_idx")]

    def __str__(self):
        return self.name


# --- The abstract style: one complete table per kind --------------------------------


class StandaloneBook(ProductFields):
    """Demonstrates a concrete model built from an abstract base: its own complete table, no parent."""

    author = models.CharField(max_length=120)
    pages = models.PositiveIntegerField()

    kind_fields = ("author", "pages")

    # Extending ProductFields.Meta keeps the inherited ordering and indexes; a bare
    # ``class Meta`` here would silently drop them.
    class Meta(ProductFields.Meta):
        verbose_name = "book (abstract base)"
        verbose_name_plural = "books (abstract base)"


class StandaloneAlbum(ProductFields):
    """Demonstrates a second table with the same inherited columns and nothing linking it to the first."""

    artist = models.CharField(max_length=120)
    tracks = models.PositiveSmallIntegerField()

    kind_fields = ("artist", "tracks")

    class Meta(ProductFields.Meta):
        verbose_name = "album (abstract base)"
        verbose_name_plural = "albums (abstract base)"


class StandaloneFilm(ProductFields):
    """Demonstrates that ids repeat across abstract-style tables: film 1 and book 1 are unrelated rows."""

    director = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField()

    kind_fields = ("director", "minutes")

    class Meta(ProductFields.Meta):
        verbose_name = "film (abstract base)"
        verbose_name_plural = "films (abstract base)"


STANDALONE_MODELS = (StandaloneBook, StandaloneAlbum, StandaloneFilm)
