"""Reading rules and rows for the delete report: on_delete names, defaults, admin links, samples."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.db.models import Count, Window
from django.db.models.deletion import (
    PROTECT,
    RESTRICT,
    DatabaseOnDelete,
    ProtectedError,
    get_candidate_relations_to_delete,
)
from django.urls import NoReverseMatch, reverse

from playground.labkit.deletion.report import BlockingGroup, Row
from playground.labkit.on_delete import written_on_delete

WATCH_LIMIT = 40  # tables whose row counts are compared
# Rules that never bring a row into the delete: they refuse it, rewrite the key, or leave it.
NOT_DELETING = frozenset(
    {"PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "SET(value)", "SET(callable)", "DO_NOTHING"}
    | {"DB_SET_NULL", "DB_SET_DEFAULT"}
)
GENERIC_RELATION = "GenericRelation"  # the cleanup a GenericRelation does: not an on_delete at all
MULTI_TABLE_PARENT = "multi-table parent row"


def on_delete_name(fk: models.Field) -> str:
    """The option as Django spells it: CASCADE, DB_SET_NULL, SET(value), SET(callable)…"""
    on_delete = written_on_delete(fk)
    deconstruct = getattr(on_delete, "deconstruct", None)
    if deconstruct is not None and deconstruct()[0] == "django.db.models.SET":
        return "SET(callable)" if callable(deconstruct()[1][0]) else "SET(value)"
    return getattr(on_delete, "__name__", str(on_delete))


def field_default(fk: models.Field) -> Any:
    """The value SET_DEFAULT / DB_SET_DEFAULT writes: the database default, else the Python one."""
    if fk.has_db_default():
        return getattr(fk.db_default, "value", fk.db_default)
    return fk.get_default() if fk.has_default() else None


def reachable_tables(model: type[models.Model]) -> list[str]:
    """The tables whose row counts the report compares: the model's own, and every table the
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


def rule_from_query(qs: models.QuerySet) -> str:
    """The on_delete of the relation a fast delete came through, read from its WHERE clause.

    A GenericRelation's cleanup filters on the generic key's content type *and* object id:
    it is named ``GenericRelation``, not after the content type key's own on_delete."""
    nodes, targets = [qs.query.where], []
    while nodes:
        node = nodes.pop()
        nodes.extend(getattr(node, "children", []))
        target = getattr(getattr(node, "lhs", None), "target", None)
        if target is not None and target.model._meta.concrete_model is qs.model:
            targets.append(target)
    names = {target.name for target in targets}
    for private in qs.model._meta.private_fields:
        if isinstance(private, GenericForeignKey) and {private.ct_field, private.fk_field} <= names:
            return GENERIC_RELATION
    for target in targets:
        if target.remote_field is not None:
            return on_delete_name(target)
    return ""


def generic_relations_into(model: type[models.Model], sources) -> list[GenericRelation]:
    """The GenericRelations of ``sources`` (models) whose related rows are ``model``'s."""
    concrete = model._meta.concrete_model
    return [
        f
        for source in sources
        for f in source._meta.private_fields
        if isinstance(f, GenericRelation) and f.related_model._meta.concrete_model is concrete
    ]


def sample_and_total(queryset, limit: int, *values: str):
    """The first ``limit`` rows and the total, in one round trip (COUNT(*) OVER ())."""
    annotated = queryset.annotate(_preview_total=Window(Count("pk"))).order_by("pk")
    if values:
        rows = list(annotated.values_list(*values, "_preview_total")[:limit])
        return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)
    rows = list(annotated[:limit])
    return rows, (rows[0]._preview_total if rows else 0)


def row(obj: models.Model) -> Row:
    return Row(pk=obj.pk, text=_safe_str(obj), url=admin_url(type(obj), obj.pk))


def key_row(model: type[models.Model], pk, before) -> Row:
    """A row listed by its key only, with the value of a foreign key before the delete."""
    return Row(pk=pk, text="", url=admin_url(model, pk), before=before)


def _safe_str(obj) -> str:
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - a __str__ that needs a deferred relation must not break the page
        return f"{type(obj).__name__} #{obj.pk}"


def admin_url(model: type[models.Model], pk) -> str | None:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def describe_value(value, fk) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, models.Model):
        return f"{value} ({fk.target_field.attname}={getattr(value, fk.target_field.attname)!r})"
    return repr(value)


def blocking_groups(exc, row_limit: int) -> list[BlockingGroup]:
    """The rows a ProtectedError / RestrictedError names, per model, with the fields that protect them."""
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
                rows=[row(obj) for obj in instances[:row_limit]],
            )
        )
    return groups
