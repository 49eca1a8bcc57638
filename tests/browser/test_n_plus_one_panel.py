"""The N+1 panel in a real browser: the toolbar on a deliberately slow page, opened, read."""

import pytest
from django.contrib import admin

from relations.models import SlowBlog

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def toolbar_live_server(toolbar_enabled, live_server):
    """The live server's handler built its middleware when it started: rebuild it with the toolbar, then without."""
    handler = live_server.thread.httpd.get_app().application
    handler.load_middleware()
    yield live_server
    toolbar_enabled.MIDDLEWARE = toolbar_enabled.MIDDLEWARE[1:]
    handler.load_middleware()


def test_the_n_plus_one_panel_names_the_relation_and_the_fix(toolbar_live_server, logged_in_page):
    page = logged_in_page
    page.goto(f"{toolbar_live_server.url}/admin/relations/slowblog/")
    rows = min(SlowBlog.objects.count(), admin.site._registry[SlowBlog].list_per_page)
    button = page.locator("#djdt-NPlusOnePanel a")
    assert f"N+1: 1 relation, {rows - 1} extra queries" in button.inner_text()
    button.click()
    panel = page.locator("#NPlusOnePanel")
    panel.get_by_text("Blog.author").first.wait_for()
    text = panel.inner_text()
    assert "SlowBlogAdmin (relations/admin/n_plus_one.py:" in text
    assert "list_select_related = ['author']" in text
    assert "fetch_mode(models.FETCH_PEERS)" in text
