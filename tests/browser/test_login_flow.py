"""Logging in through the real form and reading the demo data, in headless Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_login_form_leads_to_the_lab_index(page, live_server, demo_superuser, settings):
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_url(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", settings.DEMO_ADMIN_USERNAME)
    page.fill("#id_password", settings.DEMO_ADMIN_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#site-name").inner_text() == "Django ORM Playground"
    assert page.get_by_text("Relations and deletion lab").first.is_visible()


def test_blog_changelist_shows_the_demo_rows(index_page, live_server):
    page = index_page
    # The index folds every topic but the first: open "the chapter's Author and Blog", then Blogs.
    page.locator("#app-relations summary", has_text="Author and Blog").click()
    page.locator("#app-relations").get_by_role("link", name="Blogs", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/relations/blog/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 12
    assert page.locator("#result_list").get_by_text("A relational model of data").is_visible()
    assert page.locator("#result_list").get_by_text("Edgar F. Codd").first.is_visible()


def test_wrong_password_is_refused_on_the_form(page, live_server, demo_superuser):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "not-the-password")
    page.click("input[type=submit]")
    assert page.locator(".errornote").is_visible()
    assert page.url.startswith(f"{live_server.url}/admin/login/")
