"""Settings come from the environment; bad values fail with a message naming the variable."""

import os
import subprocess
import sys
import traceback
from pathlib import Path

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from playground.env import database_from_env

BASE_DIR = Path(__file__).resolve().parent.parent


def settings_for(monkeypatch, **variables):
    for name in ("DATABASE_URL", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "STATEMENT_TIMEOUT_MS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return database_from_env(environ.Env(), BASE_DIR)


def test_no_database_url_means_a_sqlite_file_beside_manage_py(monkeypatch):
    config = settings_for(monkeypatch)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_postgres_url_selects_psycopg2_with_connection_settings(monkeypatch):
    config = settings_for(
        monkeypatch,
        DATABASE_URL="postgres://alice:secret@db.local:6543/shop",
        CONN_MAX_AGE="60",
        CONN_HEALTH_CHECKS="true",
        STATEMENT_TIMEOUT_MS="2500",
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("shop", "alice", "secret")
    assert (config["HOST"], config["PORT"]) == ("db.local", 6543)
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["options"] == "-c statement_timeout=2500"


def test_statement_timeout_is_not_set_unless_asked(monkeypatch):
    config = settings_for(monkeypatch, DATABASE_URL="postgres://root@127.0.0.1:5432/playground")
    assert "options" not in config["OPTIONS"]
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    "url",
    ["postgress://root@localhost/db", "just-a-hostname", "mysql//missing-colon", "postgres://root@localhost:5432"],
)
def test_malformed_database_url_names_the_variable(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is malformed"):
        settings_for(monkeypatch, DATABASE_URL=url)


def test_malformed_database_url_hides_the_password(monkeypatch):
    with pytest.raises(ImproperlyConfigured) as info:
        settings_for(monkeypatch, DATABASE_URL="postgress://root:hunter2@localhost/db")
    assert "hunter2" not in str(info.value)


def run_manage(*args, **env_overrides):
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_manage_py_refuses_a_malformed_database_url_in_one_clear_line():
    result = run_manage("check", DATABASE_URL="postgress://root@localhost/db")
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr


def test_debug_off_without_secret_key_is_refused():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**env, "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_setup_demo_against_an_unreachable_database_says_so():
    # Port 9 on loopback: nothing listens there, so the connection is refused at once.
    result = run_manage("setup_demo", DATABASE_URL="postgres://root@127.0.0.1:9/nowhere")
    assert result.returncode != 0
    assert "Cannot connect to the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_use_tz_and_fixture_dirs(settings):
    assert settings.USE_TZ is True
    assert [Path(d) for d in settings.FIXTURE_DIRS] == [BASE_DIR / "fixtures"]


def test_tests_hash_passwords_with_a_fast_hasher(settings):
    # Hundreds of tests create users; PBKDF2's deliberate slowness would cost minutes.
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_outside_tests_passwords_use_djangos_default_hasher():
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    code = "from django.contrib.auth.hashers import get_hasher; print(get_hasher().algorithm)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pbkdf2_sha256"


@pytest.mark.parametrize(
    "url",
    [
        "postgress://root:hunter2@localhost/db",  # unknown scheme
        "postgres:root:hunter2@localhost/db",  # no "://"
        "postgres//root:hunter2@localhost/db",  # no ":" after the scheme
        "root:hunter2@localhost/db",  # no scheme at all
        "postgres://root:hun/ter2@localhost/db",  # an unencoded "/" makes the password look like a port
        "postgres://root:hunter2@localhost:notaport/db",  # a port that is not a number
        "postgres://root:hunter2",  # host forgotten: the password reads as a port
        "postgres://root:hun@ter2@localhost",  # an unencoded "@", and no database name
        "postgres://[root:hunter2@localhost/db",  # an unclosed IPv6 bracket
        "postgres://localhost/?password=hunter2",  # a password as a parameter, no database name
    ],
)
def test_no_malformed_database_url_prints_its_password(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured) as info:
        settings_for(monkeypatch, DATABASE_URL=url)
    assert "DATABASE_URL is malformed" in str(info.value)
    # What manage.py would print: the message and every chained exception of the traceback.
    printed = "".join(traceback.format_exception(info.value))
    assert "hunter2" not in printed and "hun/" not in printed and "hun@" not in printed
