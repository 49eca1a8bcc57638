"""Exporting from the admin: CSV, XLSX and JSON contents, the changelist action, formula escaping, permissions."""

import csv
import io
import json

import openpyxl
import pytest

from playground.labkit.data_io import escape_formula
from relations.models import Author, Blog
from tests.data_io.helpers import FORMAT_INDEX, admin_url, confirm, grant, preview

pytestmark = pytest.mark.django_db


def export(client, model, fmt, extra=None):
    form = client.get(admin_url(model, "export")).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"format": FORMAT_INDEX[fmt], "resource": "0", **(extra or {})})
    return client.post(admin_url(model, "export"), data)


def csv_rows(response_or_bytes):
    content = getattr(response_or_bytes, "content", response_or_bytes)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_csv_export_lists_every_blog_with_authors_by_email(admin_user_client, demo_data):
    response = export(admin_user_client, Blog, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert len(rows) == Blog.objects.count()
    expected = {(b.title, b.author.email, b.editor.email if b.editor else "") for b in Blog.objects.all()}
    assert {(r["title"], r["author"], r["editor"]) for r in rows} == expected


def test_xlsx_export_has_the_same_rows(admin_user_client, demo_data):
    response = export(admin_user_client, Author, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:2] == ("email", "name")
    assert sorted(row[0] for row in values[1:]) == sorted(Author.objects.values_list("email", flat=True))


def test_json_export_keeps_types_and_text_exactly(admin_user_client, demo_data):
    Author.objects.filter(email="ada@example.com").update(bio="=1+1 is not a formula in JSON")
    data = json.loads(export(admin_user_client, Author, "json").content)
    ada = next(row for row in data if row["email"] == "ada@example.com")
    assert ada["bio"] == "=1+1 is not a formula in JSON"
    adrian = next(row for row in data if row["email"] == "adrian@example.com")
    assert adrian["born_on"] in (None, ""), "an unknown date stays empty, not the string 'None'"


def test_export_round_trips_through_import(admin_user_client, demo_data):
    exported = export(admin_user_client, Author, "csv").content
    Author.objects.all().delete()
    confirm(admin_user_client, Author, preview(admin_user_client, Author, exported))
    by_email = lambda rows: sorted(rows, key=lambda r: r["email"])  # noqa: E731
    assert by_email(csv_rows(export(admin_user_client, Author, "csv"))) == by_email(csv_rows(exported))


def test_changelist_action_exports_only_the_selected_rows(admin_user_client, demo_data):
    chosen = list(Blog.objects.order_by("pk").values_list("pk", flat=True)[:2])
    step1 = admin_user_client.post(
        admin_url(Blog, "changelist"), {"action": "export_admin_action", "_selected_action": chosen}
    )
    assert step1.status_code == 200, "the action shows the export form with the selection"
    form = step1.context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"format": FORMAT_INDEX["csv"], "resource": "0", "export_items": chosen})
    rows = csv_rows(admin_user_client.post(admin_url(Blog, "export"), data))
    assert sorted(int(r["id"]) for r in rows) == chosen


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-42", "-42"),
        ("plain", "plain"),
    ],
)
def test_formula_cells_are_escaped(value, expected):
    assert escape_formula(value) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_in_the_data_reaches_a_spreadsheet_as_text(admin_user_client, demo_data, fmt):
    Author.objects.filter(email="ada@example.com").update(name='=HYPERLINK("http://evil.example","click")')
    Author.objects.filter(email="grace@example.com").update(name="@SUM(A1:A9)")
    response = export(admin_user_client, Author, fmt)
    if fmt == "csv":
        names = {r["email"]: r["name"] for r in csv_rows(response)}
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = [[cell for cell in row] for row in sheet.iter_rows()]
        assert all(cell.data_type != "f" for row in cells for cell in row), "no cell is a formula"
        names = {row[0].value: row[1].value for row in cells[1:]}
    assert names["ada@example.com"] == '\'=HYPERLINK("http://evil.example","click")'
    assert names["grace@example.com"] == "'@SUM(A1:A9)"


# --- Permissions ------------------------------------------------------------------


def test_export_needs_the_view_permission(staff_client, demo_data):
    assert staff_client.get(admin_url(Blog, "export")).status_code == 403
    grant(staff_client.user, "view_blog")
    assert staff_client.get(admin_url(Blog, "export")).status_code == 200


def test_a_viewer_can_export_but_not_import(staff_client, demo_data):
    grant(staff_client.user, "view_blog")
    changelist = staff_client.get(admin_url(Blog, "changelist"))
    assert admin_url(Blog, "export") in changelist.content.decode()
    assert admin_url(Blog, "import") not in changelist.content.decode()
    assert "export_admin_action" in changelist.content.decode()
    assert staff_client.post(admin_url(Blog, "import"), {}).status_code == 403
    assert staff_client.post(admin_url(Blog, "process_import"), {}).status_code == 403


def test_without_view_permission_the_export_action_is_not_offered(staff_client, demo_data):
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = staff_client.user
    assert "export_admin_action" not in admin.site._registry[Blog].get_actions(request)
    grant(staff_client.user, "view_blog")
    request.user = type(staff_client.user).objects.get(pk=staff_client.user.pk)
    assert "export_admin_action" in admin.site._registry[Blog].get_actions(request)
