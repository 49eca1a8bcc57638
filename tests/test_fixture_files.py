"""Every fixture loads with Django's own ``loaddata``, one file at a time, in the order ``ls`` prints.

``setup_demo`` computes the order from what each file refers to; the file names carry
numeric prefixes so that the plain shell loop of the README works too:

    for f in fixtures/*.json; do manage.py loaddata $f; done
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, router

from playground.labkit.demo import load_demo_data
from playground.labkit.fixture_order import ordered_fixtures
from relations.models import Author, GenericComment

FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


def _rows_per_model() -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in FIXTURES:
        for obj in json.loads(path.read_text(encoding="utf-8")):
            # A PostgreSQL-only model (Meta.required_db_vendor) has no table elsewhere; loaddata skips it.
            if router.allow_migrate_model(connection.alias, apps.get_model(obj["model"])):
                counts[obj["model"]] = counts.get(obj["model"], 0) + 1
    return counts


def test_the_computed_load_order_is_the_order_the_file_names_sort_in():
    assert [path.name for path in ordered_fixtures()] == [path.name for path in FIXTURES]


def test_every_fixture_name_starts_with_a_two_digit_position():
    assert FIXTURES
    assert all(path.name[:2].isdigit() and path.name[2] == "_" for path in FIXTURES)


@pytest.mark.django_db
def test_loaddata_of_each_file_in_sorted_order_loads_every_row():
    for path in FIXTURES:
        call_command("loaddata", str(path), verbosity=0)
    for label, count in _rows_per_model().items():
        model = apps.get_model(label)
        # At least the file's rows: the database may hold more (demo data loaded elsewhere).
        assert model._base_manager.count() >= count, label
    # The generic comments named their author targets by email: resolved by Django's loader.
    comment = GenericComment.objects.get(body__startswith="Her compiler work")
    assert comment.target == Author.objects.get(email="grace@example.com")


@pytest.mark.django_db
def test_loaddata_by_name_loads_the_comments_once_their_targets_are_loaded():
    names = [path.stem for path in FIXTURES]
    comments = next(name for name in names if name.endswith("relations_comments"))
    for name in names[: names.index(comments)]:
        call_command("loaddata", name, verbosity=0)
    call_command("loaddata", comments, verbosity=0)  # `manage.py loaddata 16_relations_comments`
    assert GenericComment.objects.filter(body__startswith="Twelve rules").get().target.email == "ted@example.com"


@pytest.mark.django_db
def test_setup_demo_and_loaddata_load_the_same_rows():
    load_demo_data(create_superuser=False)
    by_setup_demo = {label: _snapshot(label) for label in _rows_per_model()}
    for path in FIXTURES:
        call_command("loaddata", str(path), verbosity=0)
    assert {label: _snapshot(label) for label in _rows_per_model()} == by_setup_demo


def _snapshot(label):
    """The rows of a model, without the timestamps a save may refresh."""
    model = apps.get_model(label)
    skip = {"updated_at"}
    return sorted(
        (tuple((k, str(v)) for k, v in row.items() if k not in skip) for row in model._base_manager.values()),
    )
