"""A truthful delete preview: run the delete, watch what happens, roll it back.

Django's delete confirmation lists what its collector *would* cascade to. This
preview actually runs the delete (through ``playground.labkit.capture.run``, so it is
always rolled back, also on error) and reports:

- rows deleted per table, and by whom: Django after reading them (pre/post_delete
  sent), Django's fast path (one DELETE, no signals), or the database itself
  (``ON DELETE CASCADE`` of a DB_CASCADE key: Django sends no signal, reads no row);
- rows updated, with each foreign key's value before and after, read back from
  the database inside the transaction (SET_NULL/SET_DEFAULT/SET(...) by Django,
  DB_SET_NULL/DB_SET_DEFAULT by the database);
- what blocks the delete and under which rule (PROTECT or RESTRICT);
- references left dangling (DO_NOTHING): the IntegrityError the commit would
  end in, or silence where there is no constraint (``db_constraint=False``);
- the SQL in order, what ``delete()`` returned, and the signals sent.

Receivers connected to the signals are *not* called: a rollback cannot undo
what they do outside the database. They stay connected, so Django takes exactly
the code path (and sends exactly the SQL) of the real delete.

The observation hooks ``Collector.delete``: just before it writes, the preview
notes what the collector gathered (and, with its own bookkeeping queries, which
rows the database-level rules will touch); just after, it reads those rows back.
Listings are capped at ``row_limit`` rows per table, with totals, so a parent with
ten thousand children previews in about the time the delete takes.
"""

from __future__ import annotations

import contextvars
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, router
from django.db.models import Count, Window, signals
from django.db.models.deletion import (
    DO_NOTHING,
    PROTECT,
    RESTRICT,
    Collector,
    DatabaseOnDelete,
    ProtectedError,
    RestrictedError,
    get_candidate_relations_to_delete,
)
from django.urls import NoReverseMatch, reverse

from playground.labkit.capture import Capture, CapturedQuery, internal, run
from playground.labkit.on_delete import written_on_delete

ROW_LIMIT = 10  # rows listed per table
SQL_LIMIT = 60  # statements listed
SQL_CHARS = 1500  # characters of one statement shown
WATCH_LIMIT = 40  # tables whose row counts are compared
DB_DEPTH_LIMIT = 6  # levels of database-level cascade followed


def on_delete_name(fk: models.Field) -> str:
    """The option as Django spells it: CASCADE, DB_SET_NULL, SET(value), SET(callable)…"""
    on_delete = written_on_delete(fk)
    deconstruct = getattr(on_delete, "deconstruct", None)
    if deconstruct is not None and deconstruct()[0] == "django.db.models.SET":
        return "SET(callable)" if callable(deconstruct()[1][0]) else "SET(value)"
    return getattr(on_delete, "__name__", str(on_delete))


@dataclass
class Row:
    pk: Any
    text: str
    url: str | None = None
    before: Any = None  # a foreign key's value before the delete (updated rows)
    after: Any = None  # ... and after it, read back inside the transaction


