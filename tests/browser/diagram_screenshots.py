"""Screenshots of the diagrams for the docs (``make diagram-screenshots``), 1280 px wide, from the demo data.

Not collected by a plain ``pytest`` run (the file name does not start with ``test_``). Writes
docs/img/blast-radius-cascade.png, docs/img/blast-radius-protect.png and docs/img/model-map-focus.png.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from relations.models import Parent

pytestmark = pytest.mark.browser
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"
WIDTH = 1280


def shoot(page, top_selector: str, bottom_selector: str, name: str) -> Path:
    """The part of the page from one element's top to another's bottom, the window as wide as WIDTH."""
    # The admin's sidebar folded away, as a reader would to look at a diagram.
    if page.locator("#toggle-nav-sidebar").is_visible() and page.locator("#nav-sidebar").is_visible():
        page.click("#toggle-nav-sidebar")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    top = page.locator(top_selector).first.bounding_box()["y"]
    bottom_box = page.locator(bottom_selector).first.bounding_box()
    IMAGES.mkdir(parents=True, exist_ok=True)
    path = IMAGES / name
    clip = {"x": 0, "y": top - 12, "width": WIDTH, "height": bottom_box["y"] + bottom_box["height"] - top + 24}
    page.screenshot(path=str(path), clip=clip)
    return path


def test_screenshot_cascade_blast_radius(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="mixed-family")
    page.goto(live_server.url + reverse("admin:relations_parent_delete", args=[parent.pk]))
    page.locator("#blast-radius [data-drawn] svg").wait_for()
    assert shoot(page, "#delete-preview h2", "#blast-radius", "blast-radius-cascade.png").exists()


def test_screenshot_protect_blast_radius(logged_in_page, live_server):
    page = logged_in_page
    parent = Parent.objects.get(slug="protected")
    page.goto(live_server.url + reverse("admin:relations_parent_delete", args=[parent.pk]))
    page.locator("#blast-radius [data-drawn] svg").wait_for()
    assert shoot(page, "#content h1", "#blast-radius", "blast-radius-protect.png").exists()


def test_screenshot_focused_model_map(logged_in_page, live_server):
    page = logged_in_page
    page.goto(live_server.url + reverse("admin:lab-model-map") + "?focus=relations.Parent&hops=1")
    page.locator("#model-map[data-drawn] svg").wait_for()
    assert shoot(page, "#content h1", "#model-map", "model-map-focus.png").exists()
