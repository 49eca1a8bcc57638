"""The model map and the Comments comparison in a real browser (headless Chromium)."""

import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.browser


# One test draws the whole map (the most expensive page for the browser), then follows a model's link.
def test_model_map_renders_as_a_diagram_and_a_click_on_a_model_opens_its_changelist(logged_in_page, live_server):
    page = logged_in_page
    page.goto(live_server.url + reverse("admin:lab-model-map"))
    svg = page.locator("#model-map svg")
    svg.wait_for(state="attached")
    assert not page.locator("#model-map-error").is_visible()
    # Mermaid replaced the source with a drawing: the flowchart text is no longer shown.
    assert "flowchart LR" not in page.locator("#model-map").inner_text()
    drawn = svg.locator("g.node").count()
    assert drawn >= len(apps.get_models())
    assert svg.get_by_text("relations.Blog", exact=True).count() == 1
    page.locator("#model-map[data-drawn] svg").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # drawn inside the window

    page.locator("#model-map svg a").filter(has_text="relations.Photo").first.click()
    page.wait_for_url(live_server.url + reverse("admin:relations_photo_changelist"))
    assert page.locator("#result_list tbody tr").count() >= 2


def test_a_diagram_that_cannot_load_mermaid_says_so_and_keeps_its_source(logged_in_page, live_server):
    page = logged_in_page
    page.route("**/mermaid.min.js", lambda route: route.abort())
    page.goto(live_server.url + reverse("admin:lab-model-map"))
    error = page.locator("#model-map-error")
    error.wait_for()
    assert "Mermaid could not be loaded" in error.inner_text()
    assert "flowchart LR" in page.locator("#model-map").inner_text()  # the source, still readable


def test_comments_comparison_page_renders_its_four_tables(logged_in_page, live_server):
    page = logged_in_page
    page.goto(live_server.url + reverse("admin:lab-comments-comparison"))
    for table in ("enforcement-table", "deletion-table", "listing-table", "index-table"):
        assert page.locator(f"#{table}").is_visible()
    dangling = page.locator('[data-measure="delete-photo-generic"]')
    assert dangling.get_attribute("data-value") == "dangling"
    assert page.locator('[data-measure="delete-blog-generic"]').get_attribute("data-value") == "deleted"


def test_show_on_the_map_from_a_change_form_opens_the_focused_diagram(logged_in_page, live_server):
    from relations.models import Parent

    page = logged_in_page
    parent = Parent.objects.get(slug="cascade-demo")
    children = {
        m._meta.label
        for m in apps.get_models()
        if any(f.many_to_one and f.related_model is Parent for f in m._meta.local_fields)
    }
    page.goto(live_server.url + reverse("admin:relations_parent_change", args=[parent.pk]))
    page.get_by_role("link", name="Show on the map").click()
    page.wait_for_url("**/labs/model-map/?focus=relations.Parent")
    svg = page.locator("#model-map[data-drawn] svg")
    svg.wait_for()
    drawn = {label for label in svg.locator("g.node b").all_inner_texts()}
    assert drawn == {"relations.Parent"} | children
    assert page.locator("input[name=focus]").input_value() == "relations.Parent"
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    # Zoom: the + button narrows the drawing's viewBox, Fit shows everything again.
    fitted = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = svg.get_attribute("viewBox")
    assert float(zoomed.split()[2]) < float(fitted.split()[2])
    page.get_by_role("button", name="Fit").click()
    assert svg.get_attribute("viewBox") == fitted
