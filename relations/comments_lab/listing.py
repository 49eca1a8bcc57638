"""Listing N comments with their targets, in every design and strategy, counting queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models

from playground.labkit.capture import Capture, run
from relations.comments_lab.designs import ARC, ARC_FIELD, DESIGNS, GENERIC, TABLE, TABLE_FOR, TARGETS
from relations.models import ArcComment, Author, Blog, GenericComment, Photo

LISTING_DEFAULT = 100
LISTING_MAX = 1000


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
