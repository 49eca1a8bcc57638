"""The comparison lab page: renders, measures what the tests measure, reads the real tables."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inheritance import comparison
from inheritance.models import PolymorphicProduct, Product, StandaloneBook, Supplier

pytestmark = pytest.mark.django_db
URL = reverse("admin:lab-inheritance-styles")


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == HTTPStatus.OK
    return response


def measured(fn) -> int:
    """The queries fn sends, counted by Django's own test tool rather than by capture.run."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def every_products_table_count():
    return {s.key: s.count() for s in comparison.STYLES}


def test_the_page_shows_every_style_and_every_task(admin_user_client, catalogue):
    html = page(admin_user_client).content.decode()
    for s in comparison.STYLES:
        assert s.title in html
    for _, label in comparison.TASKS:
        assert label in html
    assert "non_polymorphic()" in html


def test_the_page_numbers_match_what_the_tests_measure(admin_user_client, catalogue):
    n = 5
    report = {r.style.key: r for r in page(admin_user_client, n=n).context["comparison"].reports}
    supplier = Supplier.objects.order_by("pk").first()
    for s in comparison.STYLES:
        tasks = report[s.key].measurements
        assert tasks["list"].query_count == measured(lambda s=s: s.list_products(n)), s.key
        assert tasks["fetch"].query_count == measured(lambda s=s: s.fetch("WarGames")), s.key
        create = measured(lambda s=s: s.create_book(supplier))
        assert tasks["create"].query_count == create, s.key
        target = s.fetch("WarGames")
        assert tasks["delete"].query_count == measured(lambda s=s, t=target: s.delete(t)), s.key


def test_the_page_shows_the_asserted_listing_facts(admin_user_client, catalogue):
    cells = {r.style.key: r.measurements["list"] for r in page(admin_user_client, n=8).context["comparison"].reports}
    assert {key: m.query_count for key, m in cells.items()} == {
        "abstract": 3,
        "multi_table": 1,
        "proxy": 1,
        "polymorphic": 4,
    }
    assert cells["multi_table"].joins == 3  # LEFT OUTER JOIN book, album, film
    assert cells["proxy"].joins == 0


def test_polymorphic_cost_follows_the_child_types_on_the_page(admin_user_client, catalogue):
    def polymorphic_list_queries(n):
        comparison_ = page(admin_user_client, n=n).context["comparison"]
        return next(r for r in comparison_.reports if r.style.key == "polymorphic").measurements["list"].query_count

    # By name: Abbey Road (album), Designing Data-Intensive Applications (book), …, The Imitation Game (film).
    assert polymorphic_list_queries(1) == 1 + 1
    assert polymorphic_list_queries(2) == 1 + 2
    assert polymorphic_list_queries(6) == 1 + 3


def test_the_listing_variants_show_non_polymorphic_and_instance_of(admin_user_client, catalogue):
    variants = {v.code: v for v in page(admin_user_client, n=8).context["comparison"].variants}
    non_polymorphic = variants["PolymorphicProduct.objects.non_polymorphic()[:n]"]
    assert (non_polymorphic.measurement.query_count, non_polymorphic.classes) == (1, ["PolymorphicProduct"])
    for code, variant in variants.items():
        if code.startswith("PolymorphicProduct.objects") and "non_polymorphic" not in code:
            assert variant.measurement.query_count == 1 + variant.distinct_classes, code
    one_by_one = variants["Product.objects.all()[:n], then product.book / .album / .film"]
    assert (
        one_by_one.measurement.query_count
        > variants["Product.objects.select_related('book', 'album', 'film')[:n]"].measurement.query_count
    )


def test_the_tables_shown_are_read_back_from_the_database(admin_user_client, catalogue):
    reports = {r.style.key: r for r in page(admin_user_client).context["comparison"].reports}
    tables = {t.name: t for r in reports.values() for t in r.tables}
    book = tables[Product._meta.db_table.replace("product", "book")]
    assert [c.name for c in book.columns] == ["product_ptr_id", "author", "pages"]
    assert book.columns[0].primary_key and book.columns[0].references == f"{Product._meta.db_table}.id"
    assert book.rows == 3
    single = tables["inheritance_catalogueitem"]
    assert {"kind", "author", "pages", "artist", "tracks", "director", "minutes"} <= {c.name for c in single.columns}
    assert next(c for c in single.columns if c.name == "pages").null
    assert [t.name for t in reports["abstract"].tables] == [m._meta.db_table for m in comparison.STANDALONE_MODELS]
    proxies = ["inheritance.CatalogueBook", "inheritance.CatalogueAlbum", "inheritance.CatalogueFilm"]
    assert reports["proxy"].tableless == proxies
    ctype = next(c for c in tables[PolymorphicProduct._meta.db_table].columns if c.name == "polymorphic_ctype_id")
    assert ctype.references == "django_content_type.id"


