"""The demo fixtures are found in FIXTURE_DIRS and loaded each after the files it refers to."""

import json

import pytest

from playground.labkit.demo import DemoDataError, demo_fixtures
from playground.labkit.fixture_order import FixtureOrderError, ordered_fixtures


def names(paths):
    return [p.name for p in paths]


def test_every_fixture_file_is_found_without_a_list(settings):
    from pathlib import Path

    on_disk = {p.name for d in settings.FIXTURE_DIRS for p in Path(d).glob("*.json")}
    assert set(names(demo_fixtures())) == on_disk


def test_a_file_comes_after_the_files_holding_rows_it_refers_to():
    order = names(ordered_fixtures())
    # Blogs refer to authors (same file); comments refer to blogs, authors and photos by
    # foreign key and, for generic comments, by content type.
    assert order.index("03_relations_blog.json") < order.index("16_relations_comments.json")
    # Products refer to suppliers.
    assert order.index("01_inheritance_suppliers.json") < order.index("13_inheritance_multi_table.json")


def write(directory, name, objects):
    (directory / name).write_text(json.dumps(objects))


def test_an_order_the_file_names_would_get_wrong_is_computed_right(tmp_path, settings):
    # "a_blogs" sorts before "b_authors", but its blog refers to the author.
    write(tmp_path, "a_blogs.json", [{"model": "relations.blog", "pk": 1, "fields": {"title": "x", "author": 1}}])
    write(tmp_path, "b_authors.json", [{"model": "relations.author", "pk": 1, "fields": {"name": "A"}}])
    settings.FIXTURE_DIRS = [tmp_path]
    assert names(ordered_fixtures()) == ["b_authors.json", "a_blogs.json"]


def test_a_generic_reference_by_content_type_orders_the_files_too(tmp_path, settings):
    comment = {
        "model": "relations.genericcomment",
        "pk": 1,
        "fields": {"content_type": ["relations", "photo"], "object_id": 1, "commenter": "x", "body": "y"},
    }
    write(tmp_path, "a_comments.json", [comment])
    write(tmp_path, "b_photos.json", [{"model": "relations.photo", "pk": 1, "fields": {"title": "p"}}])
    settings.FIXTURE_DIRS = [tmp_path]
    assert names(ordered_fixtures()) == ["b_photos.json", "a_comments.json"]


def test_files_that_refer_to_each_other_in_a_circle_are_refused_by_name(tmp_path, settings):
    write(tmp_path, "blogs.json", [{"model": "relations.blog", "pk": 1, "fields": {"title": "x", "author": 1}}])
    # The authors' file also holds a comment on that blog: each file needs the other first.
    write(tmp_path, "authors.json", [
        {"model": "relations.author", "pk": 1, "fields": {"name": "A"}},
        {"model": "relations.blogcomment", "pk": 2, "fields": {"target": 1}},
    ])  # fmt: skip
    settings.FIXTURE_DIRS = [tmp_path]
    with pytest.raises(FixtureOrderError, match="circle"):
        ordered_fixtures()
    with pytest.raises(DemoDataError, match="circle"):
        demo_fixtures()
