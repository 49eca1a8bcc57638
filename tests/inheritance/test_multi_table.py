"""Multi-table inheritance: parent and child tables, the parent link, child access, deletes."""

from collections import Counter

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
    # The demo catalogue: 3 books, 3 albums, 2 films. as_child() asks book, then album, then
    # film, and stops at the first hit: a book costs 1 query, an album 2, a film 3.
    assert (Book.objects.count(), Album.objects.count(), Film.objects.count()) == (3, 3, 2)
    with django_assert_num_queries(1 + 3 * 1 + 3 * 2 + 2 * 3) as captured:  # the products, then 15 child lookups
        [p.as_child() for p in Product.objects.order_by("name")]
    asked = Counter(q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in captured.captured_queries[1:])
    # Every product asks the book table; the 5 that are no book ask album; the 2 films ask film.
    assert asked == {Book._meta.db_table: 8, Album._meta.db_table: 5, Film._meta.db_table: 2}


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
