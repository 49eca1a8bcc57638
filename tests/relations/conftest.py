"""Fixtures for the relations lab tests: parents with children of one on_delete kind each."""

import itertools

import pytest

from relations.models import DbParent, Parent
from relations.models.db_on_delete import DB_DEFAULT_PARENT_SLUG
from relations.models.on_delete import ARCHIVE_PARENT_SLUG, DEFAULT_PARENT_SLUG

_numbers = itertools.count(1)


@pytest.fixture
def fallback_parents(no_demo_data):
    """The rows SET_DEFAULT, SET(value) and DB_SET_DEFAULT children fall back to (on empty tables)."""
    return {
        "default": Parent.objects.create(name="Default", slug=DEFAULT_PARENT_SLUG),
        "archive": Parent.objects.create(name="Archive", slug=ARCHIVE_PARENT_SLUG),
        "db_default": DbParent.objects.create(name="DB default", slug=DB_DEFAULT_PARENT_SLUG),
    }


@pytest.fixture
def make_family(fallback_parents):
    """make_family(ChildModel, "fk_name", children=2) -> (parent, [children])."""

    def make(child_model, fk_name, children=2):
        parent_model = child_model._meta.get_field(fk_name).remote_field.model
        number = next(_numbers)
        parent = parent_model.objects.create(name=f"Parent {number}", slug=f"parent-{number}")
        kids = [child_model.objects.create(name=f"Child {number}.{i}", **{fk_name: parent}) for i in range(children)]
        return parent, kids

    return make


def delete_via(via, obj):
    """Delete through ``instance.delete()`` or ``QuerySet.delete()``."""
    if via == "instance":
        return obj.delete()
    return type(obj).objects.filter(pk=obj.pk).delete()


@pytest.fixture
def table_counts(django_db_blocker):
    """Row counts of every table of every installed model (the whole database, not a sample)."""
    from django.apps import apps
    from django.db import connection

    def counts():
        # Tables that exist here: a PostgreSQL-only model has none on SQLite.
        existing = set(connection.introspection.table_names())
        tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)} & existing)
        with connection.cursor() as cursor:
            result = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                result[table] = cursor.fetchone()[0]
        return result

    return counts
