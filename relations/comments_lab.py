"""The Comments comparison, measured live on the current database.

Everything the comparison page shows is computed here, on request, with
``playground.labkit.capture.run`` (rolled back): which references the database enforces
(read back through ``connection.introspection`` and proven by inserting a comment
that points at a missing row), what is left after deleting a target in each design,
how many queries listing comments with their targets takes, and which index the
"comments of one object" lookup uses. The tests call the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import cycle

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import connection, models
from django.db.models import Max

from playground.labkit.capture import Capture, run
from relations.models import ArcComment, Author, AuthorComment, Blog, BlogComment, GenericComment, Photo, PhotoComment

GENERIC, ARC, TABLE = "generic", "arc", "table"
DESIGNS = {
    GENERIC: "GenericForeignKey",
    ARC: "Exclusive arc",
    TABLE: "One table per target",
}
TARGETS = [Blog, Author, Photo]
TABLE_FOR = {Blog: BlogComment, Author: AuthorComment, Photo: PhotoComment}
ARC_FIELD = {Blog: "blog", Author: "author", Photo: "photo"}
LISTING_DEFAULT = 100
LISTING_MAX = 1000


def comment_models(design: str) -> list[type[models.Model]]:
    return {GENERIC: [GenericComment], ARC: [ArcComment], TABLE: list(TABLE_FOR.values())}[design]


def comments_for(design: str, target_model: type[models.Model], pk) -> models.QuerySet:
    """The comments on one target, in one design."""
    if design == GENERIC:
        content_type = ContentType.objects.get_for_model(target_model)
        return GenericComment.objects.filter(content_type=content_type, object_id=pk)
    if design == ARC:
        return ArcComment.objects.filter(**{f"{ARC_FIELD[target_model]}_id": pk})
    return TABLE_FOR[target_model].objects.filter(target_id=pk)


def has_generic_relation(target_model: type[models.Model]) -> bool:
    """Does the target declare a GenericRelation to GenericComment (and so cascade its deletes)?"""
    return any(
        isinstance(f, GenericRelation) and f.related_model is GenericComment for f in target_model._meta.private_fields
    )


def _reference(design: str, target_model) -> tuple[type[models.Model], str]:
    """The comment model and the column that holds a reference to a target."""
    if design == GENERIC:
        return GenericComment, GenericComment._meta.get_field("object_id").column
    if design == ARC:
        return ArcComment, ArcComment._meta.get_field(ARC_FIELD[target_model]).column
    model = TABLE_FOR[target_model]
    return model, model._meta.get_field("target").column


def _constraints(table: str) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


class _TargetNames:
    """Names of the target model for templates (a model class itself must not reach a template: it is callable)."""

    @property
    def target_key(self) -> str:
        return self._target_model._meta.model_name

    @property
    def target_title(self) -> str:
        return self._target_model._meta.verbose_name.capitalize()


# --- 1. Can the database enforce the reference? -------------------------------
@dataclass
class ReferenceCheck(_TargetNames):
    design: str
    target: type[models.Model]
    table: str
    column: str
    constraint: str | None  # the foreign key constraint read back from the database
    references: str | None  # "table.column" it points at
    orphan_insert: Capture  # inserting a comment that points at a missing row

    @property
    def _target_model(self):
        return self.target

    @property
    def enforced(self) -> bool:
        return self.constraint is not None

    @property
    def orphan_refused(self) -> bool:
        return self.orphan_insert.exception is not None


@dataclass
class ArcConstraintCheck:
    name: str | None  # the CHECK constraint read back from the database
    zero_targets: Capture
    two_targets: Capture


def _missing_pk(model) -> int:
    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1000


def _orphan(design: str, target_model) -> Callable:
    missing = _missing_pk(target_model)
    note = {"commenter": "Lab", "body": f"points at a {target_model._meta.verbose_name} that does not exist"}
    if design == GENERIC:
        ct = ContentType.objects.get_for_model(target_model)
        return lambda: GenericComment.objects.create(content_type=ct, object_id=missing, **note)
    if design == ARC:
        return lambda: ArcComment.objects.create(**{f"{ARC_FIELD[target_model]}_id": missing}, **note)
    return lambda: TABLE_FOR[target_model].objects.create(target_id=missing, **note)


def reference_checks() -> list[ReferenceCheck]:
    checks = []
    for target in TARGETS:
        for design in DESIGNS:
            model, column = _reference(design, target)
            table = model._meta.db_table
            fk = next(
                (
                    (name, info["foreign_key"])
                    for name, info in _constraints(table).items()
                    if info["foreign_key"] and info["columns"] == [column]
                ),
                (None, None),
            )
            checks.append(
                ReferenceCheck(
                    design=design,
                    target=target,
                    table=table,
                    column=column,
                    constraint=fk[0],
                    references=".".join(fk[1]) if fk[1] else None,
                    orphan_insert=run(_orphan(design, target)),
                )
            )
    return checks


def arc_constraint_check() -> ArcConstraintCheck:
    table = ArcComment._meta.db_table
    name = next((n for n, info in _constraints(table).items() if info["check"] and "exactly_one" in n), None)
    blog, author = Blog.objects.order_by("pk").first(), Author.objects.order_by("pk").first()
    note = {"commenter": "Lab", "body": "breaks the arc"}
    # objects.create() skips full_clean(): only the database stands between these rows and the table.
    return ArcConstraintCheck(
        name=name,
        zero_targets=run(lambda: ArcComment.objects.create(**note)),
        two_targets=run(lambda: ArcComment.objects.create(blog=blog, author=author, **note)),
    )


# --- 2. What is left after deleting a target? ---------------------------------
@dataclass
class DeletionOutcome:
    design: str
    before: int  # comments on the target before the delete
    after: int  # comments still pointing at its id afterwards
    table_delta: int  # change in the design's comment table(s), from row counts

    outcome: str = ""


@dataclass
class DeletionRun(_TargetNames):
    target_model: type[models.Model]
    target: str
    pk: int
    capture: Capture
    outcomes: list[DeletionOutcome] = field(default_factory=list)
    dangling_generic_after: int = 0  # dangling generic comments in the whole table, found by anti-join

    @property
    def _target_model(self):
        return self.target_model

    @property
    def has_generic_relation(self) -> bool:
        return has_generic_relation(self.target_model)

    def outcome(self, design: str) -> DeletionOutcome:
        return next(o for o in self.outcomes if o.design == design)


def deletion_target(model):
    """The first target that has generic comments (the interesting case), else the first one."""
    ct = ContentType.objects.get_for_model(model)
    commented = GenericComment.objects.filter(content_type=ct).values("object_id")
    return (
        model._default_manager.filter(pk__in=commented).order_by("pk").first()
        or model._default_manager.order_by("pk").first()
    )


def delete_target(obj) -> DeletionRun:
    """Delete one target through the ORM (rolled back) and classify what happened to each design's comments."""
    model, pk, label = type(obj), obj.pk, str(obj)
    before = {design: comments_for(design, model, pk).count() for design in DESIGNS}
    watched = [GenericComment, ArcComment, *TABLE_FOR.values()]

    def what_is_left():
        return {
            "after": {design: comments_for(design, model, pk).count() for design in DESIGNS},
            "target_exists": model._base_manager.filter(pk=pk).exists(),
            "dangling_generic": GenericComment.objects.dangling().count(),
        }

    capture = run(obj.delete, watch=watched, inspect=what_is_left)
    left = capture.inspection
    result = DeletionRun(
        target_model=model, target=label, pk=pk, capture=capture, dangling_generic_after=left["dangling_generic"]
    )
    for design in DESIGNS:
        delta = sum(capture.change_for(m).delta for m in comment_models(design))
        outcome = DeletionOutcome(design, before[design], left["after"][design], delta)
        if capture.exception is not None:
            outcome.outcome = "blocked"
        elif before[design] == 0:
            outcome.outcome = "no comments"
        elif outcome.after == 0:
            outcome.outcome = "cascaded"
        elif not left["target_exists"]:
            outcome.outcome = "dangling"
        else:
            outcome.outcome = "kept"
        result.outcomes.append(outcome)
    return result


