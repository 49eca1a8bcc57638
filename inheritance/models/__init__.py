"""Inheritance lab models: one small shop catalogue (books, albums, films) modelled four ways.

- supplier: the model every style's ForeignKey points at.
- abstract: ``ProductFields`` (the abstract base all styles share) and the abstract
  style itself, one complete table per kind (``StandaloneBook``, …).
- multi_table: ``Product`` with ``Book``/``Album``/``Film`` child tables joined one-to-one.
- proxy: ``CatalogueItem``, one table for every kind, seen through per-kind proxies.
- polymorphic: django-polymorphic's ``PolymorphicProduct``, whose queries return children.

Inheritance depth, beyond the four styles: ``three_levels`` (a grandparent, parent and
child chain), ``proxy_of_child`` (a proxy of a multi-table child), ``polymorphic_proxy``
(a proxy of a django-polymorphic child) and ``multiple_parents`` (two concrete parents).
"""

from inheritance.models.abstract import (
    STANDALONE_MODELS,
    ProductFields,
    StandaloneAlbum,
    StandaloneBook,
    StandaloneFilm,
)
from inheritance.models.multi_table import MULTI_TABLE_CHILDREN, Album, Book, Film, Product
from inheritance.models.multiple_parents import RentalOffer, RentOrBuyFilm, SaleOffer
from inheritance.models.polymorphic import (
    POLYMORPHIC_CHILDREN,
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicFilm,
    PolymorphicProduct,
    SlowPolymorphicProduct,
)
from inheritance.models.polymorphic_proxy import BirthdayGiftCard, GiftCard, Voucher
from inheritance.models.proxy import (
    PROXY_FOR_KIND,
    CatalogueAlbum,
    CatalogueBook,
    CatalogueFilm,
    CatalogueItem,
    OfKindManager,
)
from inheritance.models.proxy_of_child import BookByAuthor
from inheritance.models.supplier import Supplier
from inheritance.models.three_levels import THREE_LEVELS, Edition, PrintedEdition, SignedEdition

__all__ = [
    "MULTI_TABLE_CHILDREN",
    "POLYMORPHIC_CHILDREN",
    "PROXY_FOR_KIND",
    "STANDALONE_MODELS",
    "THREE_LEVELS",
    "Album",
    "BirthdayGiftCard",
    "Book",
    "BookByAuthor",
    "CatalogueAlbum",
    "CatalogueBook",
    "CatalogueFilm",
    "CatalogueItem",
    "Edition",
    "Film",
    "GiftCard",
    "OfKindManager",
    "PolymorphicAlbum",
    "PolymorphicBook",
    "PolymorphicFilm",
    "PolymorphicProduct",
    "PrintedEdition",
    "Product",
    "ProductFields",
    "RentOrBuyFilm",
    "RentalOffer",
    "SaleOffer",
    "SignedEdition",
    "StandaloneAlbum",
    "StandaloneBook",
    "SlowPolymorphicProduct",
    "StandaloneFilm",
    "Supplier",
    "Voucher",
]
