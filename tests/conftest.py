"""Fixtures shared by the whole suite.

The demo data is loaded once per test database, right after pytest-django creates it
(``django_db_setup`` below), not before every test: ordinary tests run inside a
transaction that is rolled back, so each of them sees exactly the demo data, whatever
the test before it wrote. Transactional tests (``transaction=True``, ``transactional_db``,
``live_server``, the migrator) commit for real and pytest-django empties every table after
them; the hooks below note that flush and load the demo data again (committed) before the
next test that uses the database, of whatever kind and in whatever order, unless that test
starts by emptying the database anyway. pytest-django runs the transactional tests after
the others (and xdist keeps that order within each worker), so this is ~30 reloads, not ~900.

A test about an empty database asks for ``no_demo_data``: the demo rows are deleted
inside its own transaction and come back with the rollback.
"""

import copy

import pytest
from django.db import connection, transaction
from pytest_django.plugin import blocking_manager_key, validate_django_db

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: run with DATABASE_URL=postgres://... to include it",
)

# The report of the session's first load: what demo_data hands to the tests.
_demo_load = {}


def _load_demo_data():
    from playground.demo import load_demo_data

    return load_demo_data(create_superuser=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database(s), with the demo data loaded (and committed) once."""
    with django_db_blocker.unblock():
        _demo_load["report"] = _load_demo_data()


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
            _load_demo_data()
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


def demo_tables() -> list[str]:
    """The tables the demo fixtures write to (with their many-to-many tables), as they exist here."""
    from django.apps import apps

    labels = set(_demo_load["report"].created)
    models = [apps.get_model(label) for label in labels]
    tables = {m._meta.db_table for m in models}
    # Multi-table children write their parents' rows; many-to-many fields their join tables.
    tables |= {parent._meta.db_table for m in models for parent in m._meta.all_parents}
    tables |= {f.remote_field.through._meta.db_table for m in models for f in m._meta.local_many_to_many}
    return sorted(tables & set(connection.introspection.table_names()))


@pytest.fixture
def no_demo_data(db):
    """An empty database for this test: the demo rows are deleted inside its transaction only.

    Plain DELETEs in any order, in one atomic block: foreign keys are checked at its end
    (Django creates them deferrable). On PostgreSQL this is ~30 times faster than the
    TRUNCATE that ``flush`` sends. In a transactional test the deletes are committed, and
    the demo data comes back with the flush after it, as after any transactional test.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for table in demo_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture
def admin_user_client(client, admin_user):
    client.force_login(admin_user)
    return client
