"""Fixtures: dumpdata → flush → loaddata gives back the same data, and a broken fixture changes nothing.

The round trip walks the app registry, so every model of every lab is covered as soon as
it exists; rows come from the demo fixtures plus a small seed of every seeded table.
"""

import json
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from playground.labkit import seeding
from playground.labkit.demo import DemoDataError, demo_fixtures, load_demo_data
from tests.data_io.helpers import PROJECT_APPS, project_models, snapshot

pytestmark = pytest.mark.django_db


def dump():
    out = StringIO()
    call_command("dumpdata", *PROJECT_APPS, natural_foreign=True, natural_primary=True, indent=4, stdout=out)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in project_models()}


@pytest.fixture
def fresh_content_types():
    # flush re-creates content types with new ids; don't let the cache outlive the test.
    yield
    ContentType.objects.clear_cache()


def test_dumpdata_flush_loaddata_reproduces_every_row(tmp_path, fresh_content_types, demo_data):
    seeding.seed(seeding.plan(40), seed=7)
    counts = row_counts()
    assert all(counts[spec.label] > 0 for spec, _ in seeding.plan(40)), counts
    before = dump()
    (tmp_path / "everything.json").write_text(before)

    if connection.vendor == "postgresql":
        # The rows above were inserted in this test's transaction; PostgreSQL's TRUNCATE
        # (what flush runs) refuses while their deferred FK checks are pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        # Back to deferred for the rest of the transaction, as loaddata expects: the dump lists
        # relations.BlogComment before the relations.Blog rows it points at.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not any(row_counts().values())
    call_command("loaddata", str(tmp_path / "everything.json"), verbosity=0)

    assert row_counts() == counts
    assert dump() == before


def test_the_dump_refers_to_authors_by_email_not_by_id(fresh_content_types, demo_data):
    objects = json.loads(dump())
    authors = [o for o in objects if o["model"] == "relations.author"]
    blogs = [o for o in objects if o["model"] == "relations.blog"]
    assert authors and all("pk" not in o for o in authors)
    assert blogs and all(isinstance(o["fields"]["author"], list) for o in blogs)


BROKEN = {
    "dangling-natural-key": (
        '[{"model": "relations.blog", "fields": {"title": "Orphan", "author": ["nobody@example.com"],'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]',
        # loaddata defers an unresolved natural key, then the NOT NULL column refuses it.
        "relations.Blog.*author_id",
    ),
    "dangling-pk": (
        '[{"model": "relations.blog", "pk": 990, "fields": {"title": "Orphan", "author": 424242,'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]',
        "424242",
    ),
    "wrong-type": (
        '[{"model": "relations.blog", "pk": 991, "fields": {"title": "x", "views": "many", "author": 1,'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]',
        "must be an integer",
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_loaddata_of_a_broken_fixture_fails_clearly_and_changes_nothing(tmp_path, case, demo_data):
    content, message = case
    good = tmp_path / "good.json"
    good.write_text(
        '[{"model": "relations.author", "fields": {"name": "Loaded First", "email": "first@example.com",'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]'
    )
    broken = tmp_path / "broken.json"
    broken.write_text(content)
    before = snapshot()
    with pytest.raises(Exception, match=message):
        # The good file comes first: loaddata's single transaction must undo it too.
        call_command("loaddata", str(good), str(broken), verbosity=0)
    assert snapshot() == before


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_setup_demo_with_a_broken_fixture_fails_clearly_and_changes_nothing(tmp_path, settings, case, demo_data):
    content, _ = case
    (tmp_path / "broken.json").write_text(content)
    settings.FIXTURE_DIRS = [*settings.FIXTURE_DIRS, tmp_path]
    before = snapshot()
    with pytest.raises(DemoDataError):
        load_demo_data([*(p.name for p in demo_fixtures()), "broken.json"], create_superuser=False)
    with pytest.raises(CommandError, match="nothing was changed"):
        settings.FIXTURE_DIRS = [tmp_path]
        (tmp_path / "03_relations_blog.json").write_text(content)
        call_command("setup_demo", stdout=StringIO())
    assert snapshot() == before


def test_dumpdata_skips_models_this_database_does_not_have():
    # LabelledTicket is PostgreSQL-only (Meta.required_db_vendor): on SQLite it has no table.
    out = StringIO()
    call_command("dumpdata", "migrations_lab", stdout=out)
    assert isinstance(json.loads(out.getvalue()), list)
