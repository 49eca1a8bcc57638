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

The package: ``styles`` (the four styles and their tasks), ``measure`` (one task,
captured), ``variants`` (other listings and deletes), ``tables`` (introspection);
this module puts them together for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

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
    "DELETE_TARGET",
    "MAX_N",
    "NEW_BOOK",
    "REPEATS",
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

    @property
    def tasks(self) -> list[tuple[str, str, Measurement]]:
        return [(task, label, self.measurements[task]) for task, label in TASKS]


@dataclass
class Comparison:
    n: int
    vendor: str
    reports: list[StyleReport]
    variants: list[ListingVariant]
    deletes: list[DeleteVariant]
    content_type_cache: list[CacheRun]

    @property
    def task_rows(self) -> list[tuple[str, str, list[tuple[StyleReport, Measurement]]]]:
        """Tasks down, styles across: the page's main table."""
        return [(task, label, [(r, r.measurements[task]) for r in self.reports]) for task, label in TASKS]


def compare(n: int = DEFAULT_N, repeats: int = REPEATS) -> Comparison:
    warm_caches()  # the style table is measured warm; measure_content_type_cache() shows cold beside it
    reports = [
        StyleReport(
            style=s,
            tables=[read_table(model) for model in s.tables_models],
            tableless=[m._meta.label for m in s.tableless_models],
            measurements=measure_style(s, n, repeats),
            products=s.count(),
        )
        for s in STYLES
    ]
    variants, deletes = measure_variants(n, repeats), measure_deletes()
    # Last: the cold run empties the ContentType cache (and fills it again).
    cache_runs = measure_content_type_cache(n, repeats)
    return Comparison(n, connection.vendor, reports, variants, deletes, cache_runs)
