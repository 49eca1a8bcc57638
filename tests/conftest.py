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
