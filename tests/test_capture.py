"""The shared "run, capture, roll back" mechanism every lab is built on."""

import pytest
from django.db import IntegrityError, connection
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext

from playground.labkit.capture import run
from relations.models import Author, Blog

pytestmark = pytest.mark.django_db


def test_run_rolls_back_by_default_and_records_the_insert():
    capture = run(lambda: Author.objects.create(name="Temp", email="temp@example.com"))
    assert not Author.objects.filter(email="temp@example.com").exists()
    assert capture.ok and not capture.committed
    inserts = [q for q in capture.queries if q.kind == "INSERT"]
    assert [q.table for q in inserts] == ["relations_author"]
    if connection.vendor == "postgresql":
        assert inserts[0].rowcount == 1
    assert "temp@example.com" in inserts[0].sql  # parameters are filled in for reading
    assert [s.signal for s in capture.signals] == ["pre_save", "post_save"]
    assert capture.signals[0].sender == "relations.Author"
    assert capture.result.email == "temp@example.com"


def test_run_with_commit_keeps_the_change():
    capture = run(lambda: Author.objects.create(name="Kept", email="kept@example.com"), commit=True)
    assert capture.committed
    assert Author.objects.filter(email="kept@example.com").exists()


def test_an_error_is_reported_not_raised_and_earlier_writes_are_undone():
    def create_then_fail():
        Author.objects.create(name="First", email="first@example.com")
        Author.objects.create(name="Duplicate", email="first@example.com")

    capture = run(create_then_fail, commit=True)
    assert isinstance(capture.exception, IntegrityError)
    assert capture.exception_path == "django.db.utils.IntegrityError"
    assert not capture.committed
    assert not Author.objects.filter(email="first@example.com").exists()
    assert [q.kind for q in capture.queries if q.error] == ["INSERT"]


def test_watched_tables_report_rows_before_and_after(demo_data):
    ada = Author.objects.get(email="ada@example.com")
    capture = run(ada.delete, watch=[Author, Blog])
    # Django clears the pk of a deleted instance, even when the delete is rolled back.
    assert ada.pk is None
    assert capture.change_for(Author).delta == -1
    assert capture.change_for(Blog).delta == -2
    assert capture.result == (3, {"relations.Blog": 2, "relations.Author": 1})
    assert Blog.objects.filter(author__email="ada@example.com").count() == 2  # rolled back
    writes = capture.writes_by_table()
    assert writes["relations_blog"]["DELETE"] == 2
    assert writes["relations_author"]["DELETE"] == 1


def test_a_broken_reference_is_reported_as_the_commit_would_report_it(demo_data):
    # _raw_delete skips the Collector: the author goes, the blogs' foreign keys dangle.
    ada = Author.objects.filter(email="ada@example.com")
    capture = run(lambda: ada._raw_delete(ada.db))
    assert isinstance(capture.exception, IntegrityError)
    assert Author.objects.filter(email="ada@example.com").exists()


def test_recording_signals_does_not_change_the_sql_django_sends(demo_data):
    # A connected post_delete receiver would switch off fast deletes; the capture must not.
    author = Author.objects.get(email="ada@example.com")
    capture = run(author.delete)
    with CaptureQueriesContext(connection) as plain:
        Author.objects.get(email="ada@example.com").delete()
    plain_sql = [q["sql"] for q in plain.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    captured = [q for q in capture.queries if q.kind != "OTHER"]
    assert len(captured) == len([s for s in plain_sql if s.split()[0] in ("SELECT", "UPDATE", "DELETE", "INSERT")]) - 1
    assert not post_delete.has_listeners(Blog)


def test_receivers_for_connects_real_receivers_only_during_the_run(demo_data):
    author = Author.objects.get(email="ada@example.com")
    capture = run(author.delete, receivers_for=[Blog])
    assert len(capture.signals_for(Blog, "post_delete")) == 2
    assert not post_delete.has_listeners(Blog)


def test_captures_nest_and_each_sees_its_own_signals():
    inner_holder = {}

    def outer():
        Author.objects.create(name="Outer", email="outer@example.com")
        inner_holder["c"] = run(lambda: Author.objects.create(name="Inner", email="inner@example.com"))

    outer_capture = run(outer)
    assert len(outer_capture.signals) == 4
    assert [s.instance for s in inner_holder["c"].signals] == ["Inner", "Inner"]


def test_inspect_sees_the_rows_before_the_rollback_without_adding_to_the_sql(demo_data):
    ada = Author.objects.get(email="ada@example.com")
    capture = run(ada.delete, inspect=lambda: Blog.objects.filter(author__email="ada@example.com").count())
    assert capture.inspection == 0  # seen inside the transaction: her blogs went with her
    assert Blog.objects.filter(author__email="ada@example.com").count() == 2  # and rolled back
    assert not any("COUNT(" in q.sql.upper() for q in capture.queries)


def test_describing_signalled_instances_sends_no_query_of_its_own():
    from relations.models import CascadeChild, Parent

    # CascadeChild rows are collected (they have grandchildren) with only() their keys, so
    # str(child) would need a query per child: the capture must not send it.
    def family(slug):
        parent = Parent.objects.create(name=slug, slug=slug)
        CascadeChild.objects.bulk_create([CascadeChild(name=f"Child {i}", cascade=parent) for i in range(3)])
        return parent

    capture = run(family("previewed").delete)
    deleted = family("deleted")
    with CaptureQueriesContext(connection) as real:
        deleted.delete()
    real_statements = [q["sql"].split()[0] for q in real.captured_queries]
    real_statements = [kind for kind in real_statements if kind in ("SELECT", "UPDATE", "DELETE", "INSERT")]
    assert [q.kind for q in capture.queries if q.kind != "OTHER"] == real_statements
    assert len(capture.signals_for(CascadeChild, "pre_delete")) == 3
