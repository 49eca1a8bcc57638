"""The four styles as objects answering the same tasks: list, fetch, create, delete.

Each style holds the same demo catalogue in its own tables; what differs is how it
has to ask for it. ``STYLES`` is the order the page shows them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from inheritance.models import (
    MULTI_TABLE_CHILDREN,
    POLYMORPHIC_CHILDREN,
    PROXY_FOR_KIND,
    STANDALONE_MODELS,
    Book,
    CatalogueBook,
    CatalogueItem,
    PolymorphicBook,
    PolymorphicProduct,
    Product,
    StandaloneBook,
    Supplier,
)

NEW_BOOK = {"name": "The Lab Notebook", "price": Decimal("12.50"), "author": "A. Learner", "pages": 96}


@dataclass(frozen=True)
class ListedProduct:
    """One row of a listing, the same shape whichever style produced it."""

    name: str
    python_class: str
    details: str


def describe(product) -> ListedProduct:
    details = " · ".join(f"{name}: {getattr(product, name)}" for name in product.kind_fields)
    return ListedProduct(product.name, type(product).__name__, details)


# --- The four styles, each answering the same tasks -----------------------------------


class Style:
    key: str
    title: str
    summary: str
    tables_models: tuple[type[models.Model], ...]
    tableless_models: tuple[type[models.Model], ...] = ()
    book_model: type[models.Model]

    def list_products(self, n: int) -> list[ListedProduct]:
        raise NotImplementedError

    def fetch(self, name: str):
        raise NotImplementedError

    def create_book(self, supplier: Supplier):
        return self.book_model.objects.create(supplier=supplier, **NEW_BOOK)

    def create(self, supplier: Supplier):
        """The create task: a book for the four styles; the depth shapes create a row of their own class."""
        return self.create_book(supplier)

    def delete(self, product):
        return product.delete()

    def count(self) -> int:
        raise NotImplementedError

    def last_name(self) -> str | None:
        """The product this style's fetch and delete tasks look for: the last one by name."""
        raise NotImplementedError


class AbstractStyle(Style):
    key = "abstract"
    title = "Abstract base"
    summary = "One complete table per kind; no table for “a product”, so every cross-kind task asks every table."
    tables_models = STANDALONE_MODELS
    book_model = StandaloneBook

    def list_products(self, n):
        # Each table is ordered by name: the first n overall are among the first n of each.
        products = [p for model in STANDALONE_MODELS for p in model.objects.all()[:n]]
        # Merged in Python, by code point: the database's collation may order some names
        # differently, one more thing a listing across tables has to get right by hand.
        products.sort(key=lambda p: p.name)
        return [describe(p) for p in products[:n]]

    def fetch(self, name):
        # No shared table: look in each until found (ids are not unique across them).
        for model in STANDALONE_MODELS:
            product = model.objects.filter(name=name).first()
            if product is not None:
                return product
        return None

    def count(self):
        return sum(model.objects.count() for model in STANDALONE_MODELS)

    def last_name(self):
        names = [model.objects.order_by("-name").values_list("name", flat=True).first() for model in STANDALONE_MODELS]
        return max((n for n in names if n is not None), default=None)


class MultiTableStyle(Style):
    key = "multi_table"
    title = "Multi-table"
    summary = "A parent table plus one table per child, joined one-to-one; select_related brings the children along."
    tables_models = (Product, *MULTI_TABLE_CHILDREN)
    book_model = Book

    def list_products(self, n):
        products = Product.objects.select_related(*Product.CHILD_ACCESSORS)[:n]
        return [describe(p.as_child()) for p in products]

    def fetch(self, name):
        product = Product.objects.select_related(*Product.CHILD_ACCESSORS).filter(name=name).first()
        return product.as_child() if product is not None else None

    def count(self):
        return Product.objects.count()

    def last_name(self):
        return Product.objects.order_by("-name").values_list("name", flat=True).first()


class ProxyStyle(Style):
    key = "proxy"
    title = "Proxy (single table)"
    summary = "One table with a kind column and every kind's columns; proxies give each kind its own class."
    tables_models = (CatalogueItem,)
    tableless_models = tuple(PROXY_FOR_KIND.values())
    book_model = CatalogueBook

    def list_products(self, n):
        return [describe(item.as_kind()) for item in CatalogueItem.objects.all()[:n]]

    def fetch(self, name):
        item = CatalogueItem.objects.filter(name=name).first()
        return item.as_kind() if item is not None else None

    def count(self):
        return CatalogueItem.objects.count()

    def last_name(self):
        return CatalogueItem.objects.order_by("-name").values_list("name", flat=True).first()


class PolymorphicStyle(Style):
    key = "polymorphic"
    title = "django-polymorphic"
    summary = "Multi-table tables plus a content-type column; the parent query returns child instances."
    tables_models = (PolymorphicProduct, *POLYMORPHIC_CHILDREN)
    book_model = PolymorphicBook

    def list_products(self, n):
        return [describe(p) for p in PolymorphicProduct.objects.all()[:n]]

    def fetch(self, name):
        return PolymorphicProduct.objects.filter(name=name).first()

    def count(self):
        return PolymorphicProduct.objects.count()

    def last_name(self):
        return PolymorphicProduct.objects.order_by("-name").values_list("name", flat=True).first()


STYLES: tuple[Style, ...] = (AbstractStyle(), MultiTableStyle(), ProxyStyle(), PolymorphicStyle())
TASKS = (
    ("list", "List N products with their own fields"),
    ("fetch", "Fetch one product by name, as its own kind"),
    ("create", "Create one book"),
    ("delete", "Delete one product"),
)


def style(key: str) -> Style:
    return next(s for s in STYLES if s.key == key)
