"""What keeps a 10,000-row import quick: a short preview, a bulk preview that only checks,
one history entry for a big import, and integers parsed without a detour."""

import html

import pytest
import tablib
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from import_export.widgets import IntegerWidget

from playground.labkit.data_io import PlainIntegerWidget
from relations.models import Author, Blog
from relations.resources import AuthorResource, BlogResource
from tests.data_io.helpers import confirm, preview

pytestmark = pytest.mark.django_db


def blogs_csv(count, prefix="Row"):
    lines = "".join(f"{prefix} {i},draft,{10 * i},ada@example.com\n" for i in range(count))
    return "title,status,views,author\n" + lines


def inserts_into_blogs(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "relations_blog"')]


def test_the_bulk_preview_checks_every_row_without_writing_them(admin_user_client, demo_data):
    with CaptureQueriesContext(connection) as ctx:
        response = preview(admin_user_client, Blog, blogs_csv(3), resource=1)
    assert [row.import_type for row in response.context["result"].rows] == ["new", "new", "new"]
    assert inserts_into_blogs(ctx.captured_queries) == [], "nothing to roll back: no INSERT was sent"
    with CaptureQueriesContext(connection) as ctx:
        confirm(admin_user_client, Blog, response)
    assert len(inserts_into_blogs(ctx.captured_queries)) == 1, "one bulk INSERT on confirm"
    assert sorted(Blog.objects.filter(title__startswith="Row ").values_list("views", flat=True)) == [0, 10, 20]


def test_the_bulk_preview_still_reports_what_full_clean_finds(admin_user_client, demo_data):
    csv = "title,status,author\nFine,draft,ada@example.com\nOdd,archived,ada@example.com\n"
    response = preview(admin_user_client, Blog, csv, resource=1)
    assert "Value 'archived' is not a valid choice." in html.unescape(response.content.decode())
    assert "confirm_form" not in response.context, "no Confirm button"


def test_the_per_row_preview_still_writes_and_rolls_back(admin_user_client, demo_data):
    with CaptureQueriesContext(connection) as ctx:
        preview(admin_user_client, Blog, blogs_csv(2), resource=0)
    assert len(inserts_into_blogs(ctx.captured_queries)) == 2
    assert not Blog.objects.filter(title__startswith="Row ").exists()


def test_a_long_preview_lists_the_first_rows_and_says_how_many_more_were_checked(
    admin_user_client, demo_data, settings
):
    settings.IMPORT_PREVIEW_DIFF_MAX_ROWS = 2
    response = preview(admin_user_client, Blog, blogs_csv(5), resource=1)
    text = html.unescape(response.content.decode())
    assert "5 new, 0 updated, 0 unchanged, 0 deleted." in text
    assert "Showing the first 2 rows; 3 more were checked and are not listed." in text
    assert text.count('<tr class="new">') == 2
    confirm(admin_user_client, Blog, response)
    assert Blog.objects.filter(title__startswith="Row ").count() == 5, "all rows are imported, not only those shown"


def test_a_short_preview_lists_every_row(admin_user_client, demo_data):
    text = html.unescape(preview(admin_user_client, Blog, blogs_csv(3), resource=1).content.decode())
    assert text.count('<tr class="new">') == 3 and "more were checked" not in text


def test_each_imported_row_gets_its_history_entry_up_to_the_limit(admin_user_client, demo_data, settings):
    settings.IMPORT_LOG_ENTRY_MAX_ROWS = 3
    confirm(admin_user_client, Blog, preview(admin_user_client, Blog, blogs_csv(3), resource=1))
    entries = LogEntry.objects.filter(content_type__model="blog", action_flag=ADDITION)
    assert sorted(entries.values_list("object_repr", flat=True)) == ["Row 0", "Row 1", "Row 2"]


def test_a_big_import_gets_one_history_entry_that_counts_its_rows(admin_user_client, demo_data, settings):
    settings.IMPORT_LOG_ENTRY_MAX_ROWS = 3
    confirm(admin_user_client, Blog, preview(admin_user_client, Blog, blogs_csv(4), resource=1))
    entry = LogEntry.objects.get(content_type__model="blog")
    assert entry.object_repr == "4 blogs imported"
    assert entry.action_flag == ADDITION and entry.object_id is None
    assert "4 new, 0 updated" in entry.change_message


def outcome(widget, value):
    try:
        return "value", widget.clean(value)
    except (ValueError, ArithmeticError):  # the library lets decimal.InvalidOperation through
        return "error", None


@pytest.mark.parametrize(
    "value", ["42", " 7 ", "-3", "0", 12, "1,234", "4e3", "1.0", "", None, "  ", "abc", "12a", "--1", "٣"]
)
def test_the_integer_fast_path_reads_numbers_as_the_library_does(value):
    assert outcome(PlainIntegerWidget(), value) == outcome(IntegerWidget(), value)


def authors_as_csv():
    dataset = AuthorResource().export(Author.objects.order_by("email"))
    return dataset.csv


def test_unchanged_rows_write_no_history_however_many(admin_user_client, demo_data, settings):
    settings.IMPORT_LOG_ENTRY_MAX_ROWS = 1
    assert Author.objects.count() > 1
    confirm(admin_user_client, Author, preview(admin_user_client, Author, authors_as_csv()))
    assert not LogEntry.objects.filter(content_type__model="author").exists()


def test_one_new_row_among_unchanged_ones_gets_its_own_history_entry(admin_user_client, demo_data, settings):
    settings.IMPORT_LOG_ENTRY_MAX_ROWS = 1
    csv = authors_as_csv() + "new.person@example.com,New Person,,\r\n"
    confirm(admin_user_client, Author, preview(admin_user_client, Author, csv))
    entry = LogEntry.objects.get(content_type__model="author")
    assert (entry.object_repr, entry.action_flag) == ("New Person", ADDITION)


def test_a_header_with_spaces_around_a_name_is_that_column(demo_data):
    data = tablib.Dataset().load(" title ,author,views \nSpaced,ada@example.com,5\n", format="csv")
    result = BlogResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Blog.objects.get(title="Spaced").views == 5
