"""Abstract base classes: no parent table; fields, ordering, indexes and related names per subclass."""

import pytest
from django.db import connection

from inheritance.models import (
    CatalogueItem,
    PolymorphicProduct,
    Product,
    ProductFields,
    StandaloneAlbum,
    StandaloneBook,
    StandaloneFilm,
    Supplier,
)

pytestmark = pytest.mark.django_db


def columns(table):
    with connection.cursor() as cursor:
        return [info.name for info in connection.introspection.get_table_description(cursor, table)]


def test_the_abstract_base_has_no_table_and_every_subclass_has_its_columns():
    tables = connection.introspection.table_names()
    assert ProductFields._meta.abstract
    assert not any("productfields" in table for table in tables)
    for model in (StandaloneBook, StandaloneAlbum, StandaloneFilm):
        own = columns(model._meta.db_table)
        assert {"id", "name", "price", "supplier_id", "created_at", "updated_at"} <= set(own)
    assert {"author", "pages"} <= set(columns(StandaloneBook._meta.db_table))
    assert "author" not in columns(StandaloneAlbum._meta.db_table)


def test_meta_ordering_is_inherited_even_where_the_subclass_declares_its_own_meta(catalogue):
    for model in (StandaloneBook, StandaloneAlbum, StandaloneFilm, Product, CatalogueItem, PolymorphicProduct):
        assert model._meta.ordering == ["name"]
    names = list(StandaloneAlbum.objects.values_list("name", flat=True))
    assert names == sorted(names) and len(names) == 3


def test_meta_indexes_are_inherited_with_a_name_of_their_own_per_table():
    for model in (StandaloneBook, StandaloneAlbum, StandaloneFilm, Product, CatalogueItem, PolymorphicProduct):
        expected = f"{model._meta.model_name}_price_idx"
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        assert constraints[expected]["columns"] == ["price"]
        assert constraints[expected]["index"]


def test_related_name_placeholders_give_each_subclass_its_own_reverse_accessor(catalogue):
    supplier = Supplier.objects.get(name="Northwind Books")
    assert supplier.inheritance_standalonebook_items.count() == 3
    assert supplier.inheritance_standalonealbum_items.count() == 0
    assert supplier.inheritance_product_items.count() == 3
    # related_query_name follows the same pattern in lookups from the supplier.
    film_suppliers = Supplier.objects.filter(inheritance_standalonefilm_item__minutes=114)
    assert set(film_suppliers.values_list("name", flat=True)) == {"Vinyl & Reel"}


def test_ids_are_only_unique_within_one_abstract_style_table(catalogue):
    book, album, film = (model.objects.get(pk=1) for model in (StandaloneBook, StandaloneAlbum, StandaloneFilm))
    assert len({book.name, album.name, film.name}) == 3


def test_deleting_an_abstract_style_row_touches_only_its_own_table(catalogue):
    film = StandaloneFilm.objects.get(name="WarGames")
    deleted, per_model = film.delete()
    assert (deleted, per_model) == (1, {"inheritance.StandaloneFilm": 1})
    assert StandaloneBook.objects.count() == 3
