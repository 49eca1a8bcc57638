"""The inheritance lab in a real browser: the polymorphic admin and the comparison page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_polymorphic_parent_admin_lists_mixed_children_and_opens_a_childs_own_form(index_page, live_server):
    page = index_page
    page.click("text=Products (polymorphic)")
    page.wait_for_url(f"{live_server.url}/admin/inheritance/polymorphicproduct/")
    results = page.locator("#result_list")
    assert results.locator("tbody tr").count() == 8
    for kind in ("book (polymorphic)", "album (polymorphic)", "film (polymorphic)"):
        assert results.get_by_text(kind).first.is_visible()

    # The child-type filter narrows the mixed list to one type.
    page.locator("#changelist-filter").get_by_role("link", name="film (polymorphic)").click()
    page.wait_for_url("**/polymorphicproduct/?polymorphic_ctype=*")
    expect(results.locator("tbody tr")).to_have_count(2)

    # A row of the parent's list opens the film's own change form, with the film's fields.
    results.get_by_role("link", name="WarGames").click()
    expect(page.locator("h1")).to_have_text("Change film (polymorphic)")
    assert page.locator("#id_director").input_value() == "John Badham"
    assert page.locator("#id_author").count() == 0


def test_add_on_the_polymorphic_parent_offers_the_child_types(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/admin/inheritance/polymorphicproduct/add/")
    page.get_by_label("book (polymorphic)").check()
    page.locator("input[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("Add book (polymorphic)")
    assert page.locator("#id_author").is_visible() and page.locator("#id_pages").is_visible()


def test_the_comparison_page_renders_and_remeasures_with_another_n(index_page, live_server):
    page = index_page
    page.get_by_role("link", name="Inheritance styles compared").first.click()
    page.wait_for_url(f"{live_server.url}/admin/labs/inheritance-styles/")
    costs = page.locator("#costs")
    assert costs.get_by_role("columnheader", name="django-polymorphic").is_visible()
    polymorphic_list = costs.locator('tr[data-task="list"] td[data-style="polymorphic"]')
    assert polymorphic_list.get_attribute("data-queries") == "4"  # parent rows + book, album, film
    assert "4 queries" in polymorphic_list.inner_text()

    page.fill("#id_n", "1")
    page.click("#n-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/labs/inheritance-styles/?n=1")
    assert polymorphic_list.get_attribute("data-queries") == "2"  # one row: parent + its one type
    assert costs.locator('tr[data-task="list"] td[data-style="multi_table"]').get_attribute("data-queries") == "1"
    assert page.locator("#style-multi_table table[data-table='inheritance_book']").is_visible()
    expect(page.locator("#deletes tbody tr")).to_have_count(5)
