"""Reading the environment: the one place that turns variables into settings.

django-environ parses the values; this module adds the rules that are ours
(a SQLite default, PostgreSQL connection options, errors that name the
variable at fault) so that settings.py stays a flat list of decisions.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_SCHEMES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
}


def database_from_env(env: environ.Env, base_dir: Path) -> dict:
    """Return the DATABASES["default"] dict for DATABASE_URL (SQLite if unset)."""
    url = env.str("DATABASE_URL", default="").strip()
    if not url:
        url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    scheme = urlsplit(url).scheme if "://" in url else ""
    if scheme not in SUPPORTED_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: {_redact(url)!r}. Expected "
            "'sqlite:///path/to/file.sqlite3' or 'postgres://user:password@host:5432/name' "
            f"(supported schemes: {', '.join(sorted(SUPPORTED_SCHEMES))})."
        )
    try:
        config = environ.Env.db_url_config(url)
    except (ValueError, KeyError) as err:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {_redact(url)!r} ({err}).") from err
    if config["ENGINE"] == SUPPORTED_SCHEMES["postgres"]:
        if not config.get("NAME"):
            raise ImproperlyConfigured(
                f"DATABASE_URL is malformed: {_redact(url)!r} names no database "
                "(add it after the host, e.g. postgres://root@127.0.0.1:5432/playground)."
            )
        config.setdefault("OPTIONS", {})
        timeout_ms = env.int("STATEMENT_TIMEOUT_MS", default=0)
        if timeout_ms:
            # Sent as a startup parameter, so it applies to every statement of every connection.
            config["OPTIONS"]["options"] = f"-c statement_timeout={timeout_ms}"
        config["OPTIONS"].setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5))
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
    config["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
    return config


def _redact(url: str) -> str:
    """Hide a password before a URL goes into an error message."""
    parts = urlsplit(url) if "://" in url else None
    if parts and parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
