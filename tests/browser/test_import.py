"""Importing a CSV in a real browser: upload, read the dry-run preview, confirm, see the rows."""

import pytest
from playwright.sync_api import expect

from relations.models import Blog

pytestmark = pytest.mark.browser

CSV = (
    "title,status,author,editor\n"
    "Imported through the browser,draft,grace@example.com,ted@example.com\n"
    "A second imported blog,draft,ada@example.com,\n"
)


def test_upload_preview_confirm_and_see_the_rows(logged_in_page, live_server, tmp_path):
    page = logged_in_page
    upload = tmp_path / "blogs.csv"
    upload.write_text(CSV, encoding="utf-8")

    page.goto(f"{live_server.url}/admin/relations/blog/")
    page.click("a.import_link")
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.click("input[type=submit][value=Submit]")

    preview = page.locator("table.import-preview")
    expect(preview.get_by_text("Imported through the browser")).to_be_visible()
    expect(preview.locator("tbody tr")).to_have_count(2)
    assert not Blog.objects.filter(title="Imported through the browser").exists(), "the preview wrote nothing"

    page.click("input[name=confirm]")
    page.wait_for_url(f"{live_server.url}/admin/relations/blog/")
    expect(page.locator(".messagelist")).to_contain_text("2 new")
    expect(page.locator("#result_list").get_by_text("Imported through the browser")).to_be_visible()
    assert Blog.objects.get(title="Imported through the browser").editor.email == "ted@example.com"


def test_a_file_with_an_unknown_author_shows_the_row_error_and_no_confirm_button(logged_in_page, live_server, tmp_path):
    page = logged_in_page
    upload = tmp_path / "bad.csv"
    upload.write_text("title,author\nOrphan,nobody@example.com\n", encoding="utf-8")
    before = Blog.objects.count()

    page.goto(f"{live_server.url}/admin/relations/blog/import/")
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.click("input[type=submit][value=Submit]")

    expect(page.get_by_text("No author with email 'nobody@example.com'.").first).to_be_visible()
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    assert Blog.objects.count() == before
