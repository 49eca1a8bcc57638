"""The toolkit's sqlmigrate: the SQL it keeps between page views follows the migration files."""

import sys

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from playground.labkit.migration_sql import sqlmigrate_lines

MIGRATION = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="Probe",
            fields=[("id", models.BigAutoField(primary_key=True)), {fields}],
        ),
    ]
"""


def migrations_package(tmp_path, name: str, fields: str) -> str:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "0001_initial.py").write_text(MIGRATION.format(fields=fields))
    return name


@pytest.fixture
def probe_migrations(tmp_path, settings, monkeypatch):
    """Point the users app at a migrations package written for the test (never applied)."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def use(name: str, fields: str):
        settings.MIGRATION_MODULES = {"users": migrations_package(tmp_path, name, fields)}
        loader = MigrationLoader(None, ignore_no_migrations=True)
        return loader, loader.graph.nodes["users", "0001_initial"]

    yield use
    for module in [m for m in sys.modules if m.startswith("probe_")]:
        del sys.modules[module]


def test_the_same_migration_name_in_another_file_gets_its_own_sql(probe_migrations):
    loader, migration = probe_migrations("probe_a", '("size", models.IntegerField())')
    first = sqlmigrate_lines(connection, loader, migration)
    assert sqlmigrate_lines(connection, loader, migration) == first  # kept, and handed out as a copy
    first.append("changed by the caller")

    loader, migration = probe_migrations("probe_b", '("colour", models.CharField(max_length=10))')
    second = sqlmigrate_lines(connection, loader, migration)

    assert any('"size"' in line for line in first) and not any('"size"' in line for line in second)
    assert any('"colour"' in line for line in second)
