"""Connection settings, and a slow query that statement_timeout cancels.

``CONN_MAX_AGE``, ``CONN_HEALTH_CHECKS`` and ``STATEMENT_TIMEOUT_MS`` come from the
environment (``playground/env.py``). The demo sets the limit with
``SET LOCAL statement_timeout`` inside the rolled-back transaction of
``capture.run``, so it behaves the same whatever the environment says and leaves
the connection as it found it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from playground.labkit import capture


@dataclass
class ConnectionSetting:
    name: str
    variable: str
    value: object
    meaning: str


def current_settings(using: str = DEFAULT_DB_ALIAS) -> list[ConnectionSetting]:
    """The values this process is running with, read from settings (not from os.environ)."""
    database = settings.DATABASES[using]
    options = database.get("OPTIONS", {}).get("options", "")
    startup_timeout = next(
        (part.split("=", 1)[1] for part in options.split() if part.startswith("statement_timeout=")), None
    )
    return [
        ConnectionSetting(
            "CONN_MAX_AGE",
            "CONN_MAX_AGE",
            database.get("CONN_MAX_AGE", 0),
            "Seconds a connection is kept for the next request; 0 opens one per request, None keeps it forever.",
        ),
        ConnectionSetting(
            "CONN_HEALTH_CHECKS",
            "CONN_HEALTH_CHECKS",
            database.get("CONN_HEALTH_CHECKS", False),
            "Before reusing a kept connection, check it is still alive (one cheap query per request).",
        ),
        ConnectionSetting(
            "OPTIONS['options'] statement_timeout",
            "STATEMENT_TIMEOUT_MS",
            f"{startup_timeout} ms" if startup_timeout else "not set",
            "PostgreSQL cancels any statement of this connection that runs longer (a startup parameter).",
        ),
    ]


def server_statement_timeout(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """What the server says the limit is for this connection (PostgreSQL), live."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@dataclass
class SlowQueryOutcome:
    sleep_s: float
    timeout_ms: int
    elapsed_s: float
    cancelled: bool
    capture: capture.Capture

    @property
    def message(self) -> str:
        if self.cancelled:
            return (
                f"PostgreSQL cancelled pg_sleep({self.sleep_s:g}) after {self.elapsed_s:.2f} s because "
                f"statement_timeout is {self.timeout_ms} ms. Django raised "
                f"{self.capture.exception_path}: {str(self.capture.exception).strip()}"
            )
        if self.capture.exception is not None:
            return f"The query failed for another reason: {self.capture.exception_path}: {self.capture.exception}"
        return f"pg_sleep({self.sleep_s:g}) finished in {self.elapsed_s:.2f} s, within the {self.timeout_ms} ms limit."


def run_slow_query(sleep_s: float, timeout_ms: int, using: str = DEFAULT_DB_ALIAS) -> SlowQueryOutcome:
    """Sleep on the server under a statement_timeout; report whether it was cancelled."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise ValueError(f"statement_timeout is a PostgreSQL setting; this database is {connection.vendor}.")
    timeout_ms = int(timeout_ms)

    def slow_query():
        with connection.cursor() as cursor:
            # SET cannot take a bind parameter; timeout_ms is an int by now.
            cursor.execute(f"SET LOCAL statement_timeout = {timeout_ms}")
            cursor.execute("SELECT pg_sleep(%s)", [sleep_s])

    started = time.perf_counter()
    result = capture.run(slow_query, using=using, record_own_savepoint=False, check_constraints=False)
    elapsed = time.perf_counter() - started
    cancelled = isinstance(result.exception, OperationalError) and "statement timeout" in str(result.exception)
    return SlowQueryOutcome(sleep_s, timeout_ms, elapsed, cancelled, result)
