"""Measuring a task: run it through ``playground.labkit.capture.run`` (rolled back), keep SQL and time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from inheritance.comparison.styles import STYLES, TASKS, Style, style
from inheritance.models import Supplier
from playground.labkit.capture import Capture, run

REPEATS = 3


@dataclass
class Measurement:
    """One task of one style: the SQL of one run and the best time of a few."""

    task: str
    capture: Capture | None = None
    best_ms: float | None = None
    skipped: str = ""  # why the task could not run (no demo data)

    @property
    def queries(self):
        # The rollback wrapper's SAVEPOINT statements are not the ORM's work: leave them out.
        return [q for q in self.capture.queries if q.kind != "OTHER"] if self.capture else []

    @property
    def query_count(self) -> int:
        return len(self.queries)

    @property
    def joins(self) -> int:
        return sum(q.sql.upper().count(" JOIN ") for q in self.queries)

    @property
    def tables_written(self) -> list[str]:
        return sorted({q.table for q in self.queries if q.kind in ("INSERT", "UPDATE", "DELETE") and q.table})


def measure(
    fn: Callable[..., object], task: str, repeats: int = REPEATS, prepare: Callable[[], object] | None = None
) -> Measurement:
    """Run ``fn`` ``repeats`` times, each rolled back; keep the last SQL and the fastest time.

    ``prepare`` runs before each repetition, outside the capture (so its queries are not
    counted), and its result is passed to ``fn``: the object a delete deletes is fetched
    afresh each time, since even a rolled-back delete clears the instance's pk.
    """
    measurement = Measurement(task)
    for _ in range(repeats):
        if prepare is None:
            capture = run(fn, check_constraints=False)
        else:
            prepared = prepare()
            capture = run(lambda prepared=prepared: fn(prepared), check_constraints=False)
        measurement.capture = capture
        if capture.exception is not None:
            break
        if measurement.best_ms is None or capture.duration_ms < measurement.best_ms:
            measurement.best_ms = capture.duration_ms
    return measurement


def warm_caches() -> None:
    """Load every content type once, so that no measurement pays for the first lookup."""
    ContentType.objects.get_for_models(*{m for s in STYLES for m in (*s.tables_models, *s.tableless_models)})
    ContentType.objects.get_for_models(
        *{m for s in STYLES for m in (*s.tables_models, *s.tableless_models)}, for_concrete_models=False
    )


def measure_style(s: Style, n: int, repeats: int = REPEATS) -> dict[str, Measurement]:
    supplier = Supplier.objects.order_by("pk").first()
    target = s.last_name()
    results = {"list": measure(lambda: s.list_products(n), "list", repeats)}
    if target is None:
        for task in ("fetch", "delete"):
            results[task] = Measurement(task, skipped="no products in this style: run manage.py setup_demo")
    else:
        results["fetch"] = measure(lambda: s.fetch(target), "fetch", repeats)
        results["delete"] = measure(s.delete, "delete", repeats, prepare=lambda: s.fetch(target))
    if supplier is None:
        results["create"] = Measurement("create", skipped="no supplier: run manage.py setup_demo")
    else:
        results["create"] = measure(lambda: s.create(supplier), "create", repeats)
    return {task: results[task] for task, _ in TASKS}


@dataclass
class CacheRun:
    """The polymorphic listing measured with the ContentType cache in one state."""

    state: str  # "cold" or "warm"
    label: str
    measurement: Measurement


def measure_content_type_cache(n: int, repeats: int = REPEATS) -> list[CacheRun]:
    """django-polymorphic's listing with an empty ContentType cache (a fresh process) and a filled one.

    django-polymorphic maps each row's ``polymorphic_ctype_id`` to a class through
    ``ContentType.objects.get_for_id()``, which asks the database once per content type and
    per process. The cold run empties the cache before each repetition (outside the capture).
    """
    listing = style("polymorphic").list_products
    cold = measure(lambda _: listing(n), "list", repeats, prepare=ContentType.objects.clear_cache)
    warm_caches()  # leave the process as it was: the cache filled
    warm = measure(lambda: listing(n), "list", repeats)
    return [
        CacheRun("cold", "cold: ContentType cache empty, as in the first request of a fresh process", cold),
        CacheRun("warm", "warm: content types already cached, as in every later request", warm),
    ]
