"""Fixtures shared by the whole suite."""

import pytest
from django.db import connection

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: run with DATABASE_URL=postgres://... to include it",
)


@pytest.fixture
def demo_data(db):
    """The demo fixtures, loaded the way `setup_demo` loads them."""
    from playground.labkit.demo import load_demo_data

    return load_demo_data(create_superuser=False)


@pytest.fixture
def admin_user_client(client, admin_user):
    client.force_login(admin_user)
    return client
