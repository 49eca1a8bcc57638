"""The on_delete behaviour matrix, computed live on the current database.

For every on_delete option (one child model each, see ``models.on_delete`` and
``models.db_on_delete``) and for both ways of deleting — ``instance.delete()`` and
``QuerySet.delete()`` — this creates a parent with two children, deletes the
parent, and records what happened to the children, what ``delete()`` returned or
raised, which signals Django sent for the children, and the SQL. Everything runs
in rolled-back transactions (``playground.labkit.capture.run``): the database is left as
it was found. The ``ON DELETE`` clause is read back from the live schema.

A pre/post_delete receiver is connected for the child model during each delete,
as in an application that listens for deletes: that is the only way to tell
"Django would call your receiver" from "Django never knew". (Without receivers,
Django may take its fast path and send no signals even for CASCADE.)

``manage.py ondelete_matrix`` prints it; the admin shows it as a lab page.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models
from django.db.models.deletion import ProtectedError, RestrictedError

from playground.labkit.capture import internal, run
from playground.labkit.delete_preview import on_delete_name
from relations.models import (
    CascadeChild,
    DbCascadeChild,
    DbParent,
    DbSetDefaultChild,
    DbSetNullChild,
    DoNothingChild,
    Parent,
    ProtectChild,
    RestrictChild,
    SetCallableChild,
    SetDefaultChild,
    SetNullChild,
    SetValueChild,
)
from relations.models.db_on_delete import DB_DEFAULT_PARENT_SLUG
from relations.models.on_delete import ARCHIVE_PARENT_SLUG, DEFAULT_PARENT_SLUG

# (child model, its foreign key to the parent), in the order Django's docs list the options.
SCENARIOS = [
    (CascadeChild, "cascade"),
    (ProtectChild, "protect"),
    (RestrictChild, "restrict"),
    (SetNullChild, "set_null"),
    (SetDefaultChild, "set_default"),
    (SetValueChild, "set_value"),
    (SetCallableChild, "set_callable"),
    (DoNothingChild, "do_nothing"),
    (DbCascadeChild, "db_cascade"),
    (DbSetNullChild, "db_set_null"),
    (DbSetDefaultChild, "db_set_default"),
]
DELETE_VIA = ("instance", "queryset")
OUTCOMES = ("deleted", "blocked", "set_null", "set_default", "set_value", "unchanged", "integrity_error")
CHILDREN_PER_PARENT = 2

# Rows the SET_DEFAULT / SET(value) / DB_SET_DEFAULT children fall back to must exist.
FALLBACK_PARENTS = {
    Parent: [DEFAULT_PARENT_SLUG, ARCHIVE_PARENT_SLUG],
    DbParent: [DB_DEFAULT_PARENT_SLUG],
}

_PG_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


@dataclass
class MatrixRow:
    on_delete: str
    delete_via: str
    outcome: str
    exception: str | None
    children_signals: bool
    returned: list | None
    queries: list[str]
    on_delete_sql: str | None
    child_model: str
    field: str
    exception_message: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def compute_matrix(using: str = DEFAULT_DB_ALIAS) -> list[MatrixRow]:
    rows = []
    for child_model, field_name in SCENARIOS:
        fk = child_model._meta.get_field(field_name)
        schema_clause = on_delete_sql(fk, using=using)
        for via in DELETE_VIA:
            rows.append(_one_cell(child_model, fk, via, schema_clause, using))
    return rows


def _one_cell(child_model, fk, via: str, schema_clause: str | None, using: str) -> MatrixRow:
    parent_model = fk.remote_field.model
    seen: dict = {}

    def set_up_and_delete():
        for slug in FALLBACK_PARENTS.get(parent_model, []):
            parent_model.objects.using(using).get_or_create(slug=slug, defaults={"name": f"Fallback {slug}"})
        parent = parent_model.objects.using(using).create(name="Matrix parent", slug=f"matrix-{uuid.uuid4().hex[:12]}")
        children = [
            child_model.objects.using(using).create(name=f"Matrix child {i}", **{fk.name: parent})
            for i in range(1, CHILDREN_PER_PARENT + 1)
        ]
        seen["before"] = {child.pk: getattr(child, fk.attname) for child in children}

        def delete_and_look():
            if via == "instance":
                result = parent.delete()
            else:
                result = parent_model.objects.using(using).filter(pk=parent.pk).delete()
            with internal():
                seen["after"] = dict(
                    child_model._base_manager.using(using)
                    .filter(pk__in=list(seen["before"]))
                    .values_list("pk", fk.attname)
                )
            return result

        seen["capture"] = run(delete_and_look, using=using, receivers_for=[child_model])

    setup = run(set_up_and_delete, using=using)
    if setup.exception is not None:
        raise setup.exception
    capture = seen["capture"]
    exc = capture.exception
    return MatrixRow(
        on_delete=on_delete_name(fk),
        delete_via=via,
        outcome=_outcome(fk, exc, seen["before"], seen.get("after")),
        exception=capture.exception_path,
        exception_message=str(exc) if exc is not None else None,
        children_signals=any(s.signal in ("pre_delete", "post_delete") for s in capture.signals_for(child_model)),
        returned=[capture.result[0], capture.result[1]] if exc is None and capture.result else None,
        queries=[q.sql for q in capture.queries],
        on_delete_sql=schema_clause,
        child_model=child_model._meta.label,
        field=fk.name,
    )


def _outcome(fk, exc, before: dict, after: dict | None) -> str:
    if isinstance(exc, (ProtectedError, RestrictedError)):
        return "blocked"
    if isinstance(exc, IntegrityError):
        return "integrity_error"
    if exc is not None:
        raise exc
    if not after:
        return "deleted"
    values = set(after.values())
    if values == {None}:
        return "set_null"
    if values == set(before.values()):
        return "unchanged"
    if values == {_default_of(fk)}:
        return "set_default"
    return "set_value"


def _default_of(fk):
    if fk.has_db_default():
        return getattr(fk.db_default, "value", fk.db_default)
    return fk.get_default() if fk.has_default() else None


def on_delete_sql(fk: models.ForeignKey, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The referential action of ``fk``'s FOREIGN KEY constraint in the live schema, or None without one."""
    connection = connections[using]
    table, column = fk.model._meta.db_table, fk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                SELECT con.confdeltype
                FROM pg_constraint con
                JOIN pg_class rel ON rel.oid = con.conrelid
                JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
                WHERE con.contype = 'f' AND rel.relname = %s AND att.attname = %s
                  AND pg_catalog.pg_table_is_visible(rel.oid)
                """,
                [table, column],
            )
            row = cursor.fetchone()
            return _PG_ACTIONS[row[0]] if row else None
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA foreign_key_list({connection.ops.quote_name(table)})")
            for _id, _seq, _ref_table, from_column, _to, _on_update, on_delete, *_ in cursor.fetchall():
                if from_column == column:
                    return on_delete
            return None
    raise NotImplementedError(f"Reading ON DELETE clauses is not implemented for {connection.vendor}.")
