"""Imports that cannot corrupt: per-row permissions, keys from files, file limits, round trips, error pages."""

import csv
import io
import json
import os
import time
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages

from relations.models import Author, Blog
from tests.conftest import requires_postgres
from tests.data_io.helpers import FORMAT_INDEX, admin_url, confirm, grant, preview, snapshot, upload, xlsx_bytes
from tests.data_io.test_import import page_text

pytestmark = pytest.mark.django_db


def make_author(email, name="Somebody"):
    return Author.objects.create(email=email, name=name)


# --- 1. Per-row permissions -----------------------------------------------------------------


def mixed_authors_csv(existing):
    return f"email,name\n{existing.email},Renamed By Import\nnew-one@example.com,Brand New\n"


def row_errors(response):
    result = response.context["result"]
    return {row.number: " ".join(" ".join(v) for v in row.error_dict.values()) for row in result.invalid_rows}


def test_add_only_user_creates_rows_but_cannot_rewrite_existing_ones(staff_client):
    existing = make_author("kept@example.com", "Kept As Is")
    grant(staff_client.user, "add_author", "view_author")
    before = snapshot()
    response = preview(staff_client, Author, mixed_authors_csv(existing))
    errors = row_errors(response)
    assert list(errors) == [1] and "relations.change_author" in errors[1]
    assert response.context.get("confirm_form") is None
    assert snapshot() == before
    confirm(staff_client, Author, preview(staff_client, Author, "email,name\nnew-one@example.com,Brand New\n"))
    assert Author.objects.filter(email="new-one@example.com").exists()
    assert Author.objects.get(pk=existing.pk).name == "Kept As Is"


def test_change_only_user_updates_rows_but_cannot_create_new_ones(staff_client):
    existing = make_author("kept@example.com", "Kept As Is")
    grant(staff_client.user, "change_author", "view_author")
    assert staff_client.get(admin_url(Author, "import")).status_code == 200, "change alone opens the import page"
    response = preview(staff_client, Author, mixed_authors_csv(existing))
    errors = row_errors(response)
    assert list(errors) == [2] and "relations.add_author" in errors[2]
    assert not Author.objects.filter(email="new-one@example.com").exists()
    confirm(staff_client, Author, preview(staff_client, Author, f"email,name\n{existing.email},Renamed\n"))
    assert Author.objects.get(pk=existing.pk).name == "Renamed"


def test_a_user_with_add_and_change_imports_both_kinds_of_row(staff_client):
    existing = make_author("kept@example.com", "Kept As Is")
    grant(staff_client.user, "add_author", "change_author", "view_author")
    confirm(staff_client, Author, preview(staff_client, Author, mixed_authors_csv(existing)))
    assert Author.objects.get(pk=existing.pk).name == "Renamed By Import"
    assert Author.objects.filter(email="new-one@example.com").exists()


def test_add_only_user_cannot_rewrite_a_blog_by_its_id(staff_client):
    author = make_author("writer@example.com")
    blog = Blog.objects.create(title="Original", author=author)
    grant(staff_client.user, "add_blog", "view_blog")
    response = preview(staff_client, Blog, f"id,title,author\n{blog.pk},Hijacked,writer@example.com\n")
    assert "relations.change_blog" in row_errors(response)[1]
    assert Blog.objects.get(pk=blog.pk).title == "Original"


# --- 2. Keys from files ----------------------------------------------------------------------

MAX_BIGINT = 9223372036854775807


@pytest.mark.parametrize("resource", [0, 1], ids=["save-per-row", "bulk"])
def test_a_key_beyond_what_the_table_used_is_refused_and_creates_keep_working(admin_user_client, resource):
    author = make_author("writer@example.com")
    response = preview(admin_user_client, Blog, f"id,title,author\n{MAX_BIGINT},Far away,writer@example.com\n")
    assert "must be one this table has already used" in page_text(response)
    assert response.context.get("confirm_form") is None
    # A normal import and a normal create still work afterwards.
    confirm(admin_user_client, Blog, preview(admin_user_client, Blog, "title,author\nNear,writer@example.com\n"))
    assert Blog.objects.create(title="Created after", author=author).pk < MAX_BIGINT
    add_page = admin_user_client.get(admin_url(Blog, "add"))
    management = {}
    for inline in add_page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        management.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    fields = {"title": "Through the admin", "author": author.pk, "status": "draft", "views": 0}
    add = admin_user_client.post(admin_url(Blog, "add"), {**fields, **management})
    assert add.status_code == 302, "the admin's Add blog still works"


def test_a_deleted_row_imports_back_under_its_old_id_without_moving_the_sequence(admin_user_client):
    author = make_author("writer@example.com")
    first, second = (Blog.objects.create(title=t, author=author) for t in ("First", "Second"))
    gone = first.pk
    first.delete()
    csv_text = f"id,title,author\n{gone},First again,writer@example.com\n"
    confirm(admin_user_client, Blog, preview(admin_user_client, Blog, csv_text))
    assert Blog.objects.get(pk=gone).title == "First again"
    assert Blog.objects.create(title="Next", author=author).pk > second.pk