@dataclass
class DeletedGroup:
    """Rows of one table that the delete removes."""

    label: str
    table: str
    count: int
    by: str  # "django" (read, signals sent), "fast" (one DELETE, no signals), "database" (ON DELETE)
    rule: str  # the on_delete that brought them in ("" for the rows deleted on purpose)
    rows: list[Row] = field(default_factory=list)
    signals_sent: int = 0
    verified_gone: bool | None = None  # database deletes: the listed rows were really gone afterwards

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class UpdatedGroup:
    """Rows of one table whose foreign key the delete rewrites."""

    label: str
    table: str
    column: str
    rule: str
    by: str  # "django" or "database"
    new_value: str
    count: int
    rows: list[Row] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class BlockingGroup:
    """Rows that make the delete fail, and the rule they are protected by."""

    label: str
    rule: str  # "PROTECT" or "RESTRICT"
    fields: list[str]
    count: int
    rows: list[Row] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class DanglingGroup:
    """Rows whose DO_NOTHING foreign key would point at a deleted row."""

    label: str
    column: str
    constrained: bool  # a FOREIGN KEY constraint exists: the commit fails
    count: int
    rows: list[Row] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class DeletePreview:
    capture: Capture
    deleted: list[DeletedGroup] = field(default_factory=list)
    updated: list[UpdatedGroup] = field(default_factory=list)
    blocking: list[BlockingGroup] = field(default_factory=list)
    dangling: list[DanglingGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    returned: Any = None
    muted_receivers: list[str] = field(default_factory=list)  # models whose receivers were not called

    @property
    def blocked_by(self) -> str | None:
        if isinstance(self.capture.exception, ProtectedError):
            return "PROTECT"
        if isinstance(self.capture.exception, RestrictedError):
            return "RESTRICT"
        return None

    @property
    def integrity_error(self) -> IntegrityError | None:
        exc = self.capture.exception
        if isinstance(exc, IntegrityError) and not isinstance(exc, (ProtectedError, RestrictedError)):
            return exc
        return None

    @property
    def would_succeed(self) -> bool:
        return self.capture.ok

    @property
    def statements(self) -> list[CapturedQuery]:
        return self.capture.queries[:SQL_LIMIT]

    @property
    def statements_hidden(self) -> int:
        return max(len(self.capture.queries) - SQL_LIMIT, 0)

    @property
    def statement_kinds(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for query in self.capture.queries:
            kinds[query.kind] = kinds.get(query.kind, 0) + 1
        return kinds

    @property
    def database_rows(self) -> list[DeletedGroup | UpdatedGroup]:
        return [g for g in (*self.deleted, *self.updated) if g.by == "database"]


def preview_instance_delete(obj: models.Model, delete: Callable[[models.Model], Any] | None = None, **kwargs):
    """Preview ``obj.delete()`` (or ``delete(copy_of_obj)``); ``obj`` itself is left untouched."""
    # Django clears the pk of what it deletes, even when the transaction is rolled back.
    target = copy.copy(obj)
    action = (lambda: delete(target)) if delete else target.delete
    return preview(action, type(obj), using=obj._state.db or router.db_for_write(type(obj)), **kwargs)


def preview_queryset_delete(queryset: models.QuerySet, delete: Callable[[models.QuerySet], Any] | None = None, **kw):
    """Preview ``queryset.delete()`` (or ``delete(queryset)``)."""
    target = queryset._chain()
    action = (lambda: delete(target)) if delete else target.delete
    return preview(action, queryset.model, using=queryset.db, **kw)


def preview(action: Callable[[], Any], model: type[models.Model], *, using: str, row_limit: int = ROW_LIMIT):
    """Run ``action`` (a delete of ``model`` rows) in a rolled-back transaction and explain it."""
    observer = _Observer(model, using=using, row_limit=row_limit)
    token = _observer.set(observer)
    try:
        capture = run(action, using=using, watch=reachable_tables(model), call_receivers=False)
    finally:
        _observer.reset(token)
    result = DeletePreview(capture=capture, returned=observer.returned)
    observer.fill(result)
    deleted_rows = {
        table: kinds.get("DELETE", 0) for table, kinds in capture.writes_by_table().items() if "DELETE" in kinds
    }
    for group in (g for g in result.deleted if g.by == "fast"):
        collected = sum(g.count for g in result.deleted if g.by == "django" and g.table == group.table)
        group.count = max(deleted_rows.get(group.table, 0) - collected, group.count)
    for group in (g for g in result.deleted if g.by == "django"):
        # Counted from what was really sent: Django's single-object fast path sends none.
        group.signals_sent = sum(
            1 for s in capture.signals if s.sender == group.label and s.signal in ("pre_delete", "post_delete")
        )
    if isinstance(capture.exception, (ProtectedError, RestrictedError)):
        result.blocking = _blocking_groups(capture.exception, row_limit)
    return result


def reachable_tables(model: type[models.Model]) -> list[str]:
    """The tables whose row counts the preview compares: the model's own, and every table the
    database itself can delete from (DB_CASCADE, followed level by level). What Django deletes
    is visible in its statements' row counts; what the database deletes is not."""
    seen: list[type[models.Model]] = []
    queue = [model._meta.concrete_model, *(p._meta.concrete_model for p in model._meta.all_parents)]
    while queue and len(seen) < WATCH_LIMIT:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.append(current)
        for related in get_candidate_relations_to_delete(current._meta):
            on_delete = written_on_delete(related.field)
            if isinstance(on_delete, DatabaseOnDelete) and on_delete.operation == "CASCADE":
                queue.append(related.related_model._meta.concrete_model)
    return [m._meta.db_table for m in seen]


# --- Observing the collector ----------------------------------------------------------
_observer: contextvars.ContextVar[_Observer | None] = contextvars.ContextVar("delete_preview_observer", default=None)
_original_delete = Collector.delete


def _observed_delete(collector: Collector):
    observer = _observer.get()
    if observer is None:
        return _original_delete(collector)
    with internal():
        observer.before(collector)
    result = _original_delete(collector)
    observer.returned = result
    with internal():
        observer.after()
    return result


Collector.delete = _observed_delete


class _Observer:
    """Notes what one preview's collector(s) gathered, and what the database did to it."""

    def __init__(self, root: type[models.Model], using: str, row_limit: int):
        self.root = root._meta.concrete_model
        self.using = using
        self.row_limit = row_limit
        self.returned = None
        self.deleted: list[DeletedGroup] = []
        self.updated: list[UpdatedGroup] = []
        self.dangling: list[DanglingGroup] = []
        self.notes: list[str] = []
        self.muted: set[str] = set()
        # (group, model, pks) to read back after the delete
        self._reread_updates: list[tuple[UpdatedGroup, type[models.Model], str]] = []
        self._reread_deletes: list[tuple[DeletedGroup, type[models.Model]]] = []

    # Before the collector writes -------------------------------------------------
    def before(self, collector: Collector) -> None:
        deleted_models = set()
        sources: list[tuple[type[models.Model], Any]] = []
        collected = {m._meta.concrete_model for m, instances in collector.data.items() if instances}
        for model, instances in collector.data.items():
            instances = sorted(instances, key=lambda obj: (str(type(obj.pk)), obj.pk))
            if not instances:
                continue
            deleted_models.add(model._meta.concrete_model)
            self.deleted.append(
                DeletedGroup(
                    label=model._meta.label,
                    table=model._meta.db_table,
                    count=len(instances),
                    by="django",
                    rule=self._rule_into(model, collected),
                    rows=[_row(obj) for obj in instances[: self.row_limit]],
                )
            )
            if _has_receivers(model):
                self.muted.add(model._meta.label)
            sources.append((model, instances))
        fast_groups: dict[type[models.Model], DeletedGroup] = {}
        for qs in collector.fast_deletes:
            model = qs.model
            # No COUNT here: the DELETE's own rowcount gives the total afterwards (see preview()).
            sample = list(qs.order_by("pk")[: self.row_limit])
            if not sample:
                continue
            deleted_models.add(model._meta.concrete_model)
            group = fast_groups.get(model)
            if group is None:
                group = fast_groups[model] = DeletedGroup(
                    label=model._meta.label, table=model._meta.db_table, count=0, by="fast", rule=""
                )
                self.deleted.append(group)
            group.rule = ", ".join(dict.fromkeys(filter(None, [*group.rule.split(", "), _rule_from_query(qs)])))
            group.rows = (group.rows + [_row(obj) for obj in sample])[: self.row_limit]
            group.count = max(group.count, len(group.rows))
            sources.append((model, qs))
        for (fk, value), batches in collector.field_updates.items():
            self._note_field_update(fk, value, batches)
        for source_model, source in sources:
            self._note_database_rules(source_model, source, depth=0)
            self._note_do_nothing(source_model, source)
        self._note_restrict_satisfied(collector, deleted_models)

    def _rule_into(self, model, collected) -> str:
        """How collected rows of ``model`` got into the delete: "" for the rows deleted on purpose."""
        if model._meta.concrete_model is self.root:
            return ""
        rules = [
            on_delete_name(f)
            for f in model._meta.concrete_fields
            if f.remote_field is not None and f.remote_field.model._meta.concrete_model in collected
        ]
        if model._meta.concrete_model in {p._meta.concrete_model for m in collected for p in m._meta.all_parents}:
            rules.append("multi-table parent row")
        return ", ".join(dict.fromkeys(rules))

    def _note_field_update(self, fk, value, batches) -> None:
        model = fk.model
        count, rows = 0, []
        for batch in batches:
            if isinstance(batch, models.QuerySet):
                count += batch.count()
                sample = batch.order_by("pk").values_list("pk", fk.attname)[: self.row_limit - len(rows)]
                rows.extend(Row(pk=pk, text="", url=_admin_url_for(model, pk), before=b) for pk, b in sample)
            else:
                count += len(batch)
                rows.extend(
                    Row(pk=obj.pk, text="", url=_admin_url_for(model, obj.pk), before=getattr(obj, fk.attname))
                    for obj in batch
                )
        if not count:
            return
        group = UpdatedGroup(
            label=model._meta.label,
            table=model._meta.db_table,
            column=fk.column,
            rule=on_delete_name(fk),
            by="django",
            new_value=_describe_value(value, fk),
            count=count,
            rows=rows[: self.row_limit],
        )
        self.updated.append(group)
        self._reread_updates.append((group, model, fk.attname))

    def _note_database_rules(self, source_model, source, depth: int) -> None:
        if depth >= DB_DEPTH_LIMIT:
            self.notes.append("Database-level cascades go deeper than this preview follows; the row counts show all.")
            return
        for related in get_candidate_relations_to_delete(source_model._meta):
            fk = related.field
            on_delete = written_on_delete(fk)
            if not isinstance(on_delete, DatabaseOnDelete):
                continue
            affected = related.related_model._base_manager.using(self.using).filter(**{f"{fk.name}__in": source})
            model = related.related_model
            if on_delete.operation == "CASCADE":
                sample, count = _sample_and_total(affected, self.row_limit)
                if not count:
                    continue
                group = DeletedGroup(
                    label=model._meta.label,
                    table=model._meta.db_table,
                    count=count,
                    by="database",
                    rule=on_delete_name(fk),
                    rows=[_row(obj) for obj in sample],
                )
                self.deleted.append(group)
                self._reread_deletes.append((group, model))
                self._note_database_rules(model, affected, depth + 1)
            else:
                sample, count = _sample_and_total(affected, self.row_limit, "pk", fk.attname)
                if not count:
                    continue
                group = UpdatedGroup(
                    label=model._meta.label,
                    table=model._meta.db_table,
                    column=fk.column,
                    rule=on_delete_name(fk),
                    by="database",
                    new_value="NULL"
                    if on_delete.operation == "SET NULL"
                    else f"the column's DEFAULT ({fk.db_default!r})",
                    count=count,
                    rows=[Row(pk=pk, text="", url=_admin_url_for(model, pk), before=b) for pk, b in sample],
                )
                self.updated.append(group)
                self._reread_updates.append((group, model, fk.attname))

    def _note_do_nothing(self, source_model, source) -> None:
        for related in get_candidate_relations_to_delete(source_model._meta):
            fk = related.field
            if written_on_delete(fk) is not DO_NOTHING:
                continue
            affected = related.related_model._base_manager.using(self.using).filter(**{f"{fk.name}__in": source})
            sample, count = _sample_and_total(affected, self.row_limit, "pk", fk.attname)
            if count:
                self.dangling.append(
                    DanglingGroup(
                        label=related.related_model._meta.label,
                        column=fk.column,
                        constrained=fk.db_constraint,
                        count=count,
                        rows=[
                            Row(pk=pk, text="", url=_admin_url_for(related.related_model, pk), before=b, after=b)
                            for pk, b in sample
                        ],
                    )
                )

    def _note_restrict_satisfied(self, collector: Collector, deleted_models: set) -> None:
        for model in list(collector.data):
            for fk in model._meta.concrete_fields:
                if fk.remote_field is None or written_on_delete(fk) is not RESTRICT:
                    continue
                if fk.remote_field.model._meta.concrete_model in deleted_models:
                    self.notes.append(
                        f"{model._meta.label}.{fk.name} is RESTRICT, yet the delete is allowed: the "
                        f"{model._meta.verbose_name_plural} it guards are deleted too, through another "
                        f"(CASCADE) path, so none would be left pointing at a deleted row."
                    )

    # After the collector wrote ---------------------------------------------------------
    def after(self) -> None:
        for group, model, attname in self._reread_updates:
            pks = [row.pk for row in group.rows]
            now = dict(model._base_manager.using(self.using).filter(pk__in=pks).values_list("pk", attname))
            for row in group.rows:
                row.after = now.get(row.pk)
        for group, model in self._reread_deletes:
            pks = [row.pk for row in group.rows]
            group.verified_gone = not model._base_manager.using(self.using).filter(pk__in=pks).exists()

    def fill(self, preview: DeletePreview) -> None:
        preview.deleted = self.deleted
        preview.updated = self.updated
        preview.dangling = self.dangling
        preview.notes = list(dict.fromkeys(self.notes))
        preview.muted_receivers = sorted(self.muted)


# --- Helpers ------------------------------------------------------------------------
def _sample_and_total(queryset, limit: int, *values: str):
    """The first ``limit`` rows and the total, in one round trip (COUNT(*) OVER ())."""
    annotated = queryset.annotate(_preview_total=Window(Count("pk"))).order_by("pk")
    if values:
        rows = list(annotated.values_list(*values, "_preview_total")[:limit])
        return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)
    rows = list(annotated[:limit])
    return rows, (rows[0]._preview_total if rows else 0)


def _has_receivers(model) -> bool:
    return signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model)