def test_the_page_changes_nothing(admin_user_client, catalogue):
    before = every_products_table_count()
    page(admin_user_client, n=8)
    assert every_products_table_count() == before
    assert not StandaloneBook.objects.filter(name=comparison.NEW_BOOK["name"]).exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "N must be a whole number from 1 to 200, not 'abc'."),
        ("2.5", "N must be a whole number from 1 to 200, not '2.5'."),
        ("0", "N must be from 1 to 200 (it is capped so the page stays quick), not 0."),
        ("201", "N must be from 1 to 200 (it is capped so the page stays quick), not 201."),
    ],
)
def test_an_unusable_n_is_explained_and_the_default_is_measured(admin_user_client, catalogue, raw, message):
    before = every_products_table_count()
    response = page(admin_user_client, n=raw)
    assert response.context["n_error"] == message
    assert response.context["comparison"].n == comparison.DEFAULT_N
    assert "Measured with N = 10 instead." in response.content.decode()
    assert every_products_table_count() == before


def test_parse_n_accepts_the_bounds_and_defaults_when_missing():
    assert comparison.parse_n(None) == comparison.parse_n("") == comparison.DEFAULT_N
    assert comparison.parse_n("1") == 1
    assert comparison.parse_n(str(comparison.MAX_N)) == comparison.MAX_N


def test_without_demo_data_the_page_says_what_to_run(admin_user_client, no_demo_data):
    response = page(admin_user_client)
    html = response.content.decode()
    assert "run manage.py setup_demo" in html
    assert {r.products for r in response.context["comparison"].reports} == {0}


def test_the_delete_table_shows_which_rows_a_child_or_parent_delete_removes(admin_user_client, catalogue):
    deletes = page(admin_user_client).context["comparison"].deletes

    def lost(code_start):
        variant = next(d for d in deletes if d.code.startswith(code_start))
        assert variant.capture.ok, variant.capture.exception
        return {change.table.removeprefix("inheritance_"): change.delta for change in variant.capture.row_changes}

    assert lost("Film.objects.get(name='WarGames').delete()") == {"product": -1, "film": -1}
    assert lost("Film.objects.get(name='WarGames').delete(keep_parents=True)") == {"product": 0, "film": -1}
    assert lost("Product.objects") == {"product": -1, "film": -1}
    assert lost("PolymorphicProduct.objects") == {"polymorphicproduct": -1, "polymorphicfilm": -1}
    assert lost("PolymorphicFilm.objects") == {"polymorphicproduct": 0, "polymorphicfilm": -1}
    kept = next(d for d in deletes if d.code.startswith("PolymorphicFilm.objects"))
    assert [q.kind for q in kept.queries][-1] == "UPDATE"  # polymorphic_ctype rewritten to the parent's type
    parent_delete = next(d for d in deletes if d.code.startswith("Product.objects"))
    deleted_from = [q.table for q in parent_delete.queries if q.kind == "DELETE"]
    assert deleted_from == ["inheritance_book", "inheritance_album", "inheritance_film", "inheritance_product"]
    assert Product.objects.filter(name="WarGames").exists()  # all rolled back


def test_the_polymorphic_listing_is_measured_with_a_cold_and_a_warm_content_type_cache(admin_user_client, catalogue):
    from django.contrib.contenttypes.models import ContentType

    n = 8
    response = page(admin_user_client, n=n)
    runs = {run.state: run.measurement for run in response.context["comparison"].content_type_cache}
    polymorphic = comparison.style("polymorphic")
    ContentType.objects.clear_cache()
    cold = measured(lambda: polymorphic.list_products(n))
    warm = measured(lambda: polymorphic.list_products(n))
    assert runs["cold"].query_count == cold
    assert runs["warm"].query_count == warm
    assert cold > warm  # the first listing of a process looks the content types up
    html = response.content.decode()
    assert 'data-cache="cold"' in html and 'data-cache="warm"' in html
    assert "ContentType cache warm" in html
