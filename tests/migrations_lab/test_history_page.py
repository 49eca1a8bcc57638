"""The migrations page: every migration, its applied state, operations and SQL — and reading it changes nothing."""

import datetime
import re
from http import HTTPStatus
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from playground.migrations_lab.history import read_history, remove_add_instead_of_rename

PAGE = reverse("admin:lab-migrations")
WRITE_OR_DDL = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|RENAME|COMMENT|GRANT|REINDEX|VACUUM|PRAGMA\s+\w+\s*=)",
    re.IGNORECASE,
)


def migration_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="m-([\w]+-[\w]+)"', html)


@pytest.mark.django_db
def test_page_lists_every_migration_of_every_app(admin_user_client):
    html = admin_user_client.get(PAGE).content.decode()
    graph = MigrationLoader(connection).graph
    assert sorted(migration_rows(html)) == sorted(f"{app}-{name}" for app, name in graph.nodes)


@pytest.mark.django_db
def test_migrations_come_after_everything_they_depend_on():
    history = read_history()
    position = {(m.app_label, m.name): m.position for m in history.migrations}
    loader = MigrationLoader(connection)
    for node in loader.graph.nodes:
        for parent in loader.graph.node_map[node].parents:
            assert position[parent.key] < position[node], f"{parent.key} must come before {node}"
    assert sorted(position.values()) == list(range(1, len(position) + 1))
    # Swappable (AUTH_USER_MODEL) and "__first__" dependencies are shown as the migrations they mean.
    assert history.get("admin", "0001_initial").dependencies == [
        ("contenttypes", "0001_initial"),
        ("users", "0001_initial"),
    ]


