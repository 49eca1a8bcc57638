"""Every lab page and every project model's pages fit a 1280 × 800 window, in headless Chromium.

Each part of the walk is one browser context, one login, one tab: its pages are visited in a row
and every problem is collected, so a failure lists all the pages of that part that need fixing.
"""

import time

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from playground.labkit import labs
from tests.browser.layout import HEIGHT, WIDTH, ConsoleWatch, layout_problems
from tests.tables import has_table

pytestmark = pytest.mark.browser

PROJECT_APPS = ("relations", "inheritance", "querylab", "migrations_lab", "users")
# The walk is cut into parts of similar length so that parallel workers can share it;
# relations has the most models, so its models are split by name.
PARTS = ("labs", "relations a-l", "relations m-z", "inheritance", "other apps")


def _part_of(model):
    app, name = model._meta.app_label, model._meta.model_name
    if app == "relations":
        return "relations a-l" if name < "m" else "relations m-z"
    if app == "inheritance":
        return "inheritance"
    return "other apps" if app in PROJECT_APPS else None


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _superuser_request():
    from types import SimpleNamespace

    user = SimpleNamespace(is_active=True, is_staff=True, is_superuser=True, has_perm=lambda *a, **k: True)
    return SimpleNamespace(user=user)


def pages_to_visit(part):
    """(url, breadcrumb links expected) of one part: the lab pages, or each model's changelist,
    change, delete, import and export pages for the apps of that part."""
    if part == "labs":
        return [(reverse(f"admin:{lab.url_name}"), 2) for lab in labs.all_labs()]
    pages = []
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        if _part_of(model) != part:
            continue
        pages.append((admin_url(model, "changelist"), 1))
        # No table here (relations.Parcel on PostgreSQL < 18): only its list, which says why it is empty.
        obj = model._default_manager.order_by("pk").first() if has_table(model) else None
        if obj is not None:
            pages.append((admin_url(model, "change", obj.pk), 2))
            # Read-only admins (the N+1 slow twins) rightly answer 403 on a delete page.
            if admin.site._registry[model].has_delete_permission(_superuser_request()):
                pages.append((admin_url(model, "delete", obj.pk), 3))
        for extra in ("import", "export"):
            try:
                pages.append((admin_url(model, extra), 2))
            except NoReverseMatch:
                pass
    return pages


def test_every_part_is_walked():
    walked = {_part_of(model) for model in admin.site._registry} - {None}
    assert walked == set(PARTS) - {"labs"}


@pytest.mark.parametrize("part", PARTS)
def test_every_page_fits_1280_px_with_padded_linked_breadcrumbs_and_no_console_error(logged_in_page, live_server, part):
    page = logged_in_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    watch = ConsoleWatch().attach(page)
    page.goto(f"{live_server.url}/admin/")
    problems = {"/admin/": layout_problems(page, watch, min_crumb_links=0)}
    started, visited = time.monotonic(), 0
    for url, crumb_links in pages_to_visit(part):
        page.goto(f"{live_server.url}{url}")
        problems[url] = layout_problems(page, watch, min_crumb_links=crumb_links)
        visited += 1
    failures = {url: found for url, found in problems.items() if found}
    assert visited >= 5, f"only {visited} pages visited in {part}"
    assert failures == {}, f"{len(failures)} of {visited} pages in {time.monotonic() - started:.0f} s:\n" + "\n".join(
        f"{url}: {found}" for url, found in failures.items()
    )


def test_the_check_names_what_widens_a_page_and_what_misses_from_its_breadcrumbs(page):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    watch = ConsoleWatch().attach(page)
    page.set_content(
        '<div id="content" style="padding-left: 40px">'
        '<nav class="breadcrumbs" style="margin-left: -40px"><a href="/">Home</a></nav>'
        '<table id="wide-table" style="width: 2000px"><tr><td>wide</td></tr></table></div>'
    )
    problems = layout_problems(page, watch, min_crumb_links=2)
    assert any("px wide in a" in p and "table#wide-table" in p for p in problems), problems
    assert "1 breadcrumb link(s), expected 2" in problems
    assert any("breadcrumbs start at" in p for p in problems), problems


def test_the_check_names_a_stylesheet_and_a_favicon_that_failed_to_load(page, live_server):
    watch = ConsoleWatch().attach(page)
    page.goto(f"{live_server.url}/admin/login/")
    assert layout_problems(page, watch, min_crumb_links=0) == []
    page.evaluate(
        """() => new Promise(loaded => {
          const sheet = Object.assign(document.createElement('link'), {rel: 'stylesheet', href: '/static/missing.css'});
          sheet.onerror = loaded;
          document.head.append(sheet);
          document.querySelector('link[rel~="icon"]').href = '/static/missing.ico';
        })"""
    )
    problems = layout_problems(page, watch, min_crumb_links=0)
    assert f"HTTP 404: {live_server.url}/static/missing.css" in problems
    assert f"HTTP 404: {live_server.url}/static/missing.ico" in problems
