"""A database from before the custom user model is named as such, by migrate and by setup_demo."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from playground.labkit.checks import check_old_schema


@pytest.fixture
def old_database(db):
    # What a database migrated before the layout change has: the teaching migrations
    # recorded under the retired "playground" app label.
    MigrationRecorder(connection).migration_qs.create(app="playground", name="0001_release_and_note")


def test_a_current_database_passes_the_check(db):
    assert check_old_schema(databases=["default"]) == []


def test_the_check_names_an_old_database_and_says_how_to_recreate_it(old_database):
    [error] = check_old_schema(databases=["default"])
    assert error.id == "labkit.E001"
    assert "created before the custom user model" in error.msg
    assert "rm db.sqlite3" in error.msg and "dropdb" in error.msg


def test_migrate_stops_on_an_old_database_before_migrating(old_database):
    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match="labkit.E001"):
        call_command("migrate", skip_checks=False, verbosity=0)


def test_setup_demo_says_so_in_one_line_and_writes_nothing(old_database):
    from relations.models import Author

    before = Author.objects.count()
    with pytest.raises(CommandError) as excinfo:
        call_command("setup_demo", "--no-superuser")
    assert "\n" not in str(excinfo.value)
    assert "recreate it" in str(excinfo.value)
    assert Author.objects.count() == before
