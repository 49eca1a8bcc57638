"""Run a piece of ORM code and record what it really did.

Every lab in this project asks the same question — "what does the ORM really
do here?" — and answers it with this one mechanism:

    capture = run(lambda: blog.delete(), watch=[Blog, Comment])
    capture.queries          # each SQL statement, in order, with rowcount and time
    capture.signals          # each model signal Django sent, with sender and instance
    capture.row_changes      # per watched table: rows before, after, difference
    capture.exception        # what the code raised, if anything (never re-raised)
    capture.inspection       # what inspect() returned: a look at the rows before the rollback

The code runs inside ``transaction.atomic()`` and is rolled back unless
``commit=True``; it is rolled back on every error too. Deferred constraints
(Django creates foreign keys DEFERRABLE INITIALLY DEFERRED on PostgreSQL and
SQLite) are checked before the rollback, so the IntegrityError a commit would
end in is reported instead of being silently discarded.

Signals are recorded by observing ``Signal.send`` rather than by connecting
receivers: a receiver for pre/post_delete would switch off Django's fast
delete and change the very SQL we want to show. ``send`` is wrapped only while
a run records (``playground.labkit.patching``); outside one it is Django's own. Pass ``receivers_for=`` to
connect real receivers on purpose (as an application with listeners would).
Pass ``call_receivers=False`` to record signals without calling the receivers that
are connected: Django still sees them (so it takes the same code path and sends the
same SQL), but side effects a rollback cannot undo (mail, files, caches) never happen.

Queries the capture makes for its own bookkeeping (the deferred-constraint check,
or a lab's ``with internal():`` block) are kept apart in ``internal_queries`` so that
``queries`` is exactly what the code under study sent.

The package: ``records`` (what is recorded), ``queries`` (the statement recorder and
``internal()``), ``signals`` (signal recording), ``runner`` (``run()`` itself).
"""

from playground.labkit.capture.queries import QueryRecorder, internal
from playground.labkit.capture.records import Capture, CapturedQuery, CapturedSignal, RowChange
from playground.labkit.capture.runner import run
from playground.labkit.capture.signals import RECORDED_SIGNALS

__all__ = [
    "RECORDED_SIGNALS",
    "Capture",
    "CapturedQuery",
    "CapturedSignal",
    "QueryRecorder",
    "RowChange",
    "internal",
    "run",
]