def deletion_runs() -> list[DeletionRun]:
    return [delete_target(obj) for model in TARGETS if (obj := deletion_target(model)) is not None]


# --- 3. Listing N comments with their targets ---------------------------------
@dataclass
class ListingStrategy:
    design: str
    label: str
    code: str
    fn: Callable[[int], list[str]]


def _generic_plain(n):
    return [str(c.target) for c in GenericComment.objects.all()[:n]]


def _generic_prefetch(n):
    return [str(c.target) for c in GenericComment.objects.prefetch_related("target")[:n]]


def _generic_prefetch_querysets(n):
    # GenericPrefetch: one queryset per target type, each narrowed to what the label needs.
    prefetch = GenericPrefetch(
        "target", [Blog.objects.only("title"), Author.objects.only("name"), Photo.objects.only("title")]
    )
    return [str(c.target) for c in GenericComment.objects.prefetch_related(prefetch)[:n]]


def _arc_plain(n):
    return [str(c.target) for c in ArcComment.objects.all()[:n]]


def _arc_select_related(n):
    return [str(c.target) for c in ArcComment.objects.select_related("blog", "author", "photo")[:n]]


def _arc_fetch_peers(n):
    return [str(c.target) for c in ArcComment.objects.fetch_mode(models.FETCH_PEERS)[:n]]


