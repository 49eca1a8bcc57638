"""The inheritance comparison: the same tasks run against each style, measured live.

Every style answers the same four questions about the same catalogue —

- **list** the first N products, each with the fields only its kind has;
- **fetch** one product, by name, as its own kind;
- **create** one book;
- **delete** one product —

and ``compare()`` runs each through ``playground.labkit.capture.run`` (rolled back), so
the SQL, the number of queries and the time come from the database in use, not
from prose; the deletes are read from the toolkit's delete report
(``playground.labkit.deletion``). ``read_table()`` reads each style's tables and columns back through
``connection.introspection``. The admin page (``inheritance/admin/comparison.py``)
and the tests call the same functions, so the page cannot drift from the facts.

The same tasks measure four shapes of inheritance *depth* (``depth``: three levels, a
proxy of a multi-table child, a proxy of a polymorphic child, two concrete parents), and
``depth_variants`` lists and deletes them level by level.

The package: ``styles`` (the four styles and their tasks), ``measure`` (one task,
captured), ``variants`` (other listings and deletes), ``tables`` (introspection),
``depth`` and ``depth_variants`` (the depth shapes); this module puts them together for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from inheritance.comparison.depth import DEPTH_TASKS, SHAPES, shape, warm_shape_caches
from inheritance.comparison.depth_variants import measure_depth_deletes, measure_depth_variants
from inheritance.comparison.measure import (
    REPEATS,
    CacheRun,
    Measurement,
    measure,
    measure_content_type_cache,
    measure_style,
    warm_caches,
)
from inheritance.comparison.styles import NEW_BOOK, STYLES, TASKS, ListedProduct, Style, describe, style
from inheritance.comparison.tables import Column, Table, read_table
from inheritance.comparison.variants import (
    DELETE_TARGET,
    DeleteVariant,
    ListingVariant,
    delete_variants,
    listing_variants,
    measure_deletes,
    measure_variants,
)
from inheritance.models import STANDALONE_MODELS

DEFAULT_N = 10
MAX_N = 200

__all__ = [
    "DEFAULT_N",
    "DEPTH_TASKS",
    "DELETE_TARGET",
    "MAX_N",
    "NEW_BOOK",
    "REPEATS",
    "SHAPES",
    "STANDALONE_MODELS",
    "STYLES",
    "TASKS",
    "BadInput",
    "CacheRun",
    "Column",
    "Comparison",
    "DeleteVariant",
    "ListedProduct",
    "ListingVariant",
    "Measurement",
    "Style",
    "StyleReport",
    "Table",
    "compare",
    "delete_variants",
    "describe",
    "listing_variants",
    "measure",
    "measure_content_type_cache",
    "measure_deletes",
    "measure_style",
    "measure_variants",
    "parse_n",
    "read_table",
    "shape",
    "style",
    "warm_caches",
]


class BadInput(ValueError):
    """A request parameter the page cannot use; the message says what would work."""


def parse_n(raw: str | None) -> int:
    """N from the query string: a whole number from 1 to MAX_N; missing means DEFAULT_N."""
    if raw is None or raw == "":
        return DEFAULT_N
    try:
        n = int(raw)
    except ValueError:
        raise BadInput(f"N must be a whole number from 1 to {MAX_N}, not {raw!r}.") from None
    if not 1 <= n <= MAX_N:
        raise BadInput(f"N must be from 1 to {MAX_N} (it is capped so the page stays quick), not {n}.")
    return n


# --- The whole comparison ----------------------------------------------------------------


@dataclass
class StyleReport:
    style: Style
    tables: list[Table]
    tableless: list[str]
    measurements: dict[str, Measurement]
    products: int
    task_labels: tuple[tuple[str, str], ...] = TASKS

    @property
    def tasks(self) -> list[tuple[str, str, Measurement]]:
        return [(task, label, self.measurements[task]) for task, label in self.task_labels]

    @property
    def fetched_class(self) -> str:
        """The Python class the fetch task returned (a proxy, where the row or the query chose one)."""
        fetch = self.measurements["fetch"]
        result = fetch.capture.result if fetch.capture else None
        return type(result).__name__ if result is not None else ""


@dataclass
class Comparison:
    n: int
    vendor: str
    reports: list[StyleReport]
    variants: list[ListingVariant]
    deletes: list[DeleteVariant]
    content_type_cache: list[CacheRun]
    shapes: list[StyleReport]
    depth_variants: list[ListingVariant]
    depth_deletes: list[DeleteVariant]

    @property
    def task_rows(self) -> list[tuple[str, str, list[tuple[StyleReport, Measurement]]]]:
        """Tasks down, styles across: the page's main table."""
        return [(task, label, [(r, r.measurements[task]) for r in self.reports]) for task, label in TASKS]

    @property
    def depth_task_rows(self) -> list[tuple[str, str, list[tuple[StyleReport, Measurement]]]]:
        """Tasks down, depth shapes across: the same tasks, the depth table."""
        return [(task, label, [(r, r.measurements[task]) for r in self.shapes]) for task, label in DEPTH_TASKS]


def report(s: Style, n: int, repeats: int = REPEATS, task_labels=TASKS) -> StyleReport:
    """One style or shape: its tables read back, its tasks measured, its rows counted."""
    return StyleReport(
        style=s,
        tables=[read_table(model) for model in s.tables_models],
        tableless=[m._meta.label for m in s.tableless_models],
        measurements=measure_style(s, n, repeats),
        products=s.count(),
        task_labels=task_labels,
    )


def compare(n: int = DEFAULT_N, repeats: int = REPEATS) -> Comparison:
    warm_caches()  # the style table is measured warm; measure_content_type_cache() shows cold beside it
    warm_shape_caches()
    reports = [report(s, n, repeats) for s in STYLES]
    variants, deletes = measure_variants(n, repeats), measure_deletes()
    shapes = [report(s, n, repeats, DEPTH_TASKS) for s in SHAPES]
    depth_variants, depth_deletes = measure_depth_variants(n, repeats), measure_depth_deletes()
    # Last: the cold run empties the ContentType cache (and fills it again).
    cache_runs = measure_content_type_cache(n, repeats)
    warm_shape_caches()  # the cold run emptied the whole cache; it refilled only the styles' content types
    return Comparison(
        n, connection.vendor, reports, variants, deletes, cache_runs, shapes, depth_variants, depth_deletes
    )