@pytest.mark.django_db
def test_applied_state_and_time_come_from_the_django_migrations_table(admin_user_client):
    recorded = MigrationRecorder.Migration.objects
    when = datetime.datetime(2020, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    recorded.filter(app="migrations_lab", name="0001_release_and_note").update(applied=when)
    recorded.filter(app="migrations_lab", name="0011_releasenote_title_lower_index_sql").delete()

    html = admin_user_client.get(PAGE, {"app": "migrations_lab"}).content.decode()
    first = html[html.index('id="m-migrations_lab-0001_release_and_note"') :]
    assert "2020-02-03 04:05:06" in first[: first.index("</tr>")]
    last = html[html.index('id="m-migrations_lab-0011_releasenote_title_lower_index_sql"') :]
    assert "not applied" in last[: last.index("</tr>")]
    assert "1</strong> not applied" in html


# Nothing is committed here; but sqlmigrate's schema editor on SQLite refuses to run inside a
# transaction (foreign key checks cannot be switched off there), so only SQLite needs autocommit.
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_sql_shown_is_exactly_what_sqlmigrate_prints_for_every_migration():
    history = read_history()
    for migration in history.migrations:
        out = StringIO()
        call_command("sqlmigrate", migration.app_label, migration.name, stdout=out, no_color=True)
        printed = [line for line in out.getvalue().splitlines() if line not in ("BEGIN;", "COMMIT;")]
        # Compared line by line: a statement may span lines (a RunSQL's CREATE VIEW does).
        assert "\n".join(migration.sql).splitlines() == printed, migration.key


@pytest.mark.django_db
def test_db_cascade_migration_shows_the_constraint_gaining_and_losing_on_delete(admin_user_client):
    html = admin_user_client.get(PAGE).content.decode()
    history = read_history()
    to_db = history.get("migrations_lab", "0009_releasenote_release_db_cascade").sql_text
    back = history.get("migrations_lab", "0010_releasenote_release_back_to_cascade").sql_text
    assert "ON DELETE CASCADE" in to_db
    assert "REFERENCES" in back and "ON DELETE" not in back
    assert escape(to_db) in html


@pytest.mark.django_db
def test_rename_keeps_the_column_where_remove_and_add_drops_it(admin_user_client):
    rename = read_history().get("migrations_lab", "0007_rename_note_summary_to_title").sql_text
    remove_add = "\n".join(remove_add_instead_of_rename("migrations_lab", "0007_rename_note_summary_to_title"))
    assert 'RENAME COLUMN "summary" TO "title"' in rename
    assert 'DROP COLUMN "summary"' in remove_add and "RENAME COLUMN" not in remove_add
    html = admin_user_client.get(PAGE).content.decode()
    assert escape('DROP COLUMN "summary"') in html


@pytest.mark.django_db
def test_remove_add_comparison_refuses_a_migration_without_a_rename():
    with pytest.raises(ValueError, match="has no RenameField operation"):
        remove_add_instead_of_rename("migrations_lab", "0001_release_and_note")


TEACHING_MIGRATIONS = [
    "0001_release_and_note",
    "0002_release_slug_nullable",
    "0003_backfill_release_slug",
    "0004_release_slug_not_null_unique",
    "0005_release_note_count_db_default",
    "0006_backfill_release_note_count",
    "0007_rename_note_summary_to_title",
    "0008_rename_note_to_releasenote",
    "0009_releasenote_release_db_cascade",
    "0010_releasenote_release_back_to_cascade",
    "0011_releasenote_title_lower_index_sql",
    "0012_release_verbose_names_no_sql",
]


@pytest.mark.django_db
def test_teaching_migrations_show_what_they_demonstrate(admin_user_client):
    html = admin_user_client.get(PAGE).content.decode()
    teaching = html[html.index('id="teaching"') : html.index('id="all-migrations"')]
    history = read_history()
    for name in TEACHING_MIGRATIONS:
        migration = history.get("migrations_lab", name)
        assert migration.demonstrates.startswith("Demonstrates: "), name
        assert f'id="teach-{name}"' in teaching
        assert escape(migration.demonstrates.splitlines()[0]) in teaching


def table_contents() -> dict[str, int]:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def test_reading_the_page_changes_nothing_and_sends_no_write(admin_user_client, demo_data):
    recorded = list(MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name", "applied"))
    counts = table_contents()
    with CaptureQueriesContext(connection) as ctx:
        response = admin_user_client.get(PAGE)
    assert response.status_code == HTTPStatus.OK
    writes = [q["sql"] for q in ctx.captured_queries if WRITE_OR_DDL.match(q["sql"])]
    # The session middleware may touch django_session; nothing else may be written.
    assert [sql for sql in writes if "django_session" not in sql] == []
    assert table_contents() == counts
    assert list(MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name", "applied")) == recorded
    assert any(apps.get_model("migrations_lab", "Release").objects.all())


@pytest.mark.django_db
def test_app_filter_shows_only_that_apps_migrations(admin_user_client):
    html = admin_user_client.get(PAGE, {"app": "relations"}).content.decode()
    rows = migration_rows(html)
    assert rows and all(row.startswith("relations-") for row in rows)
    assert 'id="teaching"' not in html


@pytest.mark.django_db
def test_unknown_app_filter_says_so_and_shows_every_app(admin_user_client):
    response = admin_user_client.get(PAGE, {"app": "nosuchapp"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert escape("No app labelled 'nosuchapp' has migrations; showing every app.") in html
    assert len(migration_rows(html)) == len(MigrationLoader(connection).graph.nodes)


@pytest.mark.django_db
def test_an_unreadable_history_is_reported_on_the_page_not_as_a_crash(admin_user_client, monkeypatch):
    from playground.migrations_lab import admin as lab_admin

    def broken(*args, **kwargs):
        raise LookupError("migration module playground.migrations_lab.migrations.0099_gone is missing")

    monkeypatch.setattr(lab_admin, "read_history", broken)
    response = admin_user_client.get(PAGE)
    assert response.status_code == HTTPStatus.OK
    assert (
        escape(
            "The migration history could not be read: builtins.LookupError: "
            "migration module playground.migrations_lab.migrations.0099_gone is missing"
        )
        in response.content.decode()
    )
