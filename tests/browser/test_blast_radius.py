"""The blast radius in a real browser at 1280 px: drawn as SVG on both confirmation pages, no sideways scrolling."""

import pytest
from django.urls import reverse

from playground.labkit.deletion import preview_instance_delete
from relations.models import CascadeChild, Parent

pytestmark = pytest.mark.browser


def page_overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_the_delete_page_draws_one_box_per_table_without_widening_the_page(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="mixed-family")
    report = preview_instance_delete(parent)
    tables = {group.table for group in (*report.deleted, *report.updated)}
    page.goto(live_server.url + reverse("admin:relations_parent_delete", args=[parent.pk]))
    svg = page.locator("#blast-radius [data-drawn] svg")
    svg.wait_for()
    assert not page.locator("#blast-radius .diagram-error").is_visible()
    assert svg.locator("g.node").count() == len(tables)
    assert svg.get_by_text("CASCADE · cascade").first.is_visible()
    assert page.viewport_size["width"] == 1280 and not page_overflows(page)
    box = svg.bounding_box()
    assert box["width"] <= 1280 and box["height"] > 100
    assert page.locator("#delete-preview-deleted").is_visible()  # the table form is still there


def test_delete_selected_draws_a_large_delete_by_table(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.create(name="Large family", slug="large-family")
    CascadeChild.objects.bulk_create(CascadeChild(name=f"Child {i}", cascade=parent) for i in range(2_000))
    page.goto(live_server.url + reverse("admin:relations_parent_changelist") + "?q=Large")
    page.locator(f'input[name="_selected_action"][value="{parent.pk}"]').check()
    page.select_option('select[name="action"]', "delete_selected")
    page.locator('button[name="index"]').click()
    svg = page.locator("#blast-radius [data-drawn] svg")
    svg.wait_for()
    assert svg.locator("g.node").count() == 2
    assert svg.get_by_text("2,000 deleted").is_visible()
    assert not page_overflows(page)
