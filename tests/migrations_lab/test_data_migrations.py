"""Each teaching migration does what its header says, and its reverse gives back what it changed.

The migrator (django-test-migrations) migrates a real test database to a point in
history; the test writes rows with the historical models of that point, applies the
migration under test, checks, then migrates back and checks again. Rows are counted
at every step: no forward or reverse may lose one.
"""

import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.migrations_lab.conftest import column_names, fk_delete_rule, index_names

pytestmark = pytest.mark.slow

APP = "migrations_lab"


def migration_module(name):
    return importlib.import_module(f"playground.migrations_lab.migrations.{name}")


def test_slug_backfill_fills_every_row_uniquely_and_its_reverse_empties_them(migrator):
    old = migrator.apply_initial_migration((APP, "0002_release_slug_nullable"))
    Release = old.apps.get_model(APP, "Release")
    for name, version in [("Django", "6.1"), ("Django", "6.1"), ("Django", "6.0"), ("PostgreSQL", "17")]:
        Release.objects.create(name=name, version=version)
    assert list(Release.objects.values_list("slug", flat=True)) == [None] * 4

    new = migrator.apply_tested_migration((APP, "0003_backfill_release_slug"))
    Release = new.apps.get_model(APP, "Release")
    slugs = list(Release.objects.order_by("pk").values_list("slug", flat=True))
    assert slugs == ["django-6-1", "django-6-1-2", "django-6-0", "postgresql-17"]

    back = migrator.apply_tested_migration((APP, "0002_release_slug_nullable"))
    Release = back.apps.get_model(APP, "Release")
    assert Release.objects.count() == 4
    assert list(Release.objects.values_list("slug", flat=True)) == [None] * 4


def test_slug_backfill_works_in_batches(migrator, monkeypatch):
    old = migrator.apply_initial_migration((APP, "0002_release_slug_nullable"))
    Release = old.apps.get_model(APP, "Release")
    Release.objects.bulk_create([Release(name="Release", version=str(n)) for n in range(5)])
    monkeypatch.setattr(migration_module("0003_backfill_release_slug"), "BATCH_SIZE", 2)

    with CaptureQueriesContext(connection) as ctx:
        new = migrator.apply_tested_migration((APP, "0003_backfill_release_slug"))
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "migrations_lab_release"')]
    # 5 rows at 2 per batch: three bulk UPDATEs, never one per row.
    assert len(updates) == 3
    Release = new.apps.get_model(APP, "Release")
    assert not Release.objects.filter(slug=None).exists()


