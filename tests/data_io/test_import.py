"""Importing through the admin: dry-run preview, confirm, and bad input that changes nothing."""

import html
import json

import pytest
from django.contrib.messages import get_messages

from relations.models import Author, Blog
from relations.resources import AuthorResource, BlogResource
from tests.data_io.helpers import admin_url, confirm, preview, snapshot, xlsx_bytes

pytestmark = pytest.mark.django_db

AUTHORS_CSV = (
    "email,name,bio,born_on\nkaren@example.com,Karen Spärck Jones,IDF.,1935-08-26\nalan@example.com,Alan Kay,,\n"
)


def page_text(response):
    return html.unescape(response.content.decode())


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Happy paths -------------------------------------------------------------------


def test_preview_shows_the_new_rows_and_writes_nothing(admin_user_client, no_demo_data):
    response = preview(admin_user_client, Author, AUTHORS_CSV)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert "Karen Spärck Jones" in response.content.decode()
    assert not Author.objects.exists(), "the preview is a dry run, rolled back"


def test_confirm_after_preview_creates_exactly_the_previewed_rows(admin_user_client, no_demo_data):
    response = confirm(admin_user_client, Author, preview(admin_user_client, Author, AUTHORS_CSV))
    assert response.status_code == 302
    assert sorted(Author.objects.values_list("email", "name", "born_on")) == [
        ("alan@example.com", "Alan Kay", None),
        ("karen@example.com", "Karen Spärck Jones", __import__("datetime").date(1935, 8, 26)),
    ]
    assert any("2 new" in m for m in messages_of(response))


def test_a_known_email_updates_that_author_instead_of_adding_one(admin_user_client, demo_data):
    before = Author.objects.count()
    csv = "email,name\nada@example.com,Augusta Ada King\n"
    result = preview(admin_user_client, Author, csv).context["result"]
    assert [row.import_type for row in result.rows] == ["update"]
    confirm(admin_user_client, Author, preview(admin_user_client, Author, csv))
    assert Author.objects.count() == before
    assert Author.objects.get(email="ada@example.com").name == "Augusta Ada King"


def test_blog_rows_find_author_and_editor_by_email(admin_user_client, demo_data):
    csv = (
        "title,status,author,editor\n"
        "On B-trees,draft,grace@example.com,ted@example.com\n"
        "No editor,draft,ada@example.com,\n"
    )
    confirm(admin_user_client, Blog, preview(admin_user_client, Blog, csv))
    first = Blog.objects.get(title="On B-trees")
    assert (first.author.email, first.editor.email) == ("grace@example.com", "ted@example.com")
    assert Blog.objects.get(title="No editor").editor is None


def test_author_lookups_cost_one_query_for_the_whole_file_not_one_per_row(demo_data):
    import tablib
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    emails = ["ada@example.com", "grace@example.com"] * 50
    rows = "".join(f"Blog {i},draft,{email},\n" for i, email in enumerate(emails))
    data = tablib.Dataset().load("title,status,author,editor\n" + rows, format="csv")
    with CaptureQueriesContext(connection) as ctx:
        result = BlogResource().import_data(data, dry_run=True)
    assert not result.has_validation_errors() and result.totals["new"] == 100
    author_reads = [q["sql"] for q in ctx.captured_queries if 'FROM "relations_author"' in q["sql"]]
    assert len(author_reads) == 1, author_reads[:3]


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_xlsx_and_json_files_import_like_csv(admin_user_client, fmt):
    rows = [["email", "name"], ["edsger@example.com", "Edsger Dijkstra"]]
    content = (
        xlsx_bytes(rows) if fmt == "xlsx" else json.dumps([{"email": "edsger@example.com", "name": "Edsger Dijkstra"}])
    )
    response = preview(admin_user_client, Author, content, name=f"authors.{fmt}", fmt=fmt)
    confirm(admin_user_client, Author, response)
    assert Author.objects.get(email="edsger@example.com").name == "Edsger Dijkstra"


# --- Bad input: a clear message, nothing changed ------------------------------------

