"""The debug toolbar shows only with DEBUG on and a local request; never in tests."""

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from playground.toolbar import show_toolbar

BASE_DIR = Path(__file__).resolve().parent.parent


def test_toolbar_is_not_installed_under_tests(admin_user_client):
    assert "debug_toolbar" not in settings.INSTALLED_APPS
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    assert "djDebug" not in html


@pytest.mark.parametrize(
    ("debug", "remote_addr", "shown"),
    [(True, "127.0.0.1", True), (True, "::1", True), (True, "203.0.113.9", False), (False, "127.0.0.1", False)],
)
def test_toolbar_needs_debug_and_a_local_request(settings, debug, remote_addr, shown):
    settings.DEBUG = debug
    request = RequestFactory().get("/admin/", REMOTE_ADDR=remote_addr)
    assert show_toolbar(request) is shown


RENDER_LOGIN_PAGE = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
html = Client().get("/admin/login/").content.decode()
print("djDebug" in html, 'data-default-show="false"' in html, "djdt-NPlusOnePanel" in html)
"""


# One process per environment: starting Django outside the tests costs seconds, and two tests
# read the same page rendered with DEBUG on.
@functools.cache
def render_outside_tests(**env_overrides):
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(DJANGO_SETTINGS_MODULE="playground.settings", **env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", RENDER_LOGIN_PAGE], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    shown, collapsed, panel = result.stdout.split()
    return shown, collapsed, panel


def test_toolbar_and_its_n_plus_one_panel_show_on_admin_pages_when_debug_is_on():
    shown, _, panel = render_outside_tests(DEBUG="true", ALLOWED_HOSTS="testserver")
    assert (shown, panel) == ("True", "True")


def test_toolbar_starts_collapsed_so_it_covers_no_admin_button():
    _, collapsed, _ = render_outside_tests(DEBUG="true", ALLOWED_HOSTS="testserver")
    assert collapsed == "True"


def test_toolbar_and_its_n_plus_one_panel_are_absent_when_debug_is_off():
    shown, _, panel = render_outside_tests(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="testserver")
    assert (shown, panel) == ("False", "False")


def test_the_n_plus_one_panel_is_not_configured_under_tests():
    assert not hasattr(settings, "DEBUG_TOOLBAR_PANELS")
