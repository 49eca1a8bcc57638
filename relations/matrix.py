"""The on_delete behaviour matrix, computed live on the current database.

For every on_delete option (one child model each, see ``models.on_delete`` and
``models.db_on_delete``) and for both ways of deleting — ``instance.delete()`` and
``QuerySet.delete()`` — this creates a parent with two children, deletes the
parent through ``playground.labkit.deletion.observe_delete`` and reads its report:
what happened to the children (tracked, in the toolkit's one outcome vocabulary,
``OUTCOMES``), what ``delete()`` returned or raised, which signals Django sent for the
children, and the SQL. Everything runs in rolled-back transactions: the database is
left as it was found. The ``ON DELETE`` clause is read back from the live schema.

A pre/post_delete receiver is connected for the child model during each delete,
as in an application that listens for deletes: that is the only way to tell
"Django would call your receiver" from "Django never knew". (Without receivers,
Django may take its fast path and send no signals even for CASCADE.)

After the eleven options come two key shapes (``KEY_SCENARIOS``): a ForeignKey to a UUID
primary key (``InvoiceLine.invoice``) and a ForeignObject over two columns to a composite
primary key (``StockMovement.stock``, which has no constraint in the database); then the
foreign keys of the relationship and field options (``OPTION_SCENARIOS``): both keys of the
self-referential through model ``Follow``, ``Bookmark.reader`` (a default_related_name),
``ReadingNote.reader`` (a child of an abstract base) and ``RecipeStep.recipe``
(order_with_respect_to).

``manage.py ondelete_matrix`` prints it; the admin shows it as a lab page.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from django.db import DEFAULT_DB_ALIAS, connections, models

from playground.labkit.capture import run
from playground.labkit.deletion import DeleteReport, Track, observe_delete, on_delete_name
from playground.labkit.deletion.report import FAILED
from relations.models import (
    Bookmark,
    CascadeChild,
    DbCascadeChild,
    DbParent,
    DbSetDefaultChild,
    DbSetNullChild,
    DoNothingChild,
    Follow,
    InvoiceLine,
    Parent,
    ProtectChild,
    Reader,
    ReadingNote,
    Recipe,
    RecipeStep,
    RestrictChild,
    SetCallableChild,
    SetDefaultChild,
    SetNullChild,
    SetValueChild,
    StockLevel,
    StockMovement,
    UUIDKeyedInvoice,
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


# Key shapes: relations whose parent is not a ``Parent``, after the eleven options.
KEY_SCENARIOS = [(InvoiceLine, "invoice"), (StockMovement, "stock")]
# The newest lessons' foreign keys (relationship and field options), after the key shapes.
OPTION_SCENARIOS = [
    (Follow, "follower"),
    (Follow, "followed"),
    (Bookmark, "reader"),
    (ReadingNote, "reader"),
    (RecipeStep, "recipe"),
]


def compute_matrix(using: str = DEFAULT_DB_ALIAS) -> list[MatrixRow]:
    rows = []
    for child_model, field_name in [*SCENARIOS, *KEY_SCENARIOS, *OPTION_SCENARIOS]:
        fk = child_model._meta.get_field(field_name)
        schema_clause = on_delete_sql(fk, using=using)
        for via in DELETE_VIA:
            rows.append(_one_cell(child_model, fk, via, schema_clause, using))
    return rows


def _make_family(child_model, fk, using: str):
    """A parent and CHILDREN_PER_PARENT children of ``child_model``, whatever the parent's key."""
    parent_model = fk.remote_field.model
    token = uuid.uuid4().hex[:12]
    if parent_model is UUIDKeyedInvoice:
        parent = parent_model.objects.using(using).create(number=f"M-{token}")
        make = lambda i: {"invoice": parent, "description": f"Matrix line {i}", "amount": i}  # noqa: E731
    elif parent_model is StockLevel:
        parent = parent_model.objects.using(using).create(warehouse="MTX", sku=token)
        make = lambda i: {"warehouse": "MTX", "sku": token, "change": i}  # noqa: E731
    elif parent_model in OPTION_CHILDREN:
        parent, make = _option_family(child_model, fk, token, using)
    else:
        for slug in FALLBACK_PARENTS.get(parent_model, []):
            parent_model.objects.using(using).get_or_create(slug=slug, defaults={"name": f"Fallback {slug}"})
        parent = parent_model.objects.using(using).create(name="Matrix parent", slug=f"matrix-{token}")
        make = lambda i: {"name": f"Matrix child {i}", fk.name: parent}  # noqa: E731
    children = [child_model.objects.using(using).create(**make(i)) for i in range(1, CHILDREN_PER_PARENT + 1)]
    return parent, children


