"""Record queries the way django-debug-toolbar's SQL panel does, without the toolbar.

Tests (where the toolbar is never installed) and scripts use this to feed
``diagnose()`` the same fields the panel reads: ``raw_sql``, ``sql``, ``params``,
``alias`` and a ``stacktrace`` of (file, line, function, source line, locals), innermost
first, without Django's database layer (the toolbar hides it too).
"""

from __future__ import annotations

import contextlib
import linecache
import sys

from django.db import connections

_HIDDEN = ("django/db/", "django\\db\\", __file__)


def _stacktrace() -> list[tuple]:
    trace, frame = [], sys._getframe(2)
    while frame is not None:
        path = frame.f_code.co_filename
        if not any(hidden in path for hidden in _HIDDEN):
            line = frame.f_lineno
            trace.append((path, line, frame.f_code.co_name, linecache.getline(path, line).strip(), None))
        frame = frame.f_back
    return trace


@contextlib.contextmanager
def record_queries(using: str = "default"):
    """``with record_queries() as queries:`` — each query run inside, as the SQL panel records it."""
    recorded: list[dict] = []
    connection = connections[using]

    def wrapper(execute, sql, params, many, context):
        recorded.append({"alias": using, "raw_sql": sql, "sql": sql, "params": params, "stacktrace": _stacktrace()})
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield recorded