def _table_select_related(n):
    labels = []
    for model in TABLE_FOR.values():
        labels += [str(c.target) for c in model.objects.select_related("target")[: n - len(labels)]]
    return labels[:n]


LISTING_STRATEGIES = [
    ListingStrategy(GENERIC, "no prefetch", "GenericComment.objects.all()[:n]", _generic_plain),
    ListingStrategy(
        GENERIC, "prefetch_related", 'GenericComment.objects.prefetch_related("target")', _generic_prefetch
    ),
    ListingStrategy(
        GENERIC,
        "GenericPrefetch",
        'prefetch_related(GenericPrefetch("target", [Blog.objects.only("title"), Author…, Photo…]))',
        _generic_prefetch_querysets,
    ),
    ListingStrategy(ARC, "no select_related", "ArcComment.objects.all()[:n]", _arc_plain),
    ListingStrategy(
        ARC, "select_related", 'ArcComment.objects.select_related("blog", "author", "photo")', _arc_select_related
    ),
    ListingStrategy(ARC, "FETCH_PEERS", "ArcComment.objects.fetch_mode(models.FETCH_PEERS)", _arc_fetch_peers),
    ListingStrategy(
        TABLE,
        "select_related, per table",
        'for M in (BlogComment, AuthorComment, PhotoComment): M.objects.select_related("target")',
        _table_select_related,
    ),
]


@dataclass
class ListingResult:
    strategy: ListingStrategy
    capture: Capture

    @property
    def listed(self) -> int:
        return len(self.capture.result or [])

    @property
    def queries(self) -> int:
        # Statements sent to fetch the rows; the capture's own SAVEPOINT/RELEASE are not the ORM's.
        return sum(1 for q in self.capture.queries if q.kind != "OTHER")


@dataclass
class ListingReport:
    n: int
    added: dict[str, int]  # comments generated (and rolled back) to reach n, per design
    results: list[ListingResult]
    error: BaseException | None = None


def parse_listing_size(raw: str | None) -> tuple[int, str | None]:
    """The n of "list n comments" from the query string, and a message when it had to be corrected."""
    if raw is None or raw == "":
        return LISTING_DEFAULT, None
    try:
        n = int(raw)
    except ValueError:
        return LISTING_DEFAULT, f"“{raw}” is not a whole number: listing {LISTING_DEFAULT} comments instead."
    if not 1 <= n <= LISTING_MAX:
        clamped = min(max(n, 1), LISTING_MAX)
        return clamped, f"n must be between 1 and {LISTING_MAX}: listing {clamped} comments instead."
    return n, None