def test_not_null_slug_is_only_possible_after_the_backfill(migrator):
    old = migrator.apply_initial_migration((APP, "0002_release_slug_nullable"))
    Release = old.apps.get_model(APP, "Release")
    Release.objects.create(name="Django", version="6.1")
    new = migrator.apply_tested_migration((APP, "0004_release_slug_not_null_unique"))
    Release = new.apps.get_model(APP, "Release")
    assert Release.objects.get().slug == "django-6-1"
    # NOT NULL and UNIQUE are now the database's rules, not just the model's.
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.create(name="Copy", version="1", slug="django-6-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.create(name="No slug", version="1", slug=None)


def test_db_default_fills_existing_rows_and_the_count_backfill_reverses_to_it(migrator):
    old = migrator.apply_initial_migration((APP, "0004_release_slug_not_null_unique"))
    Release = old.apps.get_model(APP, "Release")
    Note = old.apps.get_model(APP, "Note")
    busy = Release.objects.create(name="Django", version="6.1", slug="django-6-1")
    quiet = Release.objects.create(name="Django", version="6.0", slug="django-6-0")
    Note.objects.bulk_create([Note(release=busy, summary=f"Change {n}") for n in range(3)])

    added = migrator.apply_tested_migration((APP, "0005_release_note_count_db_default"))
    Release = added.apps.get_model(APP, "Release")
    # The database filled the new NOT NULL column of existing rows with its DEFAULT.
    assert dict(Release.objects.values_list("slug", "note_count")) == {"django-6-1": 0, "django-6-0": 0}

    counted = migrator.apply_tested_migration((APP, "0006_backfill_release_note_count"))
    Release = counted.apps.get_model(APP, "Release")
    assert dict(Release.objects.values_list("pk", "note_count")) == {busy.pk: 3, quiet.pk: 0}

    back = migrator.apply_tested_migration((APP, "0005_release_note_count_db_default"))
    Release = back.apps.get_model(APP, "Release")
    Note = back.apps.get_model(APP, "Note")
    assert dict(Release.objects.values_list("pk", "note_count")) == {busy.pk: 0, quiet.pk: 0}
    assert Note.objects.count() == 3


def test_renames_keep_every_value_both_ways(migrator):
    old = migrator.apply_initial_migration((APP, "0006_backfill_release_note_count"))
    Release = old.apps.get_model(APP, "Release")
    Note = old.apps.get_model(APP, "Note")
    release = Release.objects.create(name="Django", version="6.1", slug="django-6-1")
    Note.objects.create(release=release, summary="Fetch modes", body="FETCH_PEERS")

    new = migrator.apply_tested_migration((APP, "0008_rename_note_to_releasenote"))
    ReleaseNote = new.apps.get_model(APP, "ReleaseNote")
    assert list(ReleaseNote.objects.values_list("title", "body")) == [("Fetch modes", "FETCH_PEERS")]
    assert "title" in column_names("migrations_lab_releasenote")

    back = migrator.apply_tested_migration((APP, "0006_backfill_release_note_count"))
    Note = back.apps.get_model(APP, "Note")
    assert list(Note.objects.values_list("summary", "body")) == [("Fetch modes", "FETCH_PEERS")]
    assert "summary" in column_names("migrations_lab_note")


def test_db_cascade_changes_the_foreign_key_in_the_database_and_back(migrator):
    migrator.apply_initial_migration((APP, "0008_rename_note_to_releasenote"))
    # information_schema says NO ACTION, SQLite's pragma says NO ACTION: the database
    # itself refuses nothing and cascades nothing; Django's collector did the work.
    assert fk_delete_rule("migrations_lab_releasenote", "release_id") == "NO ACTION"

    db_level = migrator.apply_tested_migration((APP, "0009_releasenote_release_db_cascade"))
    assert fk_delete_rule("migrations_lab_releasenote", "release_id") == "CASCADE"
    Release = db_level.apps.get_model(APP, "Release")
    ReleaseNote = db_level.apps.get_model(APP, "ReleaseNote")
    release = Release.objects.create(name="Django", version="6.1", slug="django-6-1")
    ReleaseNote.objects.create(release=release, title="Fetch modes")
    with connection.cursor() as cursor:
        # Plain SQL, no ORM collector: only the constraint can remove the note.
        cursor.execute("DELETE FROM migrations_lab_release WHERE id = %s", [release.pk])
    assert ReleaseNote.objects.count() == 0

    migrator.apply_tested_migration((APP, "0010_releasenote_release_back_to_cascade"))
    assert fk_delete_rule("migrations_lab_releasenote", "release_id") == "NO ACTION"

    migrator.apply_tested_migration((APP, "0009_releasenote_release_db_cascade"))
    assert fk_delete_rule("migrations_lab_releasenote", "release_id") == "CASCADE"


def test_sql_index_is_created_and_dropped_by_its_reverse_sql(migrator):
    migrator.apply_initial_migration((APP, "0010_releasenote_release_back_to_cascade"))
    assert "releasenote_title_lower_idx" not in index_names("migrations_lab_releasenote")
    migrator.apply_tested_migration((APP, "0011_releasenote_title_lower_index_sql"))
    assert "releasenote_title_lower_idx" in index_names("migrations_lab_releasenote")
    migrator.apply_tested_migration((APP, "0010_releasenote_release_back_to_cascade"))
    assert "releasenote_title_lower_idx" not in index_names("migrations_lab_releasenote")
