"""The query lab in headless Chromium: from the admin index to one recipe's SQL."""

import pytest

pytestmark = pytest.mark.browser


def test_the_query_lab_lists_recipes_and_one_shows_its_sql(index_page, live_server):
    page = index_page
    page.click("text=Query lab: recipes with their SQL")
    page.wait_for_url(f"{live_server.url}/admin/labs/query-lab/")
    row = page.locator("#recipe-row-select-related")
    assert row.locator("td.query-count").inner_text() == "1"
    row.locator("a").click()
    page.wait_for_url(f"{live_server.url}/admin/labs/query-lab/?recipe=select-related")
    assert page.locator("pre.source").first.inner_text().startswith("def select_related():")
    sql = page.locator(".capture-sql code").first.inner_text()
    assert sql.startswith("SELECT") and "INNER JOIN" in sql and "relations_author" in sql
    assert page.get_by_text("1 query in").is_visible()


def test_an_async_page_answers_under_the_live_server(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/admin/labs/async-orm/")
    page.click("text=Sync vs async")
    page.wait_for_url(f"{live_server.url}/labs/async/compare/")
    assert page.locator("#same-result").inner_text().startswith("Both return the same rows")
