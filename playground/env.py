"""Reading the environment: the one place that turns variables into settings.

django-environ parses the values; this module adds the rules that are ours
(a SQLite default, PostgreSQL connection options, errors that name the
variable at fault) so that settings.py stays a flat list of decisions.
"""

import re
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
    try:
        scheme = urlsplit(url).scheme if "://" in url else ""
    except ValueError:  # e.g. "Invalid IPv6 URL" for an unclosed "["
        scheme = ""
    if scheme not in SUPPORTED_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: {_redact(url)!r}. Expected "
            "'sqlite:///path/to/file.sqlite3' or 'postgres://user:password@host:5432/name' "
            f"(supported schemes: {', '.join(sorted(SUPPORTED_SCHEMES))})."
        )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as err:  # noqa: BLE001 — whatever the parser raises, reworded without the URL's secrets
        # Not the parser's own text: it may quote a piece of the password (a password with
        # a "/" in it is read as a port, and "Port could not be cast…" repeats it).
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: {_redact(url)!r} ({type(err).__name__} while parsing it; "
            "check the port, and percent-encode '@', '/', ':' and '#' inside the password)."
        ) from None
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
    """Hide credentials before a URL goes into an error message, however malformed it is.

    Whatever stands before the last ``@`` (after a well-formed scheme, if there is one) is
    user information, whether or not a parser would read it as such
    (``postgres:alice:pw@host``, ``postgres//alice:pw@host``, a password containing ``/``
    or ``@``). Without an ``@``, anything after a ``:`` that is not a port number may be a
    password typed where the host should be (``postgres://alice:pw``). A query string's
    ``password=`` is hidden too.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or not _SCHEME.fullmatch(scheme):
        scheme, sep, rest = "", "", url
    if "@" in rest:
        rest = "***@" + rest.rsplit("@", 1)[1]
    else:
        host, slash, path = rest.partition("/")
        rest = _NOT_A_PORT.sub(":***", host) + slash + path
    rest = _PASSWORD_PARAM.sub(r"\1***", rest)
    return f"{scheme}{sep}{rest}"


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_NOT_A_PORT = re.compile(r":(?!\d+(?::|$))[^:]*")
_PASSWORD_PARAM = re.compile(r"((?:password|passwd|pwd|pass)=)[^&#]*", re.IGNORECASE)
