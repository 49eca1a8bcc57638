"""Production mode (DEBUG off): no default superuser, a clean `check --deploy`, 500s logged with tracebacks."""

import functools
import json
import os
import secrets
import string
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(**overrides):
    alphabet = string.ascii_letters + string.digits + "!@%^&*(-_=+)"
    # Not the test process's own switches either: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE,
    # which a deployment must not (check --deploy says async.E001).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "DEMO_ADMIN")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(DEBUG="false", SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)), **overrides)
    return env


def run_python(code, **overrides):
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=BASE_DIR,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_debug_off_prints_no_warning():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        # A GeneratedField's system check asks the database for its version: give the check a
        # database that always exists (the suite's DATABASE_URL names one only its test copy has).
        env=production_env(DATABASE_URL="sqlite://:memory:"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout, result.stderr + result.stdout
    assert "no issues" in result.stdout


PRODUCTION_SETTINGS = """
    import django, json, os
    os.environ["DJANGO_SETTINGS_MODULE"] = "playground.settings"
    django.setup()
    from django.conf import settings as s
    print(json.dumps({
        "https": [s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0],
        "demo_password": s.DEMO_ADMIN_PASSWORD,
        "production_mode": s.PRODUCTION_MODE,
    }))
"""


# One process per environment: two tests read the settings of the default production environment.
@functools.cache
def production_settings(secure_https=None):
    result = run_python(PRODUCTION_SETTINGS, **({} if secure_https is None else {"SECURE_HTTPS": secure_https}))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_settings_are_on_by_default_with_debug_off_and_switch_off_for_plain_http():
    assert production_settings()["https"] == [True] * 4
    assert production_settings(secure_https="false")["https"] == [False] * 4


def test_a_500_with_debug_off_leaves_its_traceback_on_the_console():
    result = run_python(
        """
        import os, sys, types
        os.environ["DJANGO_SETTINGS_MODULE"] = "playground.settings"
        import django
        django.setup()
        from django.urls import path
        def broken(request):
            raise RuntimeError("the view broke")
        urls = types.ModuleType("broken_urls")
        urls.urlpatterns = [path("broken/", broken)]
        sys.modules["broken_urls"] = urls
        from django.test import Client
        from django.test.utils import override_settings
        with override_settings(ROOT_URLCONF="broken_urls", ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            print(Client(raise_request_exception=False).get("/broken/").status_code)
        """
    )
    assert result.stdout.strip() == "500"
    assert "Internal Server Error: /broken/" in result.stderr
    assert "Traceback" in result.stderr and "RuntimeError: the view broke" in result.stderr


def test_production_mode_has_no_default_demo_password():
    found = production_settings()
    assert (found["demo_password"], found["production_mode"]) == ("", True)


def setup_demo():
    out = StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_setup_demo_in_production_mode_without_a_password_creates_no_superuser_and_says_how(settings):
    settings.PRODUCTION_MODE, settings.DEMO_ADMIN_USERNAME, settings.DEMO_ADMIN_PASSWORD = True, "prod-admin", ""
    output = setup_demo()
    assert "No demo superuser created" in output and "DEMO_ADMIN_PASSWORD" in output
    assert not get_user_model().objects.filter(username="prod-admin").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["admin", "12345678", "password", "prod-admin"])
def test_setup_demo_in_production_mode_refuses_a_password_the_validators_refuse(settings, weak):
    settings.PRODUCTION_MODE, settings.DEMO_ADMIN_USERNAME, settings.DEMO_ADMIN_PASSWORD = True, "prod-admin", weak
    output = setup_demo()
    assert "DEMO_ADMIN_PASSWORD is refused" in output
    assert not get_user_model().objects.filter(username="prod-admin").exists()


@pytest.mark.django_db
def test_setup_demo_in_production_mode_accepts_a_strong_password_and_never_prints_it(settings):
    strong = "plum-" + secrets.token_urlsafe(12)
    settings.PRODUCTION_MODE, settings.DEMO_ADMIN_USERNAME, settings.DEMO_ADMIN_PASSWORD = True, "prod-admin", strong
    output = setup_demo()
    assert strong not in output
    user = get_user_model().objects.get(username="prod-admin")
    assert user.is_superuser and user.check_password(strong)
