"""The migrations page in headless Chromium: reached from the index, showing a known migration's SQL."""

import pytest
from django.db import connection

from playground.migrations_lab.history import read_history

pytestmark = pytest.mark.browser


def test_migrations_page_is_linked_from_the_index_and_shows_a_migrations_sql(index_page, live_server):
    page = index_page
    page.click("text=Migrations: history, SQL and what each teaches")
    page.wait_for_url(f"{live_server.url}/admin/labs/migrations/")
    assert page.locator("h1").inner_text() == "Migrations: history, SQL and what each teaches"

    row = page.locator("#m-migrations_lab-0009_releasenote_release_db_cascade")
    assert row.get_attribute("class") == "applied"
    row.locator("summary", has_text="SQL").click()
    sql = row.locator("pre.sql")
    assert sql.is_visible()
    assert "ON DELETE CASCADE" in sql.inner_text()
    assert (
        sql.inner_text().strip()
        == read_history(connection.alias).get("migrations_lab", "0009_releasenote_release_db_cascade").sql_text.strip()
    )


def test_rename_comparison_sits_side_by_side(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/admin/labs/migrations/?app=migrations_lab")
    assert 'RENAME COLUMN "summary" TO "title"' in page.locator("#rename-sql").inner_text()
    assert 'DROP COLUMN "summary"' in page.locator("#remove-add-sql").inner_text()
    assert page.locator("#m-relations-0001_author_and_blog").count() == 0
