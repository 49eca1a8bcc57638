"""`make screenshots`: the README's pictures, taken at 1280 px from a real server, so they can be refreshed.

A throwaway SQLite database gets the migrations and the demo data, then `manage.py runserver` serves
it with DEBUG on (the debug toolbar is part of one picture), and the browser tests' Chromium (same
launch arguments, same layout checks) visits each page. Every picture's page must pass the layout
checks of tests/browser/layout.py, or the script stops before writing it.

    .venv/bin/python -m tests.browser.screenshots            # writes docs/img/*.png
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS
from tests.browser.layout import HEIGHT, WIDTH, ConsoleWatch, layout_problems

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "img"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def start_server(env, port):
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("runserver did not start")


# The collapsed toolbar's handle (in its shadow root) must not cover a link, button or the filter sidebar.
HANDLE_COVERS = """() => {
  const handle = document.querySelector('#djDebugRoot').shadowRoot.querySelector('#djDebugToolbarHandle');
  const h = handle.getBoundingClientRect();
  return [...document.querySelectorAll('a, button, input, #changelist-filter')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width && r.left < h.right && r.right > h.left && r.top < h.bottom && r.bottom > h.top;
  }).map(el => el.outerHTML.slice(0, 80));
}"""


def shoot(page, watch, name, min_crumb_links=2):
    page.wait_for_load_state("load")
    problems = layout_problems(page, watch, min_crumb_links=min_crumb_links)
    if problems:
        raise SystemExit(f"{name}: the page does not fit, no picture taken: {problems}")
    page.screenshot(path=str(OUT / f"{name}.png"))
    print(f"docs/img/{name}.png")


def take_pictures(page, base):
    watch = ConsoleWatch().attach(page)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    shoot(page, watch, "index", min_crumb_links=0)

    page.click("#start-here")
    page.wait_for_url("**/start-here/")
    shoot(page, watch, "tour")

    page.locator("#step-1 .tour-links a").first.click()
    page.wait_for_url("**/delete/")
    page.evaluate("document.querySelector('#delete-preview').scrollIntoView()")
    shoot(page, watch, "cascade-preview", min_crumb_links=3)

    page.goto(f"{base}/admin/labs/start-here/")
    page.locator("#step-2 .tour-links a", has_text="PROTECT").click()
    page.wait_for_url("**/delete/")
    shoot(page, watch, "protect-refusal", min_crumb_links=3)

    page.goto(f"{base}/admin/labs/start-here/")
    page.locator("#step-3 .tour-links a").first.click()
    page.wait_for_url("**/relations/blog/")
    page.locator("#djShowToolBarButton").wait_for()
    covered = page.evaluate(HANDLE_COVERS)
    if covered:
        raise SystemExit(f"the toolbar's handle covers {covered}")
    page.click("#djShowToolBarButton")
    page.click("#djDebugToolbar a.SQLPanel")
    page.locator("#SQLPanel .djDebugPanelContent").wait_for()
    page.wait_for_timeout(300)
    shoot(page, watch, "toolbar-sql")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "DATABASE_URL")}
        env.update(DATABASE_URL=f"sqlite:///{tmp}/screenshots.sqlite3", DEBUG="true", DEMO_ADMIN_PASSWORD="admin")
        env.update(DEMO_ADMIN_USERNAME="admin")
        manage(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
        manage(env, "setup_demo", stdout=subprocess.DEVNULL)
        port = free_port()
        server = start_server(env, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
                page = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}).new_page()
                page.set_default_timeout(20_000)
                take_pictures(page, f"http://127.0.0.1:{port}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
