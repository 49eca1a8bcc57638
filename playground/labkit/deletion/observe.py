"""``observe_delete()``: run a delete once, rolled back, and return its ``DeleteReport``.

The delete runs through ``playground.labkit.capture.run`` (SQL, signals, row counts, the
IntegrityError a commit would raise). To see what the collector gathered, Django's
``Collector.delete`` is wrapped — only inside ``observing()``, which puts it back on the
way out (``playground.labkit.patching``): outside an observation, Django is untouched.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from playground.labkit.capture import internal, run
from playground.labkit.deletion.collector import CollectorObserver
from playground.labkit.deletion.commit import flush_pending_checks
from playground.labkit.deletion.report import BY_DJANGO, BY_FAST_PATH, DeleteReport, Tracked, outcome_of
from playground.labkit.deletion.rows import blocking_groups, field_default, reachable_tables
from playground.labkit.patching import scoped_patch

ROW_LIMIT = 10  # rows listed per table

_observer: contextvars.ContextVar[CollectorObserver | None] = contextvars.ContextVar("delete_observer", default=None)


@dataclass
class Track:
    """Rows to follow through a delete: found by ``queryset`` before it, compared by ``column`` after.

    ``points_to``/``to_field`` name what the column refers to (to tell "unchanged" from
    "dangling"); ``default`` is the value SET_DEFAULT would write.
    """

    name: str
    queryset: models.QuerySet
    column: str
    points_to: type[models.Model]
    to_field: str = "pk"
    default: Any = None

    @classmethod
    def foreign_key(cls, name: str, queryset: models.QuerySet, fk: models.ForeignKey) -> Track:
        """Follow ``queryset``'s rows by their foreign key ``fk``."""
        return cls(name, queryset, fk.attname, fk.remote_field.model, fk.target_field.attname, field_default(fk))

    def read(self, pks=None) -> dict[Any, Any]:
        rows = self.queryset if pks is None else self.queryset.model._base_manager.filter(pk__in=pks)
        return dict(rows.using(self.queryset.db).values_list("pk", self.column))

    def look_after(self, before: dict) -> tuple[dict, bool]:
        """The rows' references now, and whether every row an unchanged reference names still exists."""
        after = self.read(list(before))
        kept = {value for pk, value in after.items() if before.get(pk) == value} - {None}
        manager = self.points_to._base_manager.using(self.queryset.db)
        return after, not kept or manager.filter(**{f"{self.to_field}__in": kept}).count() == len(kept)


def observe_delete(
    action: Callable[[], Any],
    model: type[models.Model],
    *,
    using: str,
    row_limit: int = ROW_LIMIT,
    watch: Iterable[type[models.Model] | str] = (),
    track: Iterable[Track] = (),
    receivers_for: Iterable[type[models.Model]] = (),
    call_receivers: bool = False,
    inspect: Callable[[], Any] | None = None,
) -> DeleteReport:
    """Run ``action`` (a delete of ``model`` rows) in a rolled-back transaction and report what it did.

    ``watch`` adds tables to the row counts (the model's own and every table the database
    can cascade into are always counted); ``track`` follows chosen rows (``Track``);
    ``receivers_for`` connects pre/post_delete receivers, as an application with listeners
    would; receivers are not called unless ``call_receivers``. ``inspect`` is passed to run().
    """
    observer = CollectorObserver(model, using=using, row_limit=row_limit)
    tracks = list(track)
    seen: dict[str, dict] = {}

    def tracked_action():
        with internal():
            seen.update({t.name: t.read() for t in tracks})
            flush_pending_checks(connections[using])  # the check after the delete is then the delete's own
        return action()

    def look_after():  # inside the transaction, before the rollback
        return {t.name: t.look_after(seen[t.name]) for t in tracks}, (inspect() if inspect is not None else None)

    with observing(observer):
        capture = run(
            tracked_action,
            using=using,
            watch=dict.fromkeys([*(_table(w) for w in watch), *reachable_tables(model)]),
            receivers_for=receivers_for,
            call_receivers=call_receivers,
            inspect=look_after,
        )
    after, capture.inspection = capture.inspection
    report = _report(capture, observer, row_limit)
    report.model = model._meta.label
    report.tracked = {t.name: _tracked(t, capture.exception, seen.get(t.name, {}), *after[t.name]) for t in tracks}
    return report


@contextmanager
def observing(observer: CollectorObserver):
    """Route this context's collector deletes through ``observer``; Django's Collector is restored afterwards."""
    token = _observer.set(observer)
    try:
        with scoped_patch(Collector, "delete", _observed_delete):
            yield
    finally:
        _observer.reset(token)


def _observed_delete(original):
    def delete(collector: Collector):
        observer = _observer.get()
        if observer is None:  # another thread, or a delete outside any observation
            return original(collector)
        with internal():
            observer.before(collector)
        result = original(collector)
        observer.returned = result
        with internal():
            observer.after()
        return result

    delete.__wrapped__ = original
    return delete


def _report(capture, observer: CollectorObserver, row_limit: int) -> DeleteReport:
    returned = capture.result if isinstance(capture.result, tuple) else observer.returned
    report = DeleteReport(
        capture=capture,
        deleted=observer.deleted,
        updated=observer.updated,
        dangling=observer.dangling,
        notes=list(dict.fromkeys(observer.notes)),
        returned=returned,
        muted_receivers=sorted(observer.muted),
    )
    deleted_rows = {t: kinds["DELETE"] for t, kinds in capture.writes_by_table().items() if "DELETE" in kinds}
    for group in (g for g in report.deleted if g.by == BY_FAST_PATH):
        collected = sum(g.count for g in report.deleted if g.by == BY_DJANGO and g.table == group.table)
        group.count = max(deleted_rows.get(group.table, 0) - collected, group.count)
    for group in (g for g in report.deleted if g.by == BY_DJANGO):
        # Counted from what was really sent: Django's single-object fast path sends none.
        group.signals_sent = sum(
            1 for s in capture.signals if s.sender == group.label and s.signal in ("pre_delete", "post_delete")
        )
    if isinstance(capture.exception, (ProtectedError, RestrictedError)):
        report.blocking = blocking_groups(capture.exception, row_limit)
    return report


def _tracked(track: Track, exception, before: dict, after: dict, targets_left: bool) -> Tracked:
    word = outcome_of(exception, before, after, default=track.default, targets_left=targets_left)
    return Tracked(track.name, track.queryset.model._meta.label, before, after, word)


def _table(item) -> str:
    return item if isinstance(item, str) else item._meta.db_table
