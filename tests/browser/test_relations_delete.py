"""Deleting in the admin, in headless Chromium: CASCADE with its preview, PROTECT refused, SET_NULL."""

import pytest

from relations.models import CascadeChild, CascadeGrandchild, Parent, ProtectChild, SetNullChild

pytestmark = pytest.mark.browser


def open_delete_page(page, live_server, parent):
    page.goto(f"{live_server.url}/admin/relations/parent/{parent.pk}/change/")
    page.click("a.deletelink")
    page.wait_for_url(f"{live_server.url}/admin/relations/parent/{parent.pk}/delete/")


def test_deleting_a_cascade_parent_lists_the_children_previews_the_sql_and_removes_them(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="cascade-demo")
    children = list(CascadeChild.objects.filter(cascade=parent).values_list("pk", flat=True))
    open_delete_page(page, live_server, parent)

    django_list = page.locator("#deleted-objects")
    for name in ("Cascade child A", "Cascade child B", "Grandchild A1"):
        assert django_list.get_by_text(name).first.is_visible()
    sql = page.locator("#delete-preview-sql").inner_text()
    assert 'DELETE FROM "relations_cascadegrandchild"' in sql
    assert 'DELETE FROM "relations_cascadechild"' in sql
    assert 'DELETE FROM "relations_parent"' in sql
    assert "rolled back" in page.locator("#delete-preview").inner_text()
    assert Parent.objects.filter(pk=parent.pk).exists()  # looking changed nothing

    page.get_by_role("button", name="Yes, I’m sure").click()
    page.wait_for_url(f"{live_server.url}/admin/relations/parent/")
    assert "was deleted successfully" in page.locator("ul.messagelist").inner_text()
    assert not Parent.objects.filter(pk=parent.pk).exists()
    assert not CascadeChild.objects.filter(pk__in=children).exists()
    assert not CascadeGrandchild.objects.filter(cascade__in=children).exists()


def test_a_protected_parent_cannot_be_deleted_and_the_page_names_the_protecting_rows(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="protected")
    open_delete_page(page, live_server, parent)

    content = page.locator("#content").inner_text()
    assert "would require deleting the following protected related objects" in content
    blockers = page.locator("#delete-preview-blocking").inner_text()
    assert "PROTECT" in blockers and "Protect child A" in blockers and "Protect child B" in blockers
    assert page.get_by_role("button", name="Yes, I’m sure").count() == 0
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert ProtectChild.objects.filter(protect=parent).count() == 2


def test_deleting_a_set_null_parent_leaves_the_children_with_an_empty_parent(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="set-null-demo")
    children = list(SetNullChild.objects.filter(set_null=parent).order_by("pk"))
    open_delete_page(page, live_server, parent)
    updated = page.locator("#delete-preview-updated").inner_text()
    assert "relations_setnullchild.set_null_id" in updated and "NULL" in updated

    page.get_by_role("button", name="Yes, I’m sure").click()
    page.wait_for_url(f"{live_server.url}/admin/relations/parent/")
    page.goto(f"{live_server.url}/admin/relations/setnullchild/")
    for child in children:
        row = page.locator("#result_list tbody tr", has_text=child.name)
        assert row.locator("td.field-set_null").inner_text().strip() == "-"
    assert set(SetNullChild.objects.filter(pk__in=[c.pk for c in children]).values_list("set_null", flat=True)) == {
        None
    }
