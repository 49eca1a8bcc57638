"""django-polymorphic: parent querysets return child instances, one query per child type."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from inheritance.models import (
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicFilm,
    PolymorphicProduct,
)

pytestmark = pytest.mark.django_db


def test_the_tables_are_multi_table_plus_a_content_type_column():
    introspection = connection.introspection
    with connection.cursor() as cursor:
        parent = {i.name for i in introspection.get_table_description(cursor, "inheritance_polymorphicproduct")}
        relations = introspection.get_relations(cursor, "inheritance_polymorphicproduct")
        child = {i.name for i in introspection.get_table_description(cursor, "inheritance_polymorphicbook")}
    assert "polymorphic_ctype_id" in parent
    assert relations["polymorphic_ctype_id"][:2] == ("id", "django_content_type")
    assert child == {"polymorphicproduct_ptr_id", "author", "pages"}


def test_the_parent_queryset_returns_child_instances(catalogue):
    products = {p.name: p for p in PolymorphicProduct.objects.all()}
    assert type(products["Kind of Blue"]) is PolymorphicAlbum
    assert type(products["WarGames"]) is PolymorphicFilm
    assert products["The Mythical Man-Month"].pages == 336


def test_listing_costs_one_query_plus_one_per_distinct_child_type(catalogue, django_assert_num_queries):
    # 1: the parent rows; then one per child type present: books, albums, films.
    with django_assert_num_queries(1 + 3):
        assert len(list(PolymorphicProduct.objects.all())) == 8
    # The first two products by name are an album and a book: 1 + 2.
    with django_assert_num_queries(1 + 2):
        assert {type(p) for p in PolymorphicProduct.objects.all()[:2]} == {PolymorphicAlbum, PolymorphicBook}
    # One product, one type: 1 + 1, however many rows that type has.
    with django_assert_num_queries(1 + 1):
        assert len(list(PolymorphicProduct.objects.instance_of(PolymorphicBook))) == 3


def test_non_polymorphic_is_one_query_and_returns_parent_instances(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1):
        products = list(PolymorphicProduct.objects.non_polymorphic())
    assert {type(p) for p in products} == {PolymorphicProduct}
    # What it saves is what it leaves out: get_real_instance() then costs 2 queries per row,
    # the parent row again and the child row joined to it.
    with django_assert_num_queries(2):
        assert isinstance(products[0].get_real_instance(), PolymorphicAlbum)


def test_instance_of_filters_on_the_content_type_column(catalogue):
    names = set(PolymorphicProduct.objects.instance_of(PolymorphicFilm).values_list("name", flat=True))
    assert names == {"The Imitation Game", "WarGames"}
    assert PolymorphicProduct.objects.not_instance_of(PolymorphicFilm).count() == 6


def test_creating_a_child_records_its_type_in_the_parent_row(catalogue):
    supplier = PolymorphicProduct.objects.first().supplier
    book = PolymorphicBook.objects.create(name="New", price="1.00", supplier=supplier, author="A", pages=1)
    row = PolymorphicProduct.objects.non_polymorphic().get(pk=book.pk)
    assert row.polymorphic_ctype.model_class() is PolymorphicBook
    assert type(PolymorphicProduct.objects.get(pk=book.pk)) is PolymorphicBook


def test_deleting_through_the_parent_queryset_deletes_child_and_parent_rows(catalogue):
    film = PolymorphicProduct.objects.get(name="WarGames")
    deleted, per_model = film.delete()
    assert per_model == {"inheritance.PolymorphicFilm": 1, "inheritance.PolymorphicProduct": 1}
    PolymorphicProduct.objects.filter(name__startswith="The").delete()
    assert sorted(PolymorphicProduct.objects.values_list("name", flat=True)) == [
        "Abbey Road",
        "Designing Data-Intensive Applications",
        "Kind of Blue",
        "OK Computer",
        "Structure and Interpretation of Computer Programs",
    ]
    assert PolymorphicFilm.objects.count() == 0


def test_the_fixture_names_content_types_by_natural_key_never_by_id():
    fixture = Path(settings.FIXTURE_DIRS[0]) / "14_inheritance_polymorphic.json"
    for obj in json.loads(fixture.read_text()):
        if obj["model"] == "inheritance.polymorphicproduct":
            app_label, model = obj["fields"]["polymorphic_ctype"]
            assert app_label == "inheritance" and model.startswith("polymorphic")


def test_the_delete_preview_names_the_rule_under_polymorphics_on_delete_wrapper(catalogue):
    # django-polymorphic wraps PROTECT in a PolymorphicGuard; the preview must still see PROTECT.
    from inheritance.models import Supplier
    from playground.labkit.deletion import preview_instance_delete

    supplier = Supplier.objects.filter(pk__in=PolymorphicProduct.objects.values("supplier")).first()
    preview = preview_instance_delete(supplier)
    assert preview.blocked_by == "PROTECT"
    polymorphic_groups = [g for g in preview.blocking if g.label.startswith("inheritance.Polymorphic")]
    assert polymorphic_groups and all(g.fields == ["supplier"] for g in polymorphic_groups)
    assert Supplier.objects.filter(pk=supplier.pk).exists()
