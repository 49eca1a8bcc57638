"""django-polymorphic: multi-table inheritance whose parent queries return the children.

The tables are exactly those of multi-table inheritance, plus one column on the
parent, ``polymorphic_ctype``: the content type of the row's real class.
``PolymorphicProduct.objects.all()`` reads the parent rows, then runs **one more
query per distinct child type** on the page to fetch each child's own columns, and
hands back ``PolymorphicBook``/``PolymorphicAlbum``/``PolymorphicFilm`` instances —
no ``isinstance`` ladders, no ``product.book`` guessing. ``.non_polymorphic()`` turns
that off (one query, parent instances only); ``.instance_of(PolymorphicBook)``
filters by type using the ``polymorphic_ctype`` column.

Fixtures refer to ``polymorphic_ctype`` by natural key (``["inheritance",
"polymorphicbook"]``), because content type ids differ between databases.
"""

from django.db import models
from polymorphic.models import PolymorphicModel

from inheritance.models.abstract import ProductFields


class PolymorphicProduct(ProductFields, PolymorphicModel):
    """Demonstrates a PolymorphicModel parent: querying it returns Book/Album/Film instances."""

    class Meta(ProductFields.Meta):
        verbose_name = "product (polymorphic)"
        verbose_name_plural = "products (polymorphic)"


class PolymorphicBook(PolymorphicProduct):
    """Demonstrates a polymorphic child: fetched in one extra query for all the books on a page."""

    author = models.CharField(max_length=120)
    pages = models.PositiveIntegerField()

    kind_fields = ("author", "pages")

    class Meta:
        verbose_name = "book (polymorphic)"
        verbose_name_plural = "books (polymorphic)"


class PolymorphicAlbum(PolymorphicProduct):
    """Demonstrates a second child type: one more query whenever an album is on the page."""

    artist = models.CharField(max_length=120)
    tracks = models.PositiveSmallIntegerField()

    kind_fields = ("artist", "tracks")

    class Meta:
        verbose_name = "album (polymorphic)"
        verbose_name_plural = "albums (polymorphic)"


class PolymorphicFilm(PolymorphicProduct):
    """Demonstrates a third child type: the query count follows the types present, not the rows."""

    director = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField()

    kind_fields = ("director", "minutes")

    class Meta:
        verbose_name = "film (polymorphic)"
        verbose_name_plural = "films (polymorphic)"


POLYMORPHIC_CHILDREN = (PolymorphicBook, PolymorphicAlbum, PolymorphicFilm)


class SlowPolymorphicProduct(PolymorphicProduct):
    """Demonstrates the polymorphic N+1: a non-polymorphic list whose rows are upcast one at a time.

    A proxy for the deliberately slow "before" admin (``inheritance/admin/n_plus_one.py``);
    its own manager would keep only rows *of the proxy type* (none), so that admin reads
    the parent's rows.
    """

    class Meta:
        proxy = True
        verbose_name = "N+1 before · polymorphic product"
        verbose_name_plural = "N+1 before · polymorphic products"
