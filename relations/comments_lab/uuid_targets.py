"""Generic comments on a UUID-keyed target: what ``object_id`` must be, and what it costs, measured live.

- ``integer_column_attempt()``: a ``GenericComment`` (bigint ``object_id``) pointed at a UUID
  invoice: Django turns the UUID into its 128-bit integer and the database refuses it.
- ``stored_forms()``: what the text ``object_id`` holds for a UUID target, beside the form the
  target's own key column holds it in (PostgreSQL: a ``uuid``; SQLite: 32 hex digits, no hyphens).
- ``uuid_ways()``: the ways to reach comments from invoices and back — the reverse accessor,
  a filter through the ``GenericRelation`` (a JOIN), a COUNT through it, ``prefetch_related``
  both ways — each with its SQL, its query count and the rows it found, so a JOIN that silently
  finds nothing (SQLite compares the two text forms) shows as a wrong count, not as an error.
  Each way runs twice on the same invoice: against ``InvoiceComment`` (one text ``object_id``)
  and against ``TypedKeyComment`` (a bigint ``object_id`` and a ``uuid`` ``object_uuid``).
- ``design_columns()``: what each design's key columns are on this database, and the ON clause
  its JOIN sent (the text design's casts on PostgreSQL; the typed design's compares like with like).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count

from playground.labkit import limits
from playground.labkit.capture import Capture, run
from relations.models import GenericComment, IntegerKeyedInvoice, InvoiceComment, TypedKeyComment, UUIDKeyedInvoice


def _invoice_with_comments() -> UUIDKeyedInvoice | None:
    """The UUID invoice with the most text-keyed comments (counted in Python: no JOIN to trust)."""
    counts: dict[str, int] = {}
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    # A sample of invoices, so the page stays bounded whatever the table's size.
    invoices = list(UUIDKeyedInvoice.objects.order_by("pk")[: limits.sample_rows()])
    comments = InvoiceComment.objects.filter(content_type=content_type, object_id__in=[str(i.pk) for i in invoices])
    for object_id in comments.values_list("object_id", flat=True):
        counts[object_id] = counts.get(object_id, 0) + 1
    for invoice in sorted(invoices, key=lambda i: -counts.get(str(i.pk), 0)):
        return invoice
    return None


def integer_column_attempt() -> Capture | None:
    """Save a GenericComment (bigint object_id) on a UUID invoice, rolled back: the database's answer.

    None without a UUID invoice to point at (an empty database): there is nothing to try.
    """
    invoice = UUIDKeyedInvoice.objects.order_by("issued_at").first()
    if invoice is None:
        return None
    content_type = ContentType.objects.get_for_model(UUIDKeyedInvoice)
    return run(
        lambda: GenericComment.objects.create(
            content_type=content_type, object_id=invoice.pk, commenter="Lab", body="on a UUID"
        ),
        check_constraints=False,
    )


@dataclass
class StoredForms:
    invoice: str
    key_column: str  # the invoice's id as its own column holds it
    object_id: str  # the same invoice as the text object_id holds it

    @property
    def same_text(self) -> bool:
        return self.key_column == self.object_id


def stored_forms() -> StoredForms | None:
    invoice = _invoice_with_comments()
    if invoice is None:
        return None
    table = connection.ops.quote_name(UUIDKeyedInvoice._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE number = %s", [invoice.number])  # noqa: S608
        (raw,) = cursor.fetchone()
    # What Django writes into the text column for this target: str(uuid), hyphens included.
    object_id = InvoiceComment._meta.get_field("object_id").get_db_prep_save(invoice.pk, connection)
    return StoredForms(invoice.number, str(raw), object_id)


@dataclass(frozen=True)
class UUIDQuery:
    code: str
    lesson: str
    fn: Callable[[UUIDKeyedInvoice], int]


@dataclass
class UUIDQueryResult:
    query: UUIDQuery
    capture: Capture

    @property
    def found(self) -> int | None:
        return self.capture.result if self.capture.exception is None else None

    @property
    def queries(self) -> int:
        return sum(1 for q in self.capture.queries if q.kind != "OTHER")


UUID_QUERIES = [
    UUIDQuery(
        "invoice.comments.count()",
        "The reverse accessor filters object_id = str(invoice.pk): Python formats the UUID, the text matches.",
        lambda invoice: invoice.comments.count(),
    ),
    UUIDQuery(
        "InvoiceComment.objects.filter(uuid_invoice__number=invoice.number).count()",
        "A JOIN through the GenericRelation: text object_id against the key (PostgreSQL: a cast in the ON clause).",
        lambda invoice: InvoiceComment.objects.filter(uuid_invoice__number=invoice.number).count(),
    ),
    UUIDQuery(
        "UUIDKeyedInvoice.objects.annotate(n=Count('comments')).get(pk=invoice.pk).n",
        "The JOIN the other way: PostgreSQL casts object_id to uuid, so each such row must hold a valid UUID.",
        lambda invoice: UUIDKeyedInvoice.objects.annotate(n=Count("comments")).get(pk=invoice.pk).n,
    ),
    UUIDQuery(
        "len(UUIDKeyedInvoice.objects.prefetch_related('comments').get(pk=invoice.pk).comments.all())",
        "Two queries, no JOIN: the comments by object_id IN (str(uuid), …), matched up in Python.",
        lambda invoice: len(UUIDKeyedInvoice.objects.prefetch_related("comments").get(pk=invoice.pk).comments.all()),
    ),
    UUIDQuery(
        "InvoiceComment.objects.order_by('pk')[:N].prefetch_related('target'): those whose target is this invoice",
        "One query per target type: the text ids are turned back into UUIDs (or integers) by the key field"
        " (the first N comments, N the lab's sample size).",
        lambda invoice: sum(
            1
            for c in InvoiceComment.objects.order_by("pk")[: limits.sample_rows()].prefetch_related("target")
            if c.target == invoice
        ),
    ),
]


TYPED_QUERIES = [
    UUIDQuery(
        "invoice.typed_comments.count()",
        "The reverse accessor filters object_uuid = invoice.pk: a UUID against a UUID column.",
        lambda invoice: invoice.typed_comments.count(),
    ),
    UUIDQuery(
        "TypedKeyComment.objects.filter(uuid_invoice__number=invoice.number).count()",
        "A JOIN through the GenericRelation on object_uuid: the same type on both sides, no cast.",
        lambda invoice: TypedKeyComment.objects.filter(uuid_invoice__number=invoice.number).count(),
    ),
    UUIDQuery(
        "UUIDKeyedInvoice.objects.annotate(n=Count('typed_comments')).get(pk=invoice.pk).n",
        "The JOIN the other way, on object_uuid; the integer comments' NULL object_uuid matches nothing.",
        lambda invoice: UUIDKeyedInvoice.objects.annotate(n=Count("typed_comments")).get(pk=invoice.pk).n,
    ),
    UUIDQuery(
        "len(UUIDKeyedInvoice.objects.prefetch_related('typed_comments').get(pk=invoice.pk).typed_comments.all())",
        "Two queries, no JOIN: the comments by object_uuid IN (…), matched up in Python.",
        lambda invoice: len(
            UUIDKeyedInvoice.objects.prefetch_related("typed_comments").get(pk=invoice.pk).typed_comments.all()
        ),
    ),
    UUIDQuery(
        "TypedKeyComment.objects.order_by('pk')[:N].prefetch_related('int_target', 'uuid_target'):"
        " those whose target is this invoice",
        "Two GenericForeignKeys, one query per target type between them: each skips the rows whose column is NULL.",
        lambda invoice: sum(
            1
            for c in TypedKeyComment.objects.order_by("pk")[: limits.sample_rows()].prefetch_related(
                "int_target", "uuid_target"
            )
            if c.target == invoice
        ),
    ),
]

# The five ways, by name: row n of the page runs UUID_QUERIES[n] and TYPED_QUERIES[n].
WAYS = [
    "the reverse accessor",
    "a JOIN from the comments",
    "a JOIN from the invoices (COUNT)",
    "prefetching the comments",
    "prefetching the targets",
]


@dataclass
class UUIDWay:
    name: str
    text: UUIDQueryResult  # InvoiceComment: one text object_id
    typed: UUIDQueryResult  # TypedKeyComment: bigint object_id, uuid object_uuid

    @property
    def both(self) -> tuple[UUIDQueryResult, UUIDQueryResult]:
        return self.text, self.typed


def _measure(queries: list[UUIDQuery], invoice: UUIDKeyedInvoice) -> list[UUIDQueryResult]:
    return [UUIDQueryResult(q, run(lambda q=q: q.fn(invoice), check_constraints=False)) for q in queries]


def uuid_ways() -> tuple[str, list[UUIDWay]]:
    """Run every way of reaching the comments of one UUID invoice, in both designs (rolled back)."""
    invoice = _invoice_with_comments()
    if invoice is None:
        return "", []
    # A warm content type cache, as in a running process: its one-off lookups are not counted.
    ContentType.objects.get_for_models(InvoiceComment, TypedKeyComment, UUIDKeyedInvoice, IntegerKeyedInvoice)
    text, typed = _measure(UUID_QUERIES, invoice), _measure(TYPED_QUERIES, invoice)
    return invoice.number, [UUIDWay(*way) for way in zip(WAYS, text, typed, strict=True)]


@dataclass
class DesignColumns:
    design: str
    columns: list[tuple[str, str]]  # (column, its type on this database), the invoice's key last
    join_on: str  # the ON clause the JOIN from the comments sent; "" if it did not run

    @property
    def casts(self) -> bool:
        return "::" in self.join_on or "CAST(" in self.join_on.upper()


def _on_clause(result: UUIDQueryResult) -> str:
    for query in result.capture.queries:
        if " JOIN " in query.sql and " ON " in query.sql:
            return query.sql.split(" ON ", 1)[1].split(" WHERE ", 1)[0]
    return ""


def design_columns(ways: list[UUIDWay]) -> list[DesignColumns]:
    """Each design's key columns as this database types them, beside the ON clause of its JOIN (way 2)."""
    key = ("invoice id", UUIDKeyedInvoice._meta.pk.db_type(connection))
    text = [("object_id", InvoiceComment._meta.get_field("object_id").db_type(connection)), key]
    typed = [(name, TypedKeyComment._meta.get_field(name).db_type(connection)) for name in ("object_id", "object_uuid")]
    join = ways[1] if len(ways) > 1 else None
    return [
        DesignColumns("InvoiceComment", text, _on_clause(join.text) if join else ""),
        DesignColumns("TypedKeyComment", [*typed, key], _on_clause(join.typed) if join else ""),
    ]
