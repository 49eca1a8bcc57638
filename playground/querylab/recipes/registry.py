"""The recipe registry: ``@recipe(...)`` registers a function under a topic; ``run_recipe`` runs it captured."""

import inspect
import pprint
import textwrap
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from playground.labkit import capture, limits
from relations.models import Author, Blog

# The blog the single-row recipes work on (from fixtures/03_relations_blog.json).
DEMO_TITLE = "A relational model of data"

TOPICS = {
    "f": "F() expressions: let the database do the arithmetic",
    "filters": "Q objects: OR, AND and NOT in one filter",
    "aggregation": "aggregate() vs annotate()",
    "subqueries": "Subquery, OuterRef and Exists",
    "conditional": "Conditional expressions: Case / When",
    "values": "values() and values_list(): rows without model instances",
    "columns": "only() and defer(): fewer columns, and what it costs to touch the rest",
    "n-plus-one": "N+1 and its cures: one listing (each blog with its author), six ways",
    "bulk": "Bulk operations against a save() loop",
    "get-or-create": "get_or_create() and update_or_create()",
    "transactions": "transaction.atomic(): all rows or none",
    "explain": "QuerySet.explain(): the plan of a query",
    "indexes": "Indexes: the plan with the index and without it",
}


@dataclass(frozen=True)
class Recipe:
    slug: str
    title: str
    topic: str
    lesson: str
    fn: Callable[[], Any]
    postgres_only: bool = False
    # "plans": the result is a dict of query plans, shown side by side.
    display: str = "value"

    @property
    def topic_title(self) -> str:
        return TOPICS[self.topic]

    @property
    def source(self) -> str:
        # The function itself, from its def line: the @recipe(...) header is shown as title and lesson.
        source = textwrap.dedent(inspect.getsource(self.fn))
        return source[source.index("def ") :]

    def available_on(self, vendor: str) -> bool:
        return not self.postgres_only or vendor == "postgresql"


class UnknownRecipe(LookupError):
    """No recipe has that slug."""


_recipes: dict[str, Recipe] = {}


def recipe(slug: str, title: str, *, topic: str, lesson: str, postgres_only: bool = False, display: str = "value"):
    """Register the decorated function as a recipe."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown topic {topic!r}; known: {', '.join(TOPICS)}.")

    def register(fn):
        if slug in _recipes:
            raise ValueError(f"A recipe with slug {slug!r} is already registered.")
        _recipes[slug] = Recipe(slug, title, topic, lesson, fn, postgres_only, display)
        return fn

    return register


def all_recipes() -> list[Recipe]:
    order = list(TOPICS)
    return sorted(_recipes.values(), key=lambda r: order.index(r.topic))  # stable: source order within a topic


def get(slug: str) -> Recipe:
    try:
        return _recipes[slug]
    except KeyError:
        raise UnknownRecipe(f"There is no recipe called {slug!r}.") from None


def in_topic(topic: str) -> list[Recipe]:
    return [r for r in all_recipes() if r.topic == topic]


@dataclass
class RecipeRun:
    recipe: Recipe
    capture: capture.Capture | None  # None when the recipe needs another database
    skipped: str = ""

    @property
    def result_text(self) -> str:
        if self.capture is None:
            return ""
        result = self.capture.result
        return result if isinstance(result, str) else pprint.pformat(result, width=100, sort_dicts=False)

    @property
    def plans(self) -> dict | None:
        """For a "plans" recipe that succeeded: the index, the query, and both plans."""
        if self.recipe.display != "plans" or self.capture is None or not isinstance(self.capture.result, dict):
            return None
        result = self.capture.result
        return {
            "index": result["index"],
            "query": result["query"],
            "with_index": result["with the index"],
            "without_index": result["without it"],
        }


# --- The sample recipes run on ---------------------------------------------------------

# The recipes' tables hold ten demo rows, or a million after `manage.py seed`: each recipe
# works on the first LAB_SAMPLE_ROWS rows by key, ``pk <= <the N-th key>`` (an index range
# scan, and a condition readable in the SQL). The cut-off is looked up before the recipe
# runs, so the recipe's own query count stays what it teaches.
SAMPLED_MODELS = (Author, Blog)
_cutoffs: ContextVar[dict | None] = ContextVar("recipe_sample_cutoffs", default=None)


def sample(manager_or_queryset):
    """The rows a recipe works on: the first LAB_SAMPLE_ROWS of the table, by primary key."""
    queryset = manager_or_queryset.all()
    cutoffs = _cutoffs.get()
    model = queryset.model
    cutoff = cutoffs[model] if cutoffs is not None and model in cutoffs else sample_cutoff(model, queryset.db)
    return queryset if cutoff is None else queryset.filter(pk__lte=cutoff)


def sample_cutoff(model, using: str = DEFAULT_DB_ALIAS):
    """The key of the LAB_SAMPLE_ROWS-th row, or None when the table is no bigger than the sample."""
    n = limits.sample_rows()
    keys = list(model._base_manager.using(using).order_by("pk").values_list("pk", flat=True)[n - 1 : n])
    return keys[0] if keys else None


def run_recipe(recipe: Recipe, using: str = DEFAULT_DB_ALIAS) -> RecipeRun:
    """Run one recipe on the sample, recording its SQL; every write is rolled back."""
    vendor = connections[using].vendor
    if not recipe.available_on(vendor):
        return RecipeRun(recipe, None, skipped=f"PostgreSQL only; this database is {vendor}.")
    token = _cutoffs.set({model: sample_cutoff(model, using) for model in SAMPLED_MODELS})
    try:
        # Only the recipe's own statements: not run()'s savepoint, and no deferred-constraint
        # check (recipes keep every reference intact, and the check's statements differ per backend).
        captured = capture.run(recipe.fn, using=using, record_own_savepoint=False, check_constraints=False)
    finally:
        _cutoffs.reset(token)
    return RecipeRun(recipe, captured)
