"""Multi-table inheritance: parent and child tables, the parent link, child access, deletes."""

import pytest
from django.db import connection

from inheritance.models import Album, Book, Film, Product

pytestmark = pytest.mark.django_db


def columns(model):
    with connection.cursor() as cursor:
        return [info.name for info in connection.introspection.get_table_description(cursor, model._meta.db_table)]


def references(model):
    with connection.cursor() as cursor:
        return connection.introspection.get_relations(cursor, model._meta.db_table)


def test_a_child_table_holds_only_its_own_columns_and_the_link_to_its_parent():
    assert set(columns(Book)) == {"product_ptr_id", "author", "pages"}
    assert references(Book)["product_ptr_id"][:2] == ("id", Product._meta.db_table)
    assert {"name", "price", "supplier_id"} <= set(columns(Product))


def test_an_explicit_parent_link_names_the_column():
    assert set(columns(Album)) == {"product_id", "artist", "tracks"}
    assert Album._meta.pk.name == "product"
    assert Album._meta.get_field("product").remote_field.parent_link


def test_a_child_reads_parent_fields_through_an_inner_join(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:  # SELECT … FROM book INNER JOIN product
        book = Book.objects.get(name="The Mythical Man-Month")
        assert (book.author, str(book.price)) == ("Fred Brooks", "29.90")
    assert "INNER JOIN" in captured.captured_queries[0]["sql"]


def test_the_parent_reaches_its_child_and_gets_does_not_exist_when_it_is_another_kind(catalogue):
    product = Product.objects.get(name="Kind of Blue")
    assert product.album.artist == "Miles Davis"
    with pytest.raises(Book.DoesNotExist):
        product.book  # noqa: B018 - the attribute access is what raises
    # The same exception is an AttributeError too, so hasattr() works as a type test.
    assert not hasattr(product, "film")
    assert isinstance(product.as_child(), Album)


def test_listing_products_with_child_fields_is_one_query_with_a_join_per_child(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:  # SELECT … FROM product LEFT OUTER JOIN book, album, film
        children = [p.as_child() for p in Product.objects.select_related("book", "album", "film")]
    assert captured.captured_queries[0]["sql"].count("LEFT OUTER JOIN") == 3
    assert {type(child) for child in children} == {Book, Album, Film}


def test_without_select_related_each_row_asks_the_child_tables_in_turn(catalogue, django_assert_num_queries):
    products = Product.objects.order_by("name")
    expected = 1  # the products
    for product in Product.objects.select_related("book", "album", "film"):
        child = product.as_child()
        # as_child() tries book, album, film in that order and stops at the first hit.
        expected += Product.CHILD_ACCESSORS.index(child._meta.model_name) + 1
    with django_assert_num_queries(expected):
        [p.as_child() for p in products]


def test_deleting_a_child_deletes_its_parent_row_too(catalogue):
    film = Film.objects.get(name="WarGames")
    deleted, per_model = film.delete()
    assert per_model == {"inheritance.Film": 1, "inheritance.Product": 1}
    assert not Product.objects.filter(name="WarGames").exists()


def test_deleting_a_child_with_keep_parents_leaves_a_plain_product(catalogue):
    film = Film.objects.get(name="WarGames")
    film.delete(keep_parents=True)
    product = Product.objects.get(name="WarGames")
    assert product.as_child() is product


def test_deleting_the_parent_cascades_to_the_child_row(catalogue):
    product = Product.objects.get(name="Abbey Road")
    deleted, per_model = product.delete()
    assert per_model == {"inheritance.Album": 1, "inheritance.Product": 1}
    assert not Album.objects.filter(artist="The Beatles").exists()


def test_creating_a_child_writes_the_parent_row_then_the_child_row(catalogue, django_assert_num_queries):
    supplier = Product.objects.first().supplier
    with django_assert_num_queries(2) as captured:
        Book.objects.create(name="New", price="1.00", supplier=supplier, author="A", pages=1)
    tables = [q["sql"].split('"')[1] for q in captured.captured_queries]
    assert tables == [Product._meta.db_table, Book._meta.db_table]