def _row(obj: models.Model) -> Row:
    return Row(pk=obj.pk, text=_safe_str(obj), url=_admin_url(obj))


def _safe_str(obj) -> str:
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - a __str__ that needs a deferred relation must not break the page
        return f"{type(obj).__name__} #{obj.pk}"


def _admin_url(obj: models.Model) -> str | None:
    return _admin_url_for(type(obj), obj.pk)


def _describe_value(value, fk) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, models.Model):
        return f"{value} ({fk.target_field.attname}={getattr(value, fk.target_field.attname)!r})"
    return repr(value)


def _rule_from_query(qs: models.QuerySet) -> str:
    """The on_delete of the relation a fast delete came through, read from its WHERE clause."""
    nodes = [qs.query.where]
    while nodes:
        node = nodes.pop()
        nodes.extend(getattr(node, "children", []))
        target = getattr(getattr(node, "lhs", None), "target", None)
        if getattr(target, "remote_field", None) is not None and target.model._meta.concrete_model is qs.model:
            return on_delete_name(target)
    return ""


def _admin_url_for(model: type[models.Model], pk) -> str | None:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def _blocking_groups(exc: ProtectedError | RestrictedError, row_limit: int) -> list[BlockingGroup]:
    rule, wanted = ("PROTECT", PROTECT) if isinstance(exc, ProtectedError) else ("RESTRICT", RESTRICT)
    objs = exc.protected_objects if rule == "PROTECT" else exc.restricted_objects
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    groups = []
    for model, instances in sorted(by_model.items(), key=lambda item: item[0]._meta.label):
        instances.sort(key=lambda obj: obj.pk)
        fields = [
            f.name for f in model._meta.concrete_fields if f.remote_field is not None and written_on_delete(f) is wanted
        ]
        groups.append(
            BlockingGroup(
                label=model._meta.label,
                rule=rule,
                fields=fields,
                count=len(instances),
                rows=[_row(obj) for obj in instances[:row_limit]],
            )
        )
    return groups
