"""Can the query join through the reference? Tried live: what raises, what works, and its SQL.

A GenericForeignKey is two plain columns, not a relation the query compiler can follow:
``select_related('target')`` and ``filter(target__…)`` raise ``FieldError``. A
``GenericRelation`` on the target (``Blog.comments``, ``related_query_name='blog'``)
gives the compiler a join condition (``object_id = blog.id AND content_type_id = …``),
so ``GenericComment.objects.filter(blog__title__…)`` works — from the comments to the
blogs only, and only for targets that declare one. The arc and per-table designs are
foreign keys, joined like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playground.labkit.capture import Capture, run
from relations.models import ArcComment, GenericComment

TITLE_WORD = "relational"


@dataclass(frozen=True)
class JoinAttempt:
    design: str
    code: str
    lesson: str
    query: Callable[[], list]


@dataclass
class JoinResult:
    attempt: JoinAttempt
    capture: Capture

    @property
    def works(self) -> bool:
        return self.capture.exception is None

    @property
    def error(self) -> str:
        if self.capture.exception is None:
            return ""
        return f"{type(self.capture.exception).__name__}: {self.capture.exception}"

    @property
    def rows(self) -> int | None:
        return len(self.capture.result) if self.works else None


ATTEMPTS = [
    JoinAttempt(
        "generic",
        "GenericComment.objects.select_related('target')",
        "A GenericForeignKey is not a relation the compiler can join: the content type decides the table per row.",
        lambda: list(GenericComment.objects.select_related("target")),
    ),
    JoinAttempt(
        "generic",
        f"GenericComment.objects.filter(target__title__icontains={TITLE_WORD!r})",
        "Filtering through it fails the same way: there is no single table behind 'target'.",
        lambda: list(GenericComment.objects.filter(target__title__icontains=TITLE_WORD)),
    ),
    JoinAttempt(
        "generic",
        f"GenericComment.objects.filter(blog__title__icontains={TITLE_WORD!r})",
        "Blog declares comments = GenericRelation(..., related_query_name='blog'): one known table, so a JOIN "
        "on object_id and content_type_id. Author and Photo declare none, so there is no author__ or photo__.",
        lambda: list(GenericComment.objects.filter(blog__title__icontains=TITLE_WORD)),
    ),
    JoinAttempt(
        "arc",
        f"ArcComment.objects.select_related('blog').filter(blog__title__icontains={TITLE_WORD!r})",
        "A real foreign key per target: joined, filtered and constrained like any other.",
        lambda: list(ArcComment.objects.select_related("blog").filter(blog__title__icontains=TITLE_WORD)),
    ),
]


def try_joins() -> list[JoinResult]:
    """Run every attempt (rolled back, though they only read) and keep the SQL or the error."""
    return [JoinResult(attempt, run(attempt.query, check_constraints=False)) for attempt in ATTEMPTS]