BAD_FILES = {
    "unknown-column": (Author, "email,name,twitter\nx@example.com,X,@x\n", "unknown column(s) 'twitter'"),
    "missing-required-column": (Author, "email,bio\nx@example.com,Bio\n", "missing required column(s) 'name'"),
    "missing-key-column": (Author, "name\nNobody\n", "not present in the file headers: email"),
    "unknown-fk": (Blog, "title,author\nLost,nobody@example.com\n", "No author with email 'nobody@example.com'"),
    "invalid-email": (Author, "email,name\nnot-an-email,X\n", "Enter a valid email address."),
    "duplicate-unique": (
        Author,
        "email,name\nsame@example.com,First\nsame@example.com,Second\n",
        "email 'same@example.com' is also on row 1",
    ),
    "wrong-type": (Author, "email,name,born_on\nx@example.com,X,last tuesday\n", "born_on"),
    "prose-not-a-table": (Author, "Dear admin,\nplease add me.\n", "unknown column(s) 'Dear admin'"),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_a_clear_message_and_changes_nothing(admin_user_client, demo_data, case):
    model, content, message = case
    before = snapshot()
    response = preview(admin_user_client, model, content)
    assert message in page_text(response)
    assert response.context.get("confirm_form") is None, "no Confirm button for a file with errors"
    assert snapshot() == before


def test_row_errors_name_the_row_and_the_field(admin_user_client, demo_data):
    csv = "title,author\nFine,ada@example.com\nBroken,nobody@example.com\n"
    response = preview(admin_user_client, Blog, csv)
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert result.invalid_rows[0].field_specific_errors == {
        "author": ["Column 'author': No author with email 'nobody@example.com'."]
    }


def test_a_wrong_encoding_is_named_as_such(admin_user_client, no_demo_data):
    response = preview(admin_user_client, Author, "email,name\nz@example.com,Zoë\n".encode("latin-1"))
    assert "The file is not UTF-8 text (byte 0xeb at position 27" in page_text(response)
    assert not Author.objects.exists()


def test_an_empty_file_is_refused(admin_user_client):
    response = preview(admin_user_client, Author, b"")
    assert "The submitted file is empty." in response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused(admin_user_client, no_demo_data):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    as_csv = preview(admin_user_client, Author, png, name="photo.csv").content.decode()
    as_xlsx = preview(admin_user_client, Author, png, name="photo.xlsx", fmt="xlsx").content.decode()
    assert "The file is not UTF-8 text" in as_csv
    assert "cannot be read as XLSX" in as_xlsx
    assert not Author.objects.exists()


def test_a_20_mb_file_is_refused_before_it_is_read(admin_user_client, monkeypatch, no_demo_data):
    from import_export.formats import base_formats

    def must_not_parse(*args, **kwargs):
        raise AssertionError("a file over the limit must not be parsed")

    monkeypatch.setattr(base_formats.CSV, "create_dataset", must_not_parse)
    line = "someone.{:07d}@example.com,Some One,A biography long enough to make the file big quickly.\n"
    content = "email,name,bio\n" + "".join(line.format(i) for i in range(260_000))
    assert len(content) > 20_000_000
    response = preview(admin_user_client, Author, content)
    assert "the admin imports files of at most 5.0\xa0MB" in page_text(response)
    assert not Author.objects.exists()


def test_the_size_limit_is_a_setting(admin_user_client, settings):
    settings.IMPORT_MAX_FILE_BYTES = 20
    response = preview(admin_user_client, Author, AUTHORS_CSV)
    assert "at most 20\xa0bytes" in response.content.decode()


# --- All or nothing ---------------------------------------------------------------


def test_confirm_rolls_back_every_row_when_one_went_bad_since_the_preview(admin_user_client, demo_data):
    csv = "title,author\nFirst,ada@example.com\nSecond,grace@example.com\n"
    response = preview(admin_user_client, Blog, csv)
    # Between preview and confirm, someone deletes Grace: row 2 is now invalid, row 1 still fine.
    Author.objects.filter(email="grace@example.com").delete()
    before = snapshot()
    response = confirm(admin_user_client, Blog, response)
    assert snapshot() == before, "row 1 must not be committed without row 2"
    assert any("Import rolled back, nothing was changed: 1 row(s) failed" in m for m in messages_of(response))
    assert response["Location"] == admin_url(Blog, "import")


def test_the_library_alone_would_have_kept_the_good_rows(demo_data):
    """Why DataIOAdminMixin passes rollback_on_validation_errors: without it, half a file lands."""
    import tablib

    data = tablib.Dataset().load("title,author\nKept,ada@example.com\nLost,nobody@example.com\n", format="csv")
    result = BlogResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert Blog.objects.filter(title="Kept").exists()


def test_imports_run_in_one_transaction_with_a_savepoint_rollback(demo_data, settings):
    import tablib

    assert settings.IMPORT_EXPORT_USE_TRANSACTIONS is True
    before = snapshot()
    data = tablib.Dataset().load("title,author\nKept?,ada@example.com\nLost,nobody@example.com\n", format="csv")
    result = BlogResource().import_data(data, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    assert snapshot() == before


def test_an_author_file_with_a_bad_row_imports_no_author(demo_data):
    import tablib

    before = snapshot()
    data = tablib.Dataset().load("email,name\nnew@example.com,New\nbad-email,Bad\n", format="csv")
    AuthorResource().import_data(data, dry_run=False, rollback_on_validation_errors=True)
    assert snapshot() == before


# --- Permissions ------------------------------------------------------------------


def test_import_needs_the_add_permission(staff_client):
    from tests.data_io.helpers import grant

    grant(staff_client.user, "view_author")
    assert staff_client.get(admin_url(Author, "import")).status_code == 403
    assert admin_url(Author, "import") not in staff_client.get(admin_url(Author, "changelist")).content.decode()
    grant(staff_client.user, "add_author")
    staff_client.user.refresh_from_db()
    assert staff_client.get(admin_url(Author, "import")).status_code == 200
    assert admin_url(Author, "import") in staff_client.get(admin_url(Author, "changelist")).content.decode()


# --- Many-to-many values -----------------------------------------------------------


def test_the_strict_m2m_widget_resolves_every_value_or_names_the_unknown_ones(demo_data):
    """Shown on Author emails until a real M2M (Blog.tags) exists; the widget is model-agnostic."""
    from playground.labkit.data_io import StrictManyToManyWidget

    widget = StrictManyToManyWidget(Author, field="email", separator="|")
    found = widget.clean("ada@example.com | grace@example.com")
    assert sorted(found.values_list("email", flat=True)) == ["ada@example.com", "grace@example.com"]
    with pytest.raises(ValueError, match="No author with email 'nobody@example.com'"):
        widget.clean("ada@example.com|nobody@example.com")
    assert not widget.clean("").exists()


def test_iso_8601_datetimes_import_as_well_as_the_admin_format(demo_data):
    import datetime as dt

    import tablib

    data = tablib.Dataset().load(
        "title,status,published_at,author\n"
        "Iso,published,2025-03-04T12:00:00+02:00,ada@example.com\n"
        "Plain,published,2025-03-04 12:00:00,ada@example.com\n",
        format="csv",
    )
    result = BlogResource().import_data(data, dry_run=False)
    assert not result.has_validation_errors()
    assert Blog.objects.get(title="Iso").published_at == dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.UTC)
    assert Blog.objects.get(title="Plain").published_at == dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)


