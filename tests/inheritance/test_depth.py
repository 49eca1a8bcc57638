"""Inheritance depth: three levels, proxies of a multi-table and a polymorphic child, two concrete parents."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inheritance.models import (
    BirthdayGiftCard,
    Book,
    BookByAuthor,
    Edition,
    GiftCard,
    PrintedEdition,
    Product,
    RentalOffer,
    RentOrBuyFilm,
    SaleOffer,
    SignedEdition,
    Supplier,
    Voucher,
)

pytestmark = pytest.mark.django_db


def sql_of(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, [q["sql"] for q in ctx.captured_queries]


def joined_tables(sql: str) -> list[str]:
    """The tables a statement joins, in order, read from its SQL."""
    return [part.split()[0].strip('"') for part in sql.split(" JOIN ")[1:]]


def inserted_tables(sql: list[str]) -> list[str]:
    return [q.split('"')[1] for q in sql if q.lstrip().upper().startswith("INSERT")]


def columns(model):
    with connection.cursor() as cursor:
        return {info.name for info in connection.introspection.get_table_description(cursor, model._meta.db_table)}


def new_signed_edition():
    return SignedEdition.objects.create(
        name="New", price="1.00", supplier=Supplier.objects.first(), format="hardback", pages=1, signed_by="Me"
    )


# --- Three levels ------------------------------------------------------------------------


def test_a_three_level_child_joins_both_ancestors_when_listed(catalogue):
    signed, sql = sql_of(lambda: list(SignedEdition.objects.all()))
    assert len(sql) == 1
    assert joined_tables(sql[0]) == [PrintedEdition._meta.db_table, Edition._meta.db_table]
    assert sql[0].count("INNER JOIN") == 2
    assert {s.name for s in signed} == {
        "Refactoring (signed hardback)",
        "Working Effectively with Legacy Code (signed)",
    }


def test_each_level_of_the_chain_costs_one_more_join(catalogue):
    joins = [
        sql_of(lambda m=m: list(m.objects.all()))[1][0].count(" JOIN ")
        for m in (Edition, PrintedEdition, SignedEdition)
    ]
    assert joins == [0, 1, 2]


def test_each_level_table_holds_only_its_own_columns_and_the_link_up():
    assert columns(SignedEdition) == {"printededition_ptr_id", "signed_by"}
    assert columns(PrintedEdition) == {"edition_ptr_id", "pages"}
    with connection.cursor() as cursor:
        up = connection.introspection.get_relations(cursor, SignedEdition._meta.db_table)["printededition_ptr_id"]
    assert up[:2] == ("edition_ptr_id", PrintedEdition._meta.db_table)


def test_from_the_top_each_level_below_is_one_left_join(catalogue):
    editions, sql = sql_of(
        lambda: [e.as_deepest() for e in Edition.objects.select_related("printededition__signededition")]
    )
    assert len(sql) == 1 and sql[0].count("LEFT OUTER JOIN") == 2
    assert {type(e) for e in editions} == {Edition, PrintedEdition, SignedEdition}


def test_creating_a_three_level_child_writes_a_row_on_every_level_top_down(catalogue):
    _, sql = sql_of(new_signed_edition)
    assert inserted_tables(sql) == [Edition._meta.db_table, PrintedEdition._meta.db_table, SignedEdition._meta.db_table]


def test_deleting_the_top_of_the_chain_cascades_two_levels_down(catalogue):
    edition = Edition.objects.get(name="Refactoring (signed hardback)")
    _, per_model = edition.delete()
    assert per_model == {"inheritance.SignedEdition": 1, "inheritance.PrintedEdition": 1, "inheritance.Edition": 1}
    assert not SignedEdition.objects.filter(signed_by="Martin Fowler").exists()


def test_keep_parents_deletes_only_the_grandchild_row(catalogue):
    SignedEdition.objects.get(name="Refactoring (signed hardback)").delete(keep_parents=True)
    assert type(Edition.objects.get(name="Refactoring (signed hardback)").as_deepest()) is PrintedEdition


# --- A proxy of a multi-table child --------------------------------------------------------


def test_a_proxy_of_a_multi_table_child_shares_the_childs_table(catalogue):
    assert BookByAuthor._meta.db_table == Book._meta.db_table
    assert "inheritance_bookbyauthor" not in connection.introspection.table_names()
    books, sql = sql_of(lambda: list(BookByAuthor.objects.all()))
    assert len(sql) == 1
    assert sql[0].split(" FROM ")[1].split()[0].strip('"') == Book._meta.db_table
    assert joined_tables(sql[0]) == [Product._meta.db_table]
    # Its own ordering (author, then name), over the same rows as Book.
    assert [b.author for b in books] == sorted(b.author for b in Book.objects.all())
    assert {b.pk for b in books} == set(Book.objects.values_list("pk", flat=True))
    assert str(books[0]) == f"{books[0].author}: {books[0].name}"


def test_a_book_saved_through_the_proxy_is_an_ordinary_book_in_two_tables(catalogue):
    book, sql = sql_of(
        lambda: BookByAuthor.objects.create(
            name="N", price=Decimal("2.00"), supplier=Supplier.objects.first(), author="A", pages=50
        )
    )
    assert inserted_tables(sql) == [Product._meta.db_table, Book._meta.db_table]
    assert type(Product.objects.get(pk=book.pk).as_child()) is Book
    assert str(book.price_per_100_pages()) == "4.00"


# --- A proxy of a django-polymorphic child ------------------------------------------------------


def test_a_polymorphic_base_queryset_returns_proxy_instances_for_proxy_rows(catalogue):
    vouchers, sql = sql_of(lambda: {v.name: type(v) for v in Voucher.objects.all()})
    assert vouchers == {
        "Birthday card 20": BirthdayGiftCard,
        "Birthday card 40": BirthdayGiftCard,
        "Gift card 25": GiftCard,
        "Gift card 50": GiftCard,
    }
    # The vouchers, then the gift-card table once for both classes: the proxy has no table to ask.
    assert len(sql) == 2
    assert sql[1].split(" FROM ")[1].split()[0].strip('"') == GiftCard._meta.db_table


def test_saving_through_a_polymorphic_proxy_stores_the_proxys_content_type(catalogue):
    card = BirthdayGiftCard.objects.create(
        name="New card", price="5.00", supplier=Supplier.objects.first(), message="Hi", valid_days=30
    )
    stored = Voucher.objects.non_polymorphic().get(pk=card.pk).polymorphic_ctype
    assert stored == ContentType.objects.get_for_model(BirthdayGiftCard, for_concrete_model=False)
    assert type(Voucher.objects.get(pk=card.pk)) is BirthdayGiftCard
    assert type(GiftCard.objects.get(pk=card.pk)) is BirthdayGiftCard


def test_the_polymorphic_proxys_manager_keeps_only_rows_saved_as_the_proxy(catalogue):
    assert sorted(BirthdayGiftCard.objects.values_list("name", flat=True)) == ["Birthday card 20", "Birthday card 40"]
    assert not BirthdayGiftCard.objects.filter(name="Gift card 25").exists()
    assert {type(c) for c in GiftCard.objects.all()} == {GiftCard, BirthdayGiftCard}
    assert {type(v) for v in Voucher.objects.non_polymorphic()} == {Voucher}


# --- Two concrete parents --------------------------------------------------------------------


def test_each_concrete_parent_keeps_its_own_primary_key_and_the_child_links_both():
    assert SaleOffer._meta.pk.name == "sale_id" and RentalOffer._meta.pk.name == "rental_id"
    assert columns(RentOrBuyFilm) == {"sale_offer_id", "rental_offer_id", "director", "minutes"}
    assert RentOrBuyFilm._meta.pk.name == "sale_offer"
    assert set(RentOrBuyFilm._meta.parents) == {SaleOffer, RentalOffer}
    assert all(link.remote_field.parent_link for link in RentOrBuyFilm._meta.parents.values())


def test_creating_a_child_of_two_parents_writes_a_row_in_both_parent_tables(catalogue):
    film, sql = sql_of(
        lambda: RentOrBuyFilm.objects.create(
            name="New film",
            price="3.00",
            supplier=Supplier.objects.first(),
            price_per_day="1.00",
            rental_days=2,
            director="D",
            minutes=90,
        )
    )
    assert sorted(inserted_tables(sql)) == sorted(m._meta.db_table for m in (SaleOffer, RentalOffer, RentOrBuyFilm))
    assert SaleOffer.objects.get(pk=film.pk).name == "New film"
    assert RentalOffer.objects.get(pk=film.rental_offer_id).rental_days == 2


def test_listing_a_child_of_two_parents_joins_both_parent_tables(catalogue):
    films, sql = sql_of(lambda: list(RentOrBuyFilm.objects.all()))
    assert len(sql) == 1
    assert sorted(joined_tables(sql[0])) == sorted([SaleOffer._meta.db_table, RentalOffer._meta.db_table])
    assert [(f.name, f.rental_days) for f in films] == [("Hackers", 3), ("Sneakers", 2)]


def test_deleting_a_child_of_two_parents_deletes_its_row_in_both_parents(catalogue):
    _, per_model = RentOrBuyFilm.objects.get(name="Sneakers").delete()
    assert per_model == {"inheritance.RentOrBuyFilm": 1, "inheritance.SaleOffer": 1, "inheritance.RentalOffer": 1}


def test_deleting_one_parent_deletes_the_child_and_the_other_parents_row(catalogue):
    rental_id = RentOrBuyFilm.objects.get(name="Sneakers").rental_offer_id
    _, per_model = SaleOffer.objects.get(name="Sneakers").delete()
    assert per_model == {"inheritance.RentOrBuyFilm": 1, "inheritance.SaleOffer": 1, "inheritance.RentalOffer": 1}
    assert not RentalOffer.objects.filter(pk=rental_id).exists()
