"""Proxy models: the same table, their own manager, ordering, methods and saving behaviour."""

import pytest
from django.db import connection

from inheritance.models import CatalogueAlbum, CatalogueBook, CatalogueFilm, CatalogueItem, Supplier

pytestmark = pytest.mark.django_db


def test_proxies_share_their_concrete_models_table_and_add_none():
    tables = connection.introspection.table_names()
    for proxy in (CatalogueBook, CatalogueAlbum, CatalogueFilm):
        assert proxy._meta.proxy
        assert proxy._meta.db_table == CatalogueItem._meta.db_table
        assert proxy._meta.model_name not in " ".join(tables)


def test_a_proxy_manager_sees_only_its_kind(catalogue):
    assert CatalogueItem.objects.count() == 8
    assert set(CatalogueBook.objects.values_list("kind", flat=True)) == {"book"}
    assert CatalogueBook.objects.count() == 3
    assert CatalogueFilm.objects.count() == 2
    with pytest.raises(CatalogueBook.DoesNotExist):
        CatalogueBook.objects.get(name="Kind of Blue")


def test_a_proxy_has_its_own_ordering(catalogue):
    assert list(CatalogueAlbum.objects.values_list("artist", flat=True)) == ["Miles Davis", "Radiohead", "The Beatles"]
    minutes = list(CatalogueFilm.objects.values_list("minutes", "name"))
    assert minutes == sorted(minutes, key=lambda pair: (-pair[0], pair[1]))


def test_a_proxy_has_methods_the_base_class_lacks(catalogue):
    book = CatalogueBook.objects.get(name="The Mythical Man-Month")
    assert book.reading_hours() == round(336 / 40, 1)
    assert CatalogueFilm.objects.get(name="WarGames").running_time() == "1 h 54 min"
    assert not hasattr(CatalogueItem.objects.get(name="WarGames"), "running_time")


def test_saving_through_a_proxy_stamps_its_kind_in_the_shared_table(catalogue):
    supplier = Supplier.objects.first()
    created = CatalogueFilm.objects.create(name="Sneakers", price="6.00", supplier=supplier, director="Phil Alden")
    row = CatalogueItem.objects.get(pk=created.pk)
    assert row.kind == "film"
    assert (row.pages, row.author) == (None, "")  # the other kinds' columns stay empty


def test_as_kind_turns_a_row_into_its_proxy_without_a_query(catalogue, django_assert_num_queries):
    item = CatalogueItem.objects.get(name="Abbey Road")
    with django_assert_num_queries(0):
        album = item.as_kind()
    assert type(album) is CatalogueAlbum and album.pk == item.pk and album.artist == "The Beatles"


def test_listing_every_kind_is_one_query_without_any_join(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:  # SELECT … FROM catalogueitem ORDER BY name
        kinds = {type(item.as_kind()) for item in CatalogueItem.objects.all()}
    assert kinds == {CatalogueBook, CatalogueAlbum, CatalogueFilm}
    assert "JOIN" not in captured.captured_queries[0]["sql"]


def test_deleting_through_a_proxy_deletes_the_one_shared_row(catalogue):
    deleted, per_model = CatalogueBook.objects.get(name="The Mythical Man-Month").delete()
    assert deleted == 1
    assert not CatalogueItem.objects.filter(name="The Mythical Man-Month").exists()
