"""Inheritance depth measured with the styles' own tasks: list, fetch, create, delete.

Four shapes beyond the four styles, each a ``Style`` answering the same tasks, so that
``measure_style()`` measures them exactly as it measures the styles (through
``playground.labkit.capture.run``, rolled back):

- **three levels**: ``Edition`` → ``PrintedEdition`` → ``SignedEdition``;
- **proxy of a multi-table child**: ``BookByAuthor``, a proxy of ``Book``;
- **proxy of a polymorphic child**: ``BirthdayGiftCard``, a proxy of ``GiftCard``;
- **two concrete parents**: ``RentOrBuyFilm`` (``SaleOffer`` and ``RentalOffer``).

Each shape's rows are its own demo rows (``fixtures/22_inheritance_depth.json``), not the
catalogue, so "create" makes a row of the shape's deepest class rather than a book.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from inheritance.comparison.styles import NEW_BOOK, Style, describe
from inheritance.models import (
    THREE_LEVELS,
    BirthdayGiftCard,
    Book,
    BookByAuthor,
    Edition,
    GiftCard,
    Product,
    RentalOffer,
    RentOrBuyFilm,
    SaleOffer,
    SignedEdition,
    Voucher,
)

DEPTH_TASKS = (
    ("list", "List N rows with their own fields"),
    ("fetch", "Fetch one by name, as its own class"),
    ("create", "Create one row of the shape's deepest class"),
    ("delete", "Delete the fetched row"),
)
DOWN_THE_CHAIN = "printededition__signededition"


class ThreeLevelsShape(Style):
    key = "three_levels"
    title = "Three levels (multi-table)"
    summary = (
        "Edition → PrintedEdition → SignedEdition: each level is a table of its own columns, "
        "one more JOIN to read, one more row to write."
    )
    tables_models = THREE_LEVELS

    def list_products(self, n):
        return [describe(e.as_deepest()) for e in Edition.objects.select_related(DOWN_THE_CHAIN)[:n]]

    def fetch(self, name):
        edition = Edition.objects.select_related(DOWN_THE_CHAIN).filter(name=name).first()
        return edition.as_deepest() if edition is not None else None

    def create(self, supplier):
        return SignedEdition.objects.create(
            supplier=supplier,
            name="The Lab Notebook (signed)",
            price=Decimal("30.00"),
            format="hardback",
            pages=96,
            signed_by="A. Learner",
        )

    def count(self):
        return Edition.objects.count()

    def last_name(self):
        # The last signed edition: the task is about the deepest level.
        return SignedEdition.objects.order_by("-name").values_list("name", flat=True).first()


class ChildProxyShape(Style):
    key = "child_proxy"
    title = "Proxy of a multi-table child"
    summary = "BookByAuthor, a proxy of Book: the books' two tables, its own ordering, __str__ and method."
    tables_models = (Product, Book)
    tableless_models = (BookByAuthor,)

    def list_products(self, n):
        return [describe(b) for b in BookByAuthor.objects.all()[:n]]

    def fetch(self, name):
        return BookByAuthor.objects.filter(name=name).first()

    def create(self, supplier):
        return BookByAuthor.objects.create(supplier=supplier, **NEW_BOOK)

    def count(self):
        return BookByAuthor.objects.count()

    def last_name(self):
        return BookByAuthor.objects.order_by("-name").values_list("name", flat=True).first()


class PolymorphicProxyShape(Style):
    key = "polymorphic_proxy"
    title = "Proxy of a polymorphic child"
    summary = (
        "BirthdayGiftCard, a proxy of GiftCard: the row stores the proxy's content type, "
        "so the base queryset hands back proxy instances."
    )
    tables_models = (Voucher, GiftCard)
    tableless_models = (BirthdayGiftCard,)

    def list_products(self, n):
        return [describe(v) for v in Voucher.objects.all()[:n]]

    def fetch(self, name):
        return Voucher.objects.filter(name=name).first()

    def create(self, supplier):
        return BirthdayGiftCard.objects.create(
            supplier=supplier, name="Birthday card 30", price=Decimal("30.00"), message="Enjoy!", valid_days=90
        )

    def count(self):
        return Voucher.objects.count()

    def last_name(self):
        # The last birthday card: what the base queryset returns for a proxy row is the lesson.
        return BirthdayGiftCard.objects.order_by("-name").values_list("name", flat=True).first()


class TwoParentsShape(Style):
    key = "two_parents"
    title = "Two concrete parents"
    summary = "RentOrBuyFilm, a child of SaleOffer and RentalOffer: one row in each of three tables."
    tables_models = (SaleOffer, RentalOffer, RentOrBuyFilm)

    def list_products(self, n):
        return [describe(f) for f in RentOrBuyFilm.objects.all()[:n]]

    def fetch(self, name):
        return RentOrBuyFilm.objects.filter(name=name).first()

    def create(self, supplier):
        return RentOrBuyFilm.objects.create(
            supplier=supplier,
            name="The Lab Film",
            price=Decimal("8.00"),
            price_per_day=Decimal("1.50"),
            rental_days=2,
            director="A. Learner",
            minutes=90,
        )

    def count(self):
        return RentOrBuyFilm.objects.count()

    def last_name(self):
        return RentOrBuyFilm.objects.order_by("-name").values_list("name", flat=True).first()


SHAPES: tuple[Style, ...] = (ThreeLevelsShape(), ChildProxyShape(), PolymorphicProxyShape(), TwoParentsShape())


def shape(key: str) -> Style:
    return next(s for s in SHAPES if s.key == key)


def warm_shape_caches() -> None:
    """Every shape's content types cached, proxies included, as ``warm_caches()`` does for the styles."""
    models = {m for s in SHAPES for m in (*s.tables_models, *s.tableless_models)}
    ContentType.objects.get_for_models(*models)
    ContentType.objects.get_for_models(*models, for_concrete_models=False)