def test_the_bulk_resource_imports_the_same_rows_without_sending_signals(admin_user_client, demo_data):
    from django.db.models.signals import post_save

    saved = []

    def receiver(sender, instance, **kwargs):
        saved.append(instance.title)

    post_save.connect(receiver, sender=Blog)
    try:
        csv = "title,status,author\nBulk one,draft,ada@example.com\nBulk two,draft,grace@example.com\n"
        confirm(admin_user_client, Blog, preview(admin_user_client, Blog, csv, resource=1))
        assert sorted(Blog.objects.filter(title__startswith="Bulk").values_list("title", "author__email")) == [
            ("Bulk one", "ada@example.com"),
            ("Bulk two", "grace@example.com"),
        ]
        assert saved == [], "bulk_create sends no post_save"
        response = preview(admin_user_client, Blog, csv.replace("Bulk", "Saved"), resource=0)
        assert sorted(saved) == ["Saved one", "Saved two"], "the dry run saves (and signals), then rolls back"
        saved.clear()
        confirm(admin_user_client, Blog, response)
        assert sorted(saved) == ["Saved one", "Saved two"]
    finally:
        post_save.disconnect(receiver, sender=Blog)


def test_the_bulk_resource_also_refuses_a_bad_file_whole(admin_user_client, demo_data):
    before = snapshot()
    csv = "title,author\nFine,ada@example.com\nLost,nobody@example.com\n"
    response = preview(admin_user_client, Blog, csv, resource=1)
    assert "No author with email 'nobody@example.com'." in page_text(response)
    assert snapshot() == before


def test_a_long_file_is_previewed_without_row_values(admin_user_client, settings):
    settings.IMPORT_PREVIEW_DIFF_MAX_ROWS = 1
    result = preview(admin_user_client, Author, AUTHORS_CSV).context["result"]
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert all(row.diff is None for row in result.rows)
    settings.IMPORT_PREVIEW_DIFF_MAX_ROWS = 10
    result = preview(admin_user_client, Author, AUTHORS_CSV).context["result"]
    assert all(row.diff for row in result.rows)