def _option_family(child_model, fk, token: str, using: str):
    """A Reader or Recipe parent, and how to make its i-th child of ``child_model`` through ``fk``."""
    if fk.remote_field.model is Recipe:
        parent = Recipe.objects.using(using).create(title=f"Matrix recipe {token}")
        return parent, lambda i: {"recipe": parent, "instruction": f"Matrix step {i}"}
    parent = Reader.objects.using(using).create(name=f"Matrix reader {token}")
    if child_model is Follow:
        # Each follow links the parent with another reader, on the side ``fk`` names.
        other_side = "followed" if fk.name == "follower" else "follower"
        others = [Reader.objects.using(using).create(name=f"Matrix other {token} {i}") for i in (1, 2)]
        return parent, lambda i: {fk.name: parent, other_side: others[i - 1], "reason": "matrix"}
    if child_model is Bookmark:
        return parent, lambda i: {"reader": parent, "url": f"https://example.com/matrix/{token}/{i}"}
    return parent, lambda i: {"reader": parent, "text": f"Matrix note {i}"}


# The parents of OPTION_SCENARIOS, made by _option_family().
OPTION_CHILDREN = (Reader, Recipe)


def _track(children_qs, fk) -> Track:
    if len(fk.local_related_fields) == 1:
        return Track.foreign_key("children", children_qs, fk)
    # A multi-column ForeignObject: follow its first column (the rows go or stay as a whole).
    local, remote = fk.local_related_fields[-1], fk.foreign_related_fields[-1]
    return Track("children", children_qs, local.attname, fk.remote_field.model, remote.attname)


def _one_cell(child_model, fk, via: str, schema_clause: str | None, using: str) -> MatrixRow:
    parent_model = fk.remote_field.model
    seen: dict = {}

    def set_up_and_delete():
        parent, children = _make_family(child_model, fk, using)
        if via == "instance":
            action = parent.delete
        else:
            action = parent_model.objects.using(using).filter(pk=parent.pk).delete
        children_qs = child_model._base_manager.using(using).filter(pk__in=[child.pk for child in children])
        seen["report"] = observe_delete(
            action,
            parent_model,
            using=using,
            track=[_track(children_qs, fk)],
            receivers_for=[child_model],
            call_receivers=True,
        )

    setup = run(set_up_and_delete, using=using)
    if setup.exception is not None:
        raise setup.exception
    return _row(seen["report"], child_model, fk, via, schema_clause)


def _row(report: DeleteReport, child_model, fk, via: str, schema_clause: str | None) -> MatrixRow:
    capture, outcome = report.capture, report.tracked["children"].outcome
    if outcome == FAILED:
        raise capture.exception
    return MatrixRow(
        on_delete=on_delete_name(fk),
        delete_via=via,
        outcome=outcome,
        exception=capture.exception_path,
        # A DO_NOTHING delete ends at COMMIT: its message, not the text of the check that found it.
        exception_message=report.commit_error or (str(capture.exception) if capture.exception is not None else None),
        children_signals=any(s.signal in ("pre_delete", "post_delete") for s in capture.signals_for(child_model)),
        returned=[report.returned[0], report.returned[1]] if capture.ok and report.returned else None,
        queries=[q.sql for q in capture.queries],
        on_delete_sql=schema_clause,
        child_model=child_model._meta.label,
        field=fk.name,
    )


def on_delete_sql(fk: models.ForeignKey, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The referential action of ``fk``'s FOREIGN KEY constraint in the live schema, or None without one."""
    connection = connections[using]
    table, column = fk.model._meta.db_table, fk.column
    if column is None:  # a ForeignObject: no column of its own, so no constraint either
        return None
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
