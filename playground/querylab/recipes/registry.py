"""The recipe registry: ``@recipe(...)`` registers a function under a topic; ``run_recipe`` runs it captured."""

import inspect
import pprint
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from playground.labkit import capture

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


def run_recipe(recipe: Recipe, using: str = DEFAULT_DB_ALIAS) -> RecipeRun:
    """Run one recipe, recording its SQL; every write is rolled back."""
    vendor = connections[using].vendor
    if not recipe.available_on(vendor):
        return RecipeRun(recipe, None, skipped=f"PostgreSQL only; this database is {vendor}.")
    # Only the recipe's own statements: not run()'s savepoint, and no deferred-constraint
    # check (recipes keep every reference intact, and the check's statements differ per backend).
    return RecipeRun(recipe, capture.run(recipe.fn, using=using, record_own_savepoint=False, check_constraints=False))
