"""The query lab's recipes: small named functions over the demo data, each asking the
database one question one way.

A recipe is registered with ``@recipe(...)`` under a topic; recipes of one topic
answer the same question differently (a ``save()`` loop and ``bulk_update``, a plain
loop and ``select_related``), so their query counts can be read side by side. The
lab page and the tests both run them through ``run_recipe()``, which uses
``playground.labkit.capture.run``: every statement is recorded and every write rolled back.
The page shows each function's own source, so what you read is what ran.
"""

# Importing a topic module registers its recipes, in the order the lab page lists them.
from playground.querylab.recipes import expressions, loading, plans, writes  # noqa: F401, E402
from playground.querylab.recipes.registry import (  # noqa: E402
    DEMO_TITLE,
    TOPICS,
    Recipe,
    RecipeRun,
    UnknownRecipe,
    all_recipes,
    get,
    in_topic,
    recipe,
    run_recipe,
)

__all__ = [
    "DEMO_TITLE",
    "TOPICS",
    "Recipe",
    "RecipeRun",
    "UnknownRecipe",
    "all_recipes",
    "get",
    "in_topic",
    "recipe",
    "run_recipe",
]
