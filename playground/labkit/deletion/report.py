"""The delete report, and the one set of words for what a delete did to a set of rows.

Every lab that deletes something (the delete preview, the on_delete matrix, the
Comments comparison, the inheritance comparison) reads a ``DeleteReport`` and names
outcomes with ``OUTCOMES``, through ``outcome_of()``: there is no second vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError
from django.db.models.deletion import ProtectedError, RestrictedError

from playground.labkit.capture import Capture, CapturedQuery
from playground.labkit.deletion.commit import commit_error

# --- The vocabulary --------------------------------------------------------------------
DELETED = "deleted"
BLOCKED = "blocked"
SET_NULL = "set_null"
SET_DEFAULT = "set_default"
SET_VALUE = "set_value"
UNCHANGED = "unchanged"
DANGLING = "dangling"
INTEGRITY_ERROR = "integrity_error"
NO_ROWS = "no_rows"
FAILED = "failed"

OUTCOMES: dict[str, str] = {
    DELETED: "the rows are gone: deleted by Django (collector or fast path) or by the database (ON DELETE CASCADE)",
    BLOCKED: "the delete raised ProtectedError or RestrictedError before writing anything",
    SET_NULL: "their foreign key now holds NULL",
    SET_DEFAULT: "their foreign key now holds the field's default",
    SET_VALUE: "their foreign key now holds another value (SET(value) or SET(callable))",
    UNCHANGED: "untouched, and what they point at still exists",
    DANGLING: "untouched, pointing at a row that is gone; no constraint objects",
    INTEGRITY_ERROR: "the commit would fail: a FOREIGN KEY constraint refuses what the delete leaves",
    NO_ROWS: "there were no such rows to begin with",
    FAILED: "the delete raised another exception (see the report's exception)",
}

# Who deleted a group of rows.
BY_DJANGO = "django"  # read by the collector, pre/post_delete sent
BY_FAST_PATH = "fast"  # one DELETE, rows not read, no signals
BY_DATABASE = "database"  # ON DELETE of a DB_* key: Django never sees the rows

SQL_LIMIT = 60  # statements listed


def failure_outcome(exception: BaseException | None) -> str | None:
    """The outcome when the delete (or the commit) raised, else None."""
    if exception is None:
        return None
    if isinstance(exception, (ProtectedError, RestrictedError)):
        return BLOCKED
    if isinstance(exception, IntegrityError):
        return INTEGRITY_ERROR
    return FAILED


def outcome_of(
    exception: BaseException | None,
    before: Mapping[Any, Any],
    after: Mapping[Any, Any],
    *,
    default: Any = None,
    targets_left: bool = True,
) -> str:
    """The one rule naming what a delete did to some rows, from their reference before and after.

    ``before``/``after`` map each row's pk to the value of its reference (after: the rows
    still there); ``default`` is the field's default; ``targets_left`` says whether what
    an untouched row points at still exists.
    """
    failed = failure_outcome(exception)
    if failed is not None:
        return failed
    if not before:
        return NO_ROWS
    if not after:
        return DELETED
    values = set(after.values())
    if all(before.get(pk) == value for pk, value in after.items()):
        return UNCHANGED if targets_left else DANGLING
    if values == {None}:
        return SET_NULL
    if values == {default}:
        return SET_DEFAULT
    return SET_VALUE


# --- What the report holds -------------------------------------------------------------
@dataclass
class Row:
    pk: Any
    text: str
    url: str | None = None
    before: Any = None  # a foreign key's value before the delete (updated rows)
    after: Any = None  # ... and after it, read back inside the transaction


@dataclass
class _Listed:
    count: int
    rows: list[Row] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class DeletedGroup(_Listed):
    """Rows of one table that the delete removes."""

    label: str = ""
    table: str = ""
    by: str = BY_DJANGO  # BY_DJANGO, BY_FAST_PATH or BY_DATABASE
    rule: str = ""  # the on_delete that brought them in ("" for the rows deleted on purpose)
    signals_sent: int = 0
    verified_gone: bool | None = None  # database deletes: the listed rows were really gone afterwards
    outcome: str = DELETED


@dataclass
class UpdatedGroup(_Listed):
    """Rows of one table whose foreign key the delete rewrites."""

    label: str = ""
    table: str = ""
    column: str = ""
    rule: str = ""
    by: str = BY_DJANGO  # BY_DJANGO or BY_DATABASE
    new_value: str = ""
    default: Any = None  # the field's default, to tell SET_DEFAULT from SET(value)
    outcome: str = ""  # set_null, set_default or set_value, from the values read back

    def classify(self) -> None:
        before = {row.pk: row.before for row in self.rows}
        after = {row.pk: row.after for row in self.rows}
        self.outcome = outcome_of(None, before, after, default=self.default)


@dataclass
class BlockingGroup(_Listed):
    """Rows that make the delete fail, and the rule they are protected by."""

    label: str = ""
    rule: str = ""  # "PROTECT" or "RESTRICT"
    fields: list[str] = field(default_factory=list)
    outcome: str = BLOCKED


@dataclass
class DanglingGroup(_Listed):
    """Rows whose DO_NOTHING foreign key would point at a deleted row."""

    label: str = ""
    column: str = ""
    constrained: bool = True  # a FOREIGN KEY constraint exists: the commit fails

    @property
    def outcome(self) -> str:
        return INTEGRITY_ERROR if self.constrained else DANGLING


@dataclass
class Tracked:
    """Rows a caller asked to follow through the delete (see ``Track``): their reference before and after."""

    name: str
    label: str
    before: dict[Any, Any]
    after: dict[Any, Any]
    outcome: str

    @property
    def left(self) -> int:
        """Rows still pointing where they pointed before."""
        return sum(1 for pk, value in self.after.items() if self.before.get(pk) == value)


@dataclass
class DeleteReport:
    """Everything one observed delete did. Built by ``observe_delete()``; nothing here is typed in."""

    capture: Capture
    model: str = ""  # label of the model whose rows were asked to be deleted ("relations.Parent")
    deleted: list[DeletedGroup] = field(default_factory=list)
    updated: list[UpdatedGroup] = field(default_factory=list)
    blocking: list[BlockingGroup] = field(default_factory=list)
    dangling: list[DanglingGroup] = field(default_factory=list)
    tracked: dict[str, Tracked] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    returned: Any = None  # what delete() returned: (total, {label: count})
    muted_receivers: list[str] = field(default_factory=list)  # models whose receivers were not called

    @property
    def outcome(self) -> str:
        """The delete as a whole: deleted, or why not (blocked, integrity_error, failed)."""
        return failure_outcome(self.capture.exception) or DELETED

    @property
    def blocked_by(self) -> str | None:
        if isinstance(self.capture.exception, ProtectedError):
            return "PROTECT"
        if isinstance(self.capture.exception, RestrictedError):
            return "RESTRICT"
        return None

    @property
    def integrity_error(self) -> IntegrityError | None:
        return self.capture.exception if self.outcome == INTEGRITY_ERROR else None

    @property
    def commit_error(self) -> str | None:
        """The message the real delete's COMMIT ends in (a DO_NOTHING reference left behind), else None."""
        if self.integrity_error is None or not any(group.constrained for group in self.dangling):
            return None
        return commit_error(self.integrity_error, self.capture.vendor)

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
        return [g for g in (*self.deleted, *self.updated) if g.by == BY_DATABASE]

    @property
    def groups(self) -> list[DeletedGroup | UpdatedGroup | BlockingGroup | DanglingGroup]:
        return [*self.deleted, *self.updated, *self.blocking, *self.dangling]

    def outcomes_for(self, label: str) -> set[str]:
        """The outcome words of every group of rows of model ``label`` (e.g. "relations.CascadeChild")."""
        return {group.outcome for group in self.groups if group.label == label}
