"""Fixtures shared by the whole suite.

The demo data is loaded once per test database, right after pytest-django creates it
(``django_db_setup`` below), not before every test: ordinary tests run inside a
transaction that is rolled back, so each of them sees exactly the demo data, whatever
the test before it wrote. Transactional tests (``transaction=True``, ``transactional_db``,
``live_server``, the migrator) commit for real and pytest-django empties every table after
them; the hooks below note that flush and load the demo data again (committed) before the
next test that uses the database, of whatever kind and in whatever order, unless that test
starts by emptying the database anyway. pytest-django runs the transactional tests after
the others (pytest-xdist, if used, keeps that order within each worker), so this is about
30 reloads, each a copy of the first load's rows (``_restore_snapshot``), not ~500 loads.

A test about an empty database asks for ``no_demo_data``: the demo rows are deleted
inside its own transaction and come back with the rollback.
"""

import copy

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.backends.signals import connection_created
from pytest_django.plugin import blocking_manager_key, validate_django_db

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: run with DATABASE_URL=postgres://... to include it",
)

# The report of the session's first load (what demo_data hands to the tests) and a copy of
# the rows it wrote (what the reloads restore).
_demo_load = {}


def _load_demo_data():
    from playground.labkit.demo import load_demo_data

    return load_demo_data(create_superuser=False)


def _demo_models():
    """One concrete model per table the demo fixtures write to (parents and join tables included)."""
    from django.apps import apps

    models = {apps.get_model(label)._meta.concrete_model for label in _demo_load["report"].created}
    models |= {parent for m in models for parent in m._meta.all_parents}
    models |= {f.remote_field.through for m in list(models) for f in m._meta.local_many_to_many}
    existing = set(connection.introspection.table_names())
    by_table = {m._meta.db_table: m for m in models if m._meta.db_table in existing}
    return [by_table[table] for table in sorted(by_table)]


def demo_tables() -> list[str]:
    """The tables the demo fixtures write to (with their parents' and many-to-many tables)."""
    return [m._meta.db_table for m in _demo_models()]


def _take_snapshot():
    """Every demo row, table by table, with content types by natural key (a flush renumbers them)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import QuerySet

    snapshot = []
    for model in _demo_models():
        # Not a GeneratedField's column: the database computes it, and refuses a value for it.
        fields = [f for f in model._meta.local_concrete_fields if not f.generated]
        types = [i for i, f in enumerate(fields) if f.is_relation and f.related_model is ContentType]
        rows = [list(row) for row in QuerySet(model).order_by("pk").values_list(*(f.attname for f in fields))]
        for row in rows:
            for i in types:
                row[i] = row[i] and ContentType.objects.get_for_id(row[i]).natural_key()
        snapshot.append((model, fields, types, rows))
    return snapshot


def _restore_snapshot():
    """Write the demo rows back into the emptied tables: one INSERT per table, not ~400 queries."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db.models import QuerySet

    with transaction.atomic():
        for model, fields, types, rows in _demo_load["snapshot"]:
            objs = []
            for row in rows:
                row = list(row)
                for i in types:
                    row[i] = row[i] and ContentType.objects.get_by_natural_key(*row[i]).pk
                objs.append(model(**{f.attname: value for f, value in zip(fields, row, strict=True)}))
            batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
            for start in range(0, len(objs), batch):
                QuerySet(model)._insert(objs[start : start + batch], fields=fields, raw=True)
        # As loaddata and load_demo_data do: foreign keys checked, sequences moved past the rows.
        connection.check_constraints()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, *_ in _demo_load["snapshot"]]):
                cursor.execute(sql)


def _reload_demo_data():
    try:
        _restore_snapshot()
    except IntegrityError:
        # Not an emptied database after all (a teardown failed before its flush?): the slow,
        # idempotent way, which writes only what differs.
        _load_demo_data()


