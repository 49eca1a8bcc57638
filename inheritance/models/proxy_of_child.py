"""A proxy of a multi-table child: new behaviour over the child's table, and the parent's.

``BookByAuthor`` is a proxy of ``Book``, itself a child of ``Product``. It adds no table:
it reads exactly what ``Book`` reads (``inheritance_book`` INNER JOIN ``inheritance_product``),
and a book saved through it is an ordinary book, two rows as always. What it changes is
behaviour: its ordering (by author, a column of the child table, then by name, a column
of the parent's), its ``__str__`` and a method of its own.
"""

from decimal import Decimal

from inheritance.models.multi_table import Book


class BookByAuthor(Book):
    """Demonstrates a proxy whose base is a multi-table child: same two tables, its own order and name."""

    class Meta:
        proxy = True
        verbose_name = "book by author (proxy of a child)"
        verbose_name_plural = "books by author (proxy of a child)"
        ordering = ["author", "name"]

    def __str__(self):
        return f"{self.author}: {self.name}"

    def price_per_100_pages(self) -> Decimal:
        """A method only the proxy has, on columns of both tables (pages: child, price: parent)."""
        return (self.price * 100 / self.pages).quantize(Decimal("0.01")) if self.pages else Decimal(0)