def top_up(n: int) -> dict[str, int]:
    """Create comments (spread over every existing target) until each design has at least n."""
    targets = [obj for model in TARGETS for obj in model._default_manager.order_by("pk")]
    added = {design: 0 for design in DESIGNS}
    if not targets:
        return added
    note = {"commenter": "Generated", "body": "added for the listing measurement, rolled back"}

    def spread(count):
        picks = cycle(targets)
        return [next(picks) for _ in range(max(0, count))]

    generic = spread(n - GenericComment.objects.count())
    GenericComment.objects.bulk_create(GenericComment(target=t, **note) for t in generic)
    added[GENERIC] = len(generic)
    arc = spread(n - ArcComment.objects.count())
    ArcComment.objects.bulk_create(ArcComment(**{ARC_FIELD[type(t)]: t}, **note) for t in arc)
    added[ARC] = len(arc)
    table = spread(n - sum(m.objects.count() for m in TABLE_FOR.values()))
    for model in TABLE_FOR.values():
        model.objects.bulk_create(model(target=t, **note) for t in table if TABLE_FOR[type(t)] is model)
    added[TABLE] = len(table)
    return added


def measure_listing(n: int = LISTING_DEFAULT) -> ListingReport:
    """List n comments with their targets in every design and strategy, counting queries.

    Comments are generated up to n inside a transaction that is rolled back; the content
    type cache is warmed first, as it is in any running process, so its one-off lookups
    are not counted against GenericForeignKey.
    """

    def scenario():
        added = top_up(n)
        ContentType.objects.get_for_models(*TARGETS)
        return added, [ListingResult(s, run(lambda s=s: s.fn(n))) for s in LISTING_STRATEGIES]

    outer = run(scenario)
    if outer.exception is not None:
        return ListingReport(n=n, added={}, results=[], error=outer.exception)
    added, results = outer.result
    return ListingReport(n=n, added=added, results=results)


# --- 4. Which index does "the comments of one object" use? --------------------
@dataclass
class PlanRow(_TargetNames):
    design: str
    target: type[models.Model]
    table: str
    indexes: list[str]
    used: list[str]
    capture: Capture

    @property
    def _target_model(self):
        return self.target

    @property
    def plan(self) -> str:
        return self.capture.result or ""


def _indexes(table: str) -> list[str]:
    return sorted(name for name, info in _constraints(table).items() if info["index"] and not info["primary_key"])


def explain_lookups() -> list[PlanRow]:
    rows = []
    for target in TARGETS:
        obj = target._default_manager.order_by("pk").first()
        pk = obj.pk if obj else 1
        for design in DESIGNS:
            queryset = comments_for(design, target, pk)
            table = queryset.model._meta.db_table

            def explain(queryset=queryset):
                if connection.vendor == "postgresql":
                    # The demo tables are tiny, so PostgreSQL rightly prefers a sequential scan;
                    # switched off (for this rolled-back transaction only) to see the index it
                    # would pick on a big table.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL enable_seqscan = off")
                return queryset.explain()

            capture = run(explain)
            indexes = _indexes(table)
            plan = capture.result or ""
            used = [name for name in indexes if re.search(rf"\b{re.escape(name)}\b", plan)]
            rows.append(PlanRow(design, target, table, indexes, used, capture))
    return rows


def dangling_generic_now() -> list[tuple[str, int]]:
    """Dangling generic comments in the database right now, per target type."""
    counts = (
        GenericComment.objects.dangling()
        .values_list("content_type__app_label", "content_type__model")
        .annotate(n=models.Count("pk"))
        .order_by("content_type__app_label", "content_type__model")
    )
    return [(f"{app}.{model}", n) for app, model, n in counts]


def by_target(rows: list) -> list[tuple[str, list]]:
    """Rows that have a ``target`` model, grouped under its verbose name, in TARGETS order."""
    return [
        (target._meta.verbose_name.capitalize(), [row for row in rows if row.target is target]) for target in TARGETS
    ]
