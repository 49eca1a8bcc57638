"""Inheritance lab models: one small shop catalogue (books, albums, films) modelled four ways.

- supplier: the model every style's ForeignKey points at.
- abstract: ``ProductFields`` (the abstract base all styles share) and the abstract
  style itself, one complete table per kind (``StandaloneBook``, …).
- multi_table: ``Product`` with ``Book``/``Album``/``Film`` child tables joined one-to-one.
- proxy: ``CatalogueItem``, one table for every kind, seen through per-kind proxies.
- polymorphic: django-polymorphic's ``PolymorphicProduct``, whose queries return children.
"""

from inheritance.models.abstract import (
    STANDALONE_MODELS,
    ProductFields,
    StandaloneAlbum,
    StandaloneBook,
    StandaloneFilm,
)
from inheritance.models.multi_table import MULTI_TABLE_CHILDREN, Album, Book, Film, Product
from inheritance.models.polymorphic import (
    POLYMORPHIC_CHILDREN,
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicFilm,
    PolymorphicProduct,
    SlowPolymorphicProduct,
)
from inheritance.models.proxy import (
    PROXY_FOR_KIND,
    CatalogueAlbum,
    CatalogueBook,
    CatalogueFilm,
    CatalogueItem,
    OfKindManager,
)
from inheritance.models.supplier import Supplier

__all__ = [
    "MULTI_TABLE_CHILDREN",
    "POLYMORPHIC_CHILDREN",
    "PROXY_FOR_KIND",
    "STANDALONE_MODELS",
    "Album",
    "Book",
    "CatalogueAlbum",
    "CatalogueBook",
    "CatalogueFilm",
    "CatalogueItem",
    "Film",
    "OfKindManager",
    "PolymorphicAlbum",
    "PolymorphicBook",
    "PolymorphicFilm",
    "PolymorphicProduct",
    "Product",
    "ProductFields",
    "StandaloneAlbum",
    "StandaloneBook",
    "SlowPolymorphicProduct",
    "StandaloneFilm",
    "Supplier",
]
