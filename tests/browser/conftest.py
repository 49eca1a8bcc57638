"""A real headless Chromium (Debian's package) driven by Playwright, against live_server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# here (creating rows, checking them afterwards) are ordinary blocking calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium package.")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def demo_superuser(transactional_db, settings):
    """The demo superuser, committed; the demo rows are already there (tests/conftest.py)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        username=settings.DEMO_ADMIN_USERNAME, email=settings.DEMO_ADMIN_EMAIL, password=settings.DEMO_ADMIN_PASSWORD
    )


@pytest.fixture
def logged_in_page(page, live_server, demo_superuser, settings):
    """A page whose browser already holds the demo superuser's session cookie; it shows nothing yet.

    The session is made as ``Client.force_login`` makes it: the login form itself is walked in
    tests/browser/test_login_flow.py, and walking it again before every test costs two page loads.
    """
    from django.test import Client

    client = Client()
    client.force_login(demo_superuser)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


@pytest.fixture
def index_page(logged_in_page, live_server):
    """A logged-in page on the admin index, where a learner starts."""
    logged_in_page.goto(f"{live_server.url}/admin/")
    return logged_in_page
