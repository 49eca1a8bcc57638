"""The same tasks, the same assertions, for every style (as django-polymorphic's deletion tests do).

Each style holds the same demo catalogue, so every task must give the same answer in each;
only the cost differs, and the costs asserted here are the ones the comparison page shows.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inheritance import comparison
from inheritance.models import Supplier

pytestmark = pytest.mark.django_db

STYLES = comparison.STYLES
IDS = [s.key for s in STYLES]

# What each style costs to list every product with its own fields, as facts:
LIST_QUERIES = {
    "abstract": 3,  # one SELECT per kind's table, merged in Python
    "multi_table": 1,  # one SELECT with a LEFT OUTER JOIN per child table
    "proxy": 1,  # one SELECT on the one table
    "polymorphic": 1 + 3,  # the parent rows, then one SELECT per child type (book, album, film)
}
CREATE_INSERTS = {"abstract": 1, "multi_table": 2, "proxy": 1, "polymorphic": 2}


def queries_of(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("style", STYLES, ids=IDS)
def test_every_style_lists_the_same_products_with_the_same_own_fields(catalogue, style):
    listed = style.list_products(comparison.MAX_N)
    reference = comparison.style("multi_table").list_products(comparison.MAX_N)
    assert [(p.name, p.details) for p in listed] == [(p.name, p.details) for p in reference]
    assert len(listed) == 8
    assert "pages: 336" in {p.details.split(" · ")[-1] for p in listed}


@pytest.mark.parametrize("style", STYLES, ids=IDS)
def test_listing_costs_are_the_asserted_facts(catalogue, style, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES[style.key]):
        style.list_products(comparison.MAX_N)


@pytest.mark.parametrize("style", STYLES, ids=IDS)
def test_every_style_fetches_a_product_as_its_own_kind(catalogue, style):
    film = style.fetch("WarGames")
    assert (film.name, film.director, film.minutes) == ("WarGames", "John Badham", 114)
    assert "Film" in type(film).__name__
    assert style.fetch("No such product") is None


@pytest.mark.parametrize("style", STYLES, ids=IDS)
def test_every_style_creates_a_book_its_listing_then_shows(catalogue, style):
    _, sql = queries_of(lambda: style.create_book(Supplier.objects.first()))
    assert sum(q.lstrip().upper().startswith("INSERT") for q in sql) == CREATE_INSERTS[style.key]
    listed = {p.name: p for p in style.list_products(comparison.MAX_N)}
    assert listed[comparison.NEW_BOOK["name"]].details == "author: A. Learner · pages: 96"
    assert style.count() == 9


@pytest.mark.parametrize("style", STYLES, ids=IDS)
def test_every_style_deletes_a_product_completely(catalogue, style):
    style.delete(style.fetch("WarGames"))
    assert style.fetch("WarGames") is None
    assert style.count() == 7
    assert "WarGames" not in [p.name for p in style.list_products(comparison.MAX_N)]


def test_the_fetch_and_delete_target_is_the_last_product_by_name_in_every_style(catalogue):
    assert {s.last_name() for s in STYLES} == {"WarGames"}


def test_the_abstract_style_must_ask_table_after_table_to_find_a_film(catalogue, django_assert_num_queries):
    with django_assert_num_queries(3):  # books: none, albums: none, films: found
        comparison.style("abstract").fetch("WarGames")
    with django_assert_num_queries(1):  # books: found
        comparison.style("abstract").fetch("The Mythical Man-Month")
