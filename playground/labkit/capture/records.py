"""What a capture records: the statements, the signals, the row counts, the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class CapturedQuery:
    """One statement sent to the database."""

    sql: str  # with parameters filled in, for reading
    kind: str  # SELECT, INSERT, UPDATE, DELETE or OTHER
    table: str | None
    rowcount: int | None  # rows the database reports as affected (DML), else None
    duration_ms: float
    many: int = 1  # executemany batch size
    error: str | None = None
    internal: bool = False  # sent by the capture or the lab itself, not by the code under study


@dataclass
class CapturedSignal:
    """One model signal Django sent."""

    signal: str
    sender: str  # app_label.ModelName
    instance: str | None
    action: str | None = None  # m2m_changed only


@dataclass
class RowChange:
    table: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class Capture:
    """Everything one run recorded."""

    queries: list[CapturedQuery] = field(default_factory=list)
    internal_queries: list[CapturedQuery] = field(default_factory=list)
    signals: list[CapturedSignal] = field(default_factory=list)
    row_changes: list[RowChange] = field(default_factory=list)
    result: Any = None
    exception: BaseException | None = None
    duration_ms: float = 0.0
    committed: bool = False
    vendor: str = ""
    inspection: Any = None

    @property
    def ok(self) -> bool:
        return self.exception is None

    @property
    def query_count(self) -> int:
        return len(self.queries)

    @property
    def exception_path(self) -> str | None:
        if self.exception is None:
            return None
        cls = type(self.exception)
        return f"{cls.__module__}.{cls.__qualname__}"

    def writes_by_table(self) -> dict[str, dict[str, int]]:
        """Rows each table had inserted/updated/deleted, as the database reported them."""
        writes: dict[str, dict[str, int]] = {}
        for query in self.queries:
            if query.kind in ("INSERT", "UPDATE", "DELETE") and query.table:
                per_kind = writes.setdefault(query.table, {})
                per_kind[query.kind] = per_kind.get(query.kind, 0) + max(query.rowcount or 0, 0)
        return writes

    def signals_for(self, model: type[models.Model], signal: str | None = None) -> list[CapturedSignal]:
        label = model._meta.label
        return [s for s in self.signals if s.sender == label and (signal is None or s.signal == signal)]

    def change_for(self, model: type[models.Model]) -> RowChange | None:
        table = model._meta.db_table
        return next((change for change in self.row_changes if change.table == table), None)
