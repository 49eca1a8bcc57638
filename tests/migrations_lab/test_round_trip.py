"""Every app's migrations go to zero and back, and every operation has a way back.

Written against whatever migrations the project has, so a lab that adds migrations
is covered without touching this file.
"""

import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL, SeparateDatabaseAndState
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.slow


def schema_snapshot() -> dict[str, dict]:
    """Tables, their columns and their constraints/indexes, as the database describes them."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = [
                (col.name, col.type_code, col.null_ok)
                for col in connection.introspection.get_table_description(cursor, table)
            ]
            constraints = {
                name: {key: info[key] for key in ("columns", "primary_key", "unique", "foreign_key", "check", "index")}
                for name, info in connection.introspection.get_constraints(cursor, table).items()
            }
            snapshot[table] = {"columns": columns, "constraints": constraints}
    return snapshot


def unmigrated_tables(loader) -> set[str]:
    return {
        model._meta.db_table
        for label in loader.unmigrated_apps
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


@pytest.mark.django_db(transaction=True)
def test_every_app_migrates_to_zero_and_back_to_the_same_schema(capsys):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    migrated_apps = sorted({app for app, _ in leaves})
    before = schema_snapshot()

    started = time.perf_counter()
    executor.migrate([(app, None) for app in migrated_apps])
    to_zero = time.perf_counter() - started
    remaining = set(schema_snapshot())
    assert remaining <= {"django_migrations"} | unmigrated_tables(executor.loader)
    assert MigrationRecorder(connection).applied_migrations() == {}

    executor = MigrationExecutor(connection)
    started = time.perf_counter()
    executor.migrate(leaves)
    back = time.perf_counter() - started
    # migrate sends post_migrate (content types, permissions); executor.migrate does not.
    call_command("migrate", verbosity=0)

    assert schema_snapshot() == before
    assert set(MigrationLoader(connection).applied_migrations) == set(executor.loader.graph.nodes)
    with capsys.disabled():
        print(
            f"\n[round trip on {connection.vendor}] {len(executor.loader.graph.nodes)} migrations in "
            f"{len(migrated_apps)} apps: to zero {to_zero:.2f} s, back {back:.2f} s"
        )


def all_operations(operations):
    for operation in operations:
        yield operation
        if isinstance(operation, SeparateDatabaseAndState):
            yield from all_operations(operation.database_operations)


def every_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(loader.disk_migrations.items())


@pytest.mark.parametrize(("key", "migration"), every_migration(), ids=[".".join(k) for k, _ in every_migration()])
def test_every_operation_of_every_migration_can_be_reversed(key, migration):
    irreversible = [op.describe() for op in all_operations(migration.operations) if not op.reversible]
    assert irreversible == [], f"{'.'.join(key)} cannot be migrated back: {irreversible}"


def test_every_runpython_and_runsql_has_an_explicit_reverse():
    missing = [
        f"{app}.{name}: {op.describe()}"
        for (app, name), migration in every_migration()
        for op in all_operations(migration.operations)
        if (isinstance(op, RunPython) and op.reverse_code is None)
        or (isinstance(op, RunSQL) and op.reverse_sql is None)
    ]
    assert missing == []
    # The lab's own history has both kinds, so this test always has something to check.
    kinds = {type(op) for _, migration in every_migration() for op in all_operations(migration.operations)}
    assert {RunPython, RunSQL} <= kinds


@pytest.mark.django_db(transaction=True)
def test_demo_releases_survive_the_lab_history_back_to_0002_and_forward():
    from playground.labkit.demo import load_demo_data
    from playground.migrations_lab.models import Release, ReleaseNote

    load_demo_data(["02_migrations_lab_releases.json"], create_superuser=False)
    releases = sorted(Release.objects.values_list("pk", "name", "version", "slug", "note_count"))
    notes = sorted(ReleaseNote.objects.values_list("pk", "release_id", "title", "body"))
    assert releases and notes

    # Back through the renames, the count and the slug: every reverse runs on real rows.
    call_command("migrate", "migrations_lab", "0002_release_slug_nullable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(slug) FROM migrations_lab_release")
        assert cursor.fetchone() == (len(releases), 0)
        cursor.execute("SELECT COUNT(*) FROM migrations_lab_note")
        assert cursor.fetchone() == (len(notes),)

    call_command("migrate", "migrations_lab", verbosity=0)
    # The forward migrations compute slugs and counts again, to the same values.
    assert sorted(Release.objects.values_list("pk", "name", "version", "slug", "note_count")) == releases
    assert sorted(ReleaseNote.objects.values_list("pk", "release_id", "title", "body")) == notes
