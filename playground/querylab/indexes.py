"""Each index of the lab's models beside the query it serves, and its plan with and without it.

The recipes (``playground/querylab/recipes/``) and the benchmark
(``benchmarks/indexes.py``) read the same list, so the page, the tests and the
figures are about the very definitions in ``Meta.indexes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.functions import Lower

from playground.querylab import ticket_rows
from playground.querylab.models import LabelledTicket, SupportTicket

# Rows the lab seeds (inside its rolled-back transaction) before asking for a plan:
# enough for PostgreSQL's planner to prefer an index over reading the whole table.
PLAN_ROWS = 5000


@dataclass(frozen=True)
class IndexExample:
    kind: str
    model: type[models.Model]
    index_name: str
    question: str
    query: Callable[[], models.QuerySet]
    postgres_only: bool = False

    @property
    def index(self) -> models.Index:
        return next(index for index in self.model._meta.indexes if index.name == self.index_name)

    def create_sql(self, using: str = DEFAULT_DB_ALIAS) -> str:
        # A schema editor that is never entered only builds SQL; entering one inside a
        # transaction is refused on SQLite.
        editor = connections[using].schema_editor(collect_sql=True)
        return str(self.index.create_sql(self.model, editor))

    def seed(self, rows: int, using: str = DEFAULT_DB_ALIAS) -> int:
        if self.model is LabelledTicket:
            return ticket_rows.seed_labelled_tickets(rows, using=using)
        return ticket_rows.seed_tickets(rows, using=using)


EXAMPLES = [
    IndexExample(
        kind="composite",
        model=SupportTicket,
        index_name="ticket_customer_recent_idx",
        question="A customer's ten latest tickets",
        query=lambda: SupportTicket.objects.filter(customer_email="customer42@example.com").order_by("-opened_at")[:10],
    ),
    IndexExample(
        kind="partial",
        model=SupportTicket,
        index_name="ticket_open_queue_idx",
        question="The open queue, oldest first",
        query=lambda: SupportTicket.objects.filter(status="open").order_by("opened_at")[:20],
    ),
    IndexExample(
        kind="expression",
        model=SupportTicket,
        index_name="ticket_subject_lower_idx",
        question="A ticket by its subject, ignoring case",
        query=lambda: SupportTicket.objects.alias(subject_lower=Lower("subject")).filter(
            subject_lower="refund request #4242"
        ),
    ),
    IndexExample(
        kind="GIN",
        model=LabelledTicket,
        index_name="labelled_ticket_labels_gin",
        question="Tickets labelled 'refund' (array containment, @>)",
        query=lambda: LabelledTicket.objects.filter(labels__contains=["refund"]),
        postgres_only=True,
    ),
]


def example(kind: str) -> IndexExample:
    return next(e for e in EXAMPLES if e.kind == kind)


def explain_options(using: str = DEFAULT_DB_ALIAS) -> dict:
    # EXPLAIN ANALYZE runs the query and reports real times; SQLite has no such option.
    return {"analyze": True} if connections[using].vendor == "postgresql" else {}


def explain(queryset: models.QuerySet, note: str = "", using: str = DEFAULT_DB_ALIAS) -> str:
    """QuerySet.explain(), with EXPLAIN ANALYZE on PostgreSQL.

    On SQLite the plan of an identical statement text comes from Python's statement
    cache, even after DROP INDEX; a trailing comment naming the situation makes the
    text differ, so SQLite plans it afresh.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or not note:
        return queryset.explain(**explain_options(using))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql} -- {note}", params)
        rows = cursor.fetchall()
    return "\n".join(" ".join(str(part) for part in row) for row in rows)


def drop_index(example: IndexExample, using: str = DEFAULT_DB_ALIAS) -> None:
    """DROP INDEX with plain SQL: DDL is transactional on PostgreSQL and SQLite, so the
    caller's rollback brings the index back (a schema editor cannot run inside a
    transaction on SQLite)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(example.index_name)}")


def plans_with_and_without(example: IndexExample, rows: int = PLAN_ROWS, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Seed, plan the query with its index, drop the index, plan again. Call it inside a
    transaction that is rolled back (capture.run does): the rows and the DROP are undone."""
    example.seed(rows, using=using)
    if example.kind == "GIN":
        ticket_rows.flush_gin_pending_list(example.index_name, using=using)
    ticket_rows.analyze(example.model, using=using)
    with_index = explain(example.query(), using=using)
    drop_index(example, using=using)
    without_index = explain(example.query(), note=f"after DROP INDEX {example.index_name}", using=using)
    return {
        "index": example.create_sql(using),
        "query": str(example.query().query),
        "with the index": with_index,
        "without it": without_index,
    }
