"""Proxy models: one table, several Python classes with their own behaviour.

A proxy adds no table and no column: ``CatalogueBook`` reads and writes the rows of
``CatalogueItem``. What it can change is behaviour — its default manager (only
books), its ordering, its methods, its admin. Paired with a ``kind`` column and
nullable per-kind columns this is *single-table inheritance*: every product in one
table, no JOIN ever, at the price of columns that are empty for most rows and
constraints the database cannot state per kind (a book's ``pages`` must be nullable
because an album has none).
"""

from django.db import models

from inheritance.models.abstract import ProductFields


class CatalogueItem(ProductFields):
    """Demonstrates single-table storage: a kind column and every kind's columns, nullable."""

    class Kind(models.TextChoices):
        BOOK = "book", "Book"
        ALBUM = "album", "Album"
        FILM = "film", "Film"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    # Every kind's columns live here; blank/null because each row uses only its own.
    author = models.CharField(max_length=120, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    artist = models.CharField(max_length=120, blank=True)
    tracks = models.PositiveSmallIntegerField(null=True, blank=True)
    director = models.CharField(max_length=120, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    KIND_FIELDS = {
        Kind.BOOK: ("author", "pages"),
        Kind.ALBUM: ("artist", "tracks"),
        Kind.FILM: ("director", "minutes"),
    }

    class Meta(ProductFields.Meta):
        verbose_name = "catalogue item (proxy base)"
        verbose_name_plural = "catalogue items (proxy base)"

    @property
    def kind_fields(self):
        return self.KIND_FIELDS.get(self.kind, ())

    def as_kind(self):
        """The same row as an instance of its kind's proxy class (no query: same table, same fields)."""
        proxy = PROXY_FOR_KIND.get(self.kind)
        if proxy is None or isinstance(self, proxy):
            return self
        names = [f.attname for f in self._meta.concrete_fields]
        return proxy.from_db(self._state.db, names, [getattr(self, name) for name in names])


class OfKindManager(models.Manager):
    """A default manager that only sees one kind of row: what makes a proxy "only books"."""

    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class StampsKind:
    """Saving through a proxy stamps its kind: ``CatalogueBook.objects.create(...)`` is a book."""

    proxy_kind: str = ""

    def save(self, *args, **kwargs):
        self.kind = self.proxy_kind
        super().save(*args, **kwargs)


class CatalogueBook(StampsKind, CatalogueItem):
    """Demonstrates a proxy with its own manager (books only), ordering (by author) and method."""

    proxy_kind = CatalogueItem.Kind.BOOK
    objects = OfKindManager(CatalogueItem.Kind.BOOK)

    class Meta:
        verbose_name = "book (proxy)"
        verbose_name_plural = "books (proxy)"
        proxy = True
        ordering = ["author", "name"]

    def reading_hours(self) -> float:
        """A method only books have, on a row every proxy shares."""
        return round((self.pages or 0) / 40, 1)


class CatalogueAlbum(StampsKind, CatalogueItem):
    """Demonstrates a proxy ordered by artist that only sees album rows."""

    proxy_kind = CatalogueItem.Kind.ALBUM
    objects = OfKindManager(CatalogueItem.Kind.ALBUM)

    class Meta:
        verbose_name = "album (proxy)"
        verbose_name_plural = "albums (proxy)"
        proxy = True
        ordering = ["artist", "name"]


class CatalogueFilm(StampsKind, CatalogueItem):
    """Demonstrates a proxy ordered by running time that only sees film rows."""

    proxy_kind = CatalogueItem.Kind.FILM
    objects = OfKindManager(CatalogueItem.Kind.FILM)

    class Meta:
        verbose_name = "film (proxy)"
        verbose_name_plural = "films (proxy)"
        proxy = True
        ordering = ["-minutes", "name"]

    def running_time(self) -> str:
        hours, minutes = divmod(self.minutes or 0, 60)
        return f"{hours} h {minutes:02d} min"


PROXY_FOR_KIND = {
    CatalogueItem.Kind.BOOK: CatalogueBook,
    CatalogueItem.Kind.ALBUM: CatalogueAlbum,
    CatalogueItem.Kind.FILM: CatalogueFilm,
}
