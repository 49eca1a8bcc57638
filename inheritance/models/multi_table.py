"""Multi-table inheritance: a parent table, and one table per child joined to it one-to-one.

``Product`` is concrete, so it has a table of its own holding the common columns.
Each child table holds only the child's own columns plus a one-to-one link that is
also its primary key:

- ``Book`` and ``Film`` get the implicit link Django adds, ``product_ptr``;
- ``Album`` declares it (``parent_link=True``) to choose its name, ``product``.

From a child, parent fields read like its own (``book.price``), at the cost of a
JOIN on every query. From the parent, ``product.book`` fetches the child — and
raises ``Book.DoesNotExist`` when this product is not a book. Deleting a child
deletes its parent row too (unless ``keep_parents=True``); deleting the parent
cascades to the child row.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from inheritance.models.abstract import ProductFields


class Product(ProductFields):
    """Demonstrates a concrete parent: a real table that every child row also has a row in."""

    CHILD_ACCESSORS = ("book", "album", "film")

    class Meta(ProductFields.Meta):
        verbose_name = "product (multi-table)"
        verbose_name_plural = "products (multi-table)"

    def as_child(self):
        """The Book/Album/Film this product is, or the product itself if it is none of them.

        Each accessor is a query unless the listing used select_related(*CHILD_ACCESSORS).
        """
        for accessor in self.CHILD_ACCESSORS:
            try:
                return getattr(self, accessor)
            except ObjectDoesNotExist:  # Product.book.RelatedObjectDoesNotExist, a Book.DoesNotExist
                continue
        return self


class Book(Product):
    """Demonstrates the implicit parent link: Django adds ``product_ptr`` (OneToOne, primary key)."""

    author = models.CharField(max_length=120)
    pages = models.PositiveIntegerField()

    kind_fields = ("author", "pages")

    # ordering is inherited from a concrete parent; verbose names are not.
    class Meta:
        verbose_name = "book (multi-table)"
        verbose_name_plural = "books (multi-table)"


class Album(Product):
    """Demonstrates an explicit parent link: ``OneToOneField(parent_link=True)`` names the column."""

    product = models.OneToOneField(
        Product,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="album",
    )
    artist = models.CharField(max_length=120)
    tracks = models.PositiveSmallIntegerField()

    kind_fields = ("artist", "tracks")

    class Meta:
        verbose_name = "album (multi-table)"
        verbose_name_plural = "albums (multi-table)"


class Film(Product):
    """Demonstrates a third child: one more LEFT JOIN when listing products with their child fields."""

    director = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField()

    kind_fields = ("director", "minutes")

    class Meta:
        verbose_name = "film (multi-table)"
        verbose_name_plural = "films (multi-table)"


MULTI_TABLE_CHILDREN = (Book, Album, Film)