def _commit_without_waiting_for_the_disk(sender, connection, **kwargs):
    """Test databases are thrown away: a COMMIT on PostgreSQL need not wait for its WAL flush.

    ``synchronous_commit = off`` is per connection (the live server's and the migration tests'
    connections included) and changes nothing a test can see but time: a crash could lose the
    last commits, never leave them half-written. The server's own setting is left alone.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


connection_created.connect(_commit_without_waiting_for_the_disk, dispatch_uid="tests-synchronous-commit-off")


@pytest.fixture(autouse=True, scope="session")
def _flush_with_delete_on_postgresql():
    """After a transactional test, empty the tables with DELETE instead of flush's TRUNCATE.

    PostgreSQL's TRUNCATE of the ~110 tables costs about a second per transactional test
    (several under load); a DELETE of the few rows they hold costs milliseconds. Only the
    flush of TransactionTestCase's teardown changes: ``manage.py flush`` itself, which some
    tests run, still truncates. The DELETEs run in one transaction, so the deferred foreign
    keys are checked once every table is empty.
    """
    if connection.vendor != "postgresql":
        yield
        return
    from unittest import mock

    from django.test import TransactionTestCase

    ops = type(connection.ops)
    truncate = ops.sql_flush
    teardown = TransactionTestCase._fixture_teardown

    def delete_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    def fixture_teardown(self):
        with mock.patch.object(ops, "sql_flush", delete_flush):
            teardown(self)

    with mock.patch.object(TransactionTestCase, "_fixture_teardown", fixture_teardown):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database(s), with the demo data loaded (and committed) once."""
    with django_db_blocker.unblock():
        _demo_load["report"] = _load_demo_data()
        _demo_load["snapshot"] = _take_snapshot()


def _is_transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs this test as a TransactionTestCase (and flushes after it)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _uses_db(item: pytest.Item) -> bool:
    names = set(item.fixturenames)
    return item.get_closest_marker("django_db") is not None or bool({"db", "transactional_db", "live_server"} & names)


# Tests that start by emptying the database anyway: no point in reloading the demo data for them.
_EMPTY_DATABASE_FIXTURES = {"no_demo_data", "migrator"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        if _is_transactional(item):
            _demo_load["flushed"] = True  # pytest-django has just emptied every table


def pytest_runtest_setup(item):
    """Before a database test's fixtures: reload the demo data if a transactional test flushed it."""
    if _demo_load.get("flushed") and _uses_db(item) and not _EMPTY_DATABASE_FIXTURES & set(item.fixturenames):
        with item.config.stash[blocking_manager_key].unblock():
            _reload_demo_data()
        _demo_load["flushed"] = False


@pytest.fixture
def demo_data(db):
    """The demo fixtures, as `setup_demo` loads them: already in the database; this is the load's report."""
    from relations.models import Blog

    report = copy.deepcopy(_demo_load["report"])
    # One query, so that demo data lost after a flush fails here with its cause, not somewhere later.
    if Blog.objects.count() < report.created["relations.Blog"]:
        pytest.fail("The demo data is gone: a flush was not followed by a reload (see tests/conftest.py).")
    return report


@pytest.fixture
def no_demo_data(db):
    """An empty database for this test: the demo rows are deleted inside its transaction only.

    Plain DELETEs in any order, in one atomic block: foreign keys are checked at its end
    (Django creates them deferrable). On PostgreSQL this is ~30 times faster than the
    TRUNCATE that ``flush`` sends. In a transactional test the deletes are committed; the
    demo data is reloaded before the next test, as after any transactional test.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for table in demo_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture
def admin_user_client(client, admin_user):
    client.force_login(admin_user)
    return client


TOOLBAR_PANELS = ["debug_toolbar.panels.sql.SQLPanel", "playground.labkit.toolbar_n_plus_one.panel.NPlusOnePanel"]


@pytest.fixture
def toolbar_enabled(settings):
    """The debug toolbar switched on as settings.py does with DEBUG on (it is never installed under tests).

    App, middleware, URLs and the SQL + N+1 panels; the panels are rendered into the page
    (RENDER_PANELS) so that a plain GET shows them.
    """
    import debug_toolbar.settings  # noqa: F401 - its setting_changed receiver must exist before the overrides

    settings.DEBUG = True
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "debug_toolbar"]
    settings.MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware", *settings.MIDDLEWARE]
    settings.ROOT_URLCONF = "tests.toolbar_urls"
    settings.DEBUG_TOOLBAR_PANELS = TOOLBAR_PANELS
    settings.DEBUG_TOOLBAR_CONFIG = {
        "SHOW_TOOLBAR_CALLBACK": "playground.toolbar.show_toolbar",
        "IS_RUNNING_TESTS": False,
        "RENDER_PANELS": True,
    }
    return settings