@requires_postgres
def test_on_postgresql_the_maximum_bigint_leaves_the_sequence_alone():
    import tablib
    from django.db import connection

    from relations.resources import BlogResource

    author = make_author("writer@example.com")
    dataset = tablib.Dataset(headers=["id", "title", "author"])
    dataset.append([MAX_BIGINT, "Far away", "writer@example.com"])
    dataset.append(["", "Fine", "writer@example.com"])
    # Without rollback_on_validation_errors the library writes the good row and resets the sequence.
    result = BlogResource().import_data(dataset, dry_run=False)
    assert [row.number for row in result.invalid_rows] == [1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('relations_blog', 'id')")
        cursor.execute(f"SELECT last_value FROM {cursor.fetchone()[0]}")
        assert cursor.fetchone()[0] < MAX_BIGINT
    assert Blog.objects.create(title="Still fine", author=author).pk < MAX_BIGINT


# --- 3. File limits that hold --------------------------------------------------------------


SHEET = "xl/worksheets/sheet1.xml"


def small_xlsx_with_many_rows(count):
    """Identical rows compress to almost nothing: 100,000 of them in a few hundred KB.

    openpyxl writes the workbook and its header row; the data rows are written into the sheet
    directly (openpyxl takes seconds over 100,000 of them), with the ``<dimension>`` a spreadsheet
    program writes to say how many rows follow.
    """
    book = openpyxl.Workbook(write_only=True)
    book.create_sheet().append(["email", "name"])
    header_only = io.BytesIO()
    book.save(header_only)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>a@example.com</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>A</t></is></c></row>'
        for r in range(2, count + 2)
    )
    return rewrite_sheet(
        header_only.getvalue(),
        lambda sheet: sheet.replace("<sheetViews>", f'<dimension ref="A1:B{count + 1}"/><sheetViews>', 1).replace(
            "</row></sheetData>", f"</row>{rows}</sheetData>", 1
        ),
    )


def rewrite_sheet(content: bytes, change) -> bytes:
    """The same xlsx with its one sheet's XML passed through ``change`` (which must change it)."""
    src, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == SHEET:
                sheet = data.decode()
                changed = change(sheet)
                assert changed != sheet, "the sheet was not rewritten"
                data = changed.encode()
            dst.writestr(info, data)
    return out.getvalue()


def test_a_small_xlsx_with_100000_rows_is_refused_clearly_within_two_seconds(admin_user_client):
    content = small_xlsx_with_many_rows(100_000)
    assert len(content) < 1024 * 1024, "small as sent: the upload size limit does not see it"
    started = time.perf_counter()
    response = preview(admin_user_client, Author, content, name="many.xlsx", fmt="xlsx")
    elapsed = time.perf_counter() - started
    assert "more than 50,000 rows" in page_text(response) and "IMPORT_MAX_ROWS" in page_text(response)
    assert elapsed < 2, f"refused after {elapsed:.1f}s"
    assert not Author.objects.filter(email="a@example.com").exists()


def test_the_row_limit_holds_even_when_the_xlsx_lies_about_its_size(admin_user_client, settings):
    settings.IMPORT_MAX_ROWS = 10
    # Rewrite the sheet's <dimension> to claim one row: the reader must still count.
    content = rewrite_sheet(
        small_xlsx_with_many_rows(11),
        lambda sheet: sheet.replace('<dimension ref="A1:B12"/>', '<dimension ref="A1:B1"/>'),
    )
    response = preview(admin_user_client, Author, content, name="liar.xlsx", fmt="xlsx")
    assert "more than 10 rows" in page_text(response)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_files_over_the_row_limit_are_refused(admin_user_client, settings, fmt):
    settings.IMPORT_MAX_ROWS = 5
    rows = [{"email": f"p{i}@example.com", "name": f"P{i}"} for i in range(6)]
    content = (
        "email,name\n" + "".join(f"{r['email']},{r['name']}\n" for r in rows) if fmt == "csv" else json.dumps(rows)
    )
    response = preview(admin_user_client, Author, content, name=f"many.{fmt}", fmt=fmt)
    assert "more than 5 rows" in page_text(response)
    assert not Author.objects.filter(email__startswith="p0@").exists()
    settings.IMPORT_MAX_ROWS = 6
    assert preview(admin_user_client, Author, content, name=f"ok.{fmt}", fmt=fmt).context["confirm_form"]


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(admin_user_client, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 2000
    response = preview(admin_user_client, Author, small_xlsx_with_many_rows(200), name="big.xlsx", fmt="xlsx")
    assert "IMPORT_MAX_UNCOMPRESSED_BYTES" in page_text(response)


# --- 7. Export, then import: nothing changes, formulas stay blocked ------------------------

TRICKY = ["-dash-", "=1+2", "@home", "+plus", "'=already quoted", "'plain quote", "-42", "\tTabbed"]


def export(client, model, fmt):
    form = client.get(admin_url(model, "export")).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"format": FORMAT_INDEX[fmt], "resource": "0"})
    return client.post(admin_url(model, "export"), data).content


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("model", [Author, Blog], ids=["authors", "blogs"])
def test_reimporting_an_export_changes_no_row(admin_user_client, fmt, model):
    for i, text in enumerate(TRICKY):
        author = make_author(f"t{i}@example.com", name=text)
        Blog.objects.create(title=text, body=text, author=author, views=i)
    exported = export(admin_user_client, model, fmt)
    result = preview(admin_user_client, model, exported, name=f"export.{fmt}", fmt=fmt).context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    totals = result.totals
    assert (totals["new"], totals["update"], totals["delete"]) == (0, 0, 0), totals
    assert totals["skip"] == model.objects.count()


def test_the_export_still_blocks_formulas_and_the_import_gives_back_the_stored_text(admin_user_client):
    make_author("evil@example.com", name='=HYPERLINK("http://evil.example","x")')
    exported = export(admin_user_client, Author, "csv")
    cells = {r["email"]: r["name"] for r in csv.DictReader(io.StringIO(exported.decode()))}
    assert cells["evil@example.com"].startswith("'="), "exported as text, not as a formula"
    Author.objects.filter(email="evil@example.com").update(name="changed")
    confirm(admin_user_client, Author, preview(admin_user_client, Author, exported))
    assert Author.objects.get(email="evil@example.com").name == '=HYPERLINK("http://evil.example","x")'
    again = export(admin_user_client, Author, "csv").decode()
    assert '\'=HYPERLINK("http://evil.example",""x"")' in again.replace('"""', '""') or "'=HYPERLINK" in again


# --- 8. Error pages: messages, not tracebacks ------------------------------------------------


def test_with_debug_off_an_import_error_page_shows_the_message_but_no_traceback(admin_user_client, settings):
    settings.DEBUG = False
    response = preview(admin_user_client, Author, "email,name,twitter\nx@example.com,X,@x\n")
    text = page_text(response)
    assert "unknown column(s) 'twitter'" in text
    assert "Traceback" not in text and "site-packages" not in text and ".py" not in text


def test_with_debug_on_the_developer_gets_the_traceback(admin_user_client, settings):
    settings.DEBUG = True
    response = preview(admin_user_client, Author, "email,name,twitter\nx@example.com,X,@x\n")
    assert "Traceback" in page_text(response)


def test_a_bad_number_names_the_column_and_the_value(admin_user_client):
    make_author("writer@example.com")
    response = preview(admin_user_client, Blog, "title,author,views\nCounted,writer@example.com,ten\n")
    message = row_errors(response)[1]
    assert "Column 'views', value 'ten': Enter a whole number." in message
    assert "decimal" not in page_text(response) and "ConversionSyntax" not in page_text(response)


# --- 11. Unconfirmed previews leave no files behind -------------------------------------------


@pytest.fixture
def import_tmp(settings, tmp_path):
    settings.IMPORT_TMP_DIR = tmp_path
    return tmp_path


def test_a_new_preview_removes_files_of_previews_nobody_confirmed(admin_user_client, import_tmp):
    preview(admin_user_client, Author, "email,name\nx@example.com,X\n")
    (old,) = list(import_tmp.iterdir())
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    preview(admin_user_client, Author, "email,name\ny@example.com,Y\n")
    remaining = list(import_tmp.iterdir())
    assert old not in remaining and len(remaining) == 1


def test_a_confirmed_import_removes_its_file(admin_user_client, import_tmp):
    confirm(admin_user_client, Author, preview(admin_user_client, Author, "email,name\nx@example.com,X\n"))
    assert list(import_tmp.iterdir()) == []


def test_confirming_an_expired_or_forged_preview_says_so_and_imports_nothing(admin_user_client, import_tmp):
    response = preview(admin_user_client, Author, "email,name\nx@example.com,X\n")
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    for path in import_tmp.iterdir():
        path.unlink()
    for name in (data["import_file_name"], "/etc/passwd", "../../etc/passwd"):
        answer = admin_user_client.post(admin_url(Author, "process_import"), {**data, "import_file_name": name})
        assert answer.status_code == 302
        assert any("Upload it again" in str(m) for m in get_messages(answer.wsgi_request))
    assert not Author.objects.filter(email="x@example.com").exists()


def test_upload_helper_still_builds_files(admin_user_client):
    # The XLSX helper used across the suite still produces files the reader accepts.
    content = xlsx_bytes([["email", "name"], ["h@example.com", "H"]])
    response = preview(admin_user_client, Author, content, name="h.xlsx", fmt="xlsx")
    assert response.context["confirm_form"] is not None
    assert upload("x").size == 1
