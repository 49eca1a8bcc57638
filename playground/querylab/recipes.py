"""The query lab's recipes: small named functions over the demo data, each asking the
database one question one way.

A recipe is registered with ``@recipe(...)`` under a topic; recipes of one topic
answer the same question differently (a ``save()`` loop and ``bulk_update``, a plain
loop and ``select_related``), so their query counts can be read side by side. The
lab page and the tests both run them through ``run_recipe()``, which uses
``playground.labkit.capture.run``: every statement is recorded and every write rolled back.
The page shows each function's own source, so what you read is what ran.
"""

from __future__ import annotations

import inspect
import pprint
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from playground.labkit import capture
from playground.querylab import indexes
from playground.querylab.models import UniqueTag
from relations.models import Author, Blog

# The blog the single-row recipes work on (from fixtures/relations_blog.json).
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


# --- F() expressions -----------------------------------------------------------------


@recipe(
    "read-modify-write",
    "Read, add one in Python, save()",
    topic="f",
    lesson="Two queries, and the UPDATE writes back a value computed from a possibly stale read: "
    "two requests doing this at once lose one increment (the concurrency lab counts them).",
)
def read_modify_write():
    blog = Blog.objects.get(title=DEMO_TITLE)
    blog.views = blog.views + 1
    blog.save(update_fields=["views"])
    return blog.views


@recipe(
    "f-update",
    "UPDATE … SET views = views + 1 with F()",
    topic="f",
    lesson="One query; the database adds one to whatever the row holds at that moment, so no update is lost.",
)
def f_expression_update():
    return Blog.objects.filter(title=DEMO_TITLE).update(views=F("views") + 1)


@recipe(
    "f-compare-columns",
    "Compare two columns of the same row with F()",
    topic="f",
    lesson="F() also reads: blogs whose editor is their own author, without loading a single row into Python.",
)
def f_compare_columns():
    return list(Blog.objects.filter(editor=F("author")).values_list("title", flat=True))


# --- Q objects -----------------------------------------------------------------------


@recipe(
    "q-objects",
    "Published, and popular or edited, and not by Grace",
    topic="filters",
    lesson="Keyword filters can only AND; Q objects combine with |, & and ~ into one WHERE clause.",
)
def q_objects():
    popular_or_edited = Q(views__gte=500) | Q(editor__isnull=False)
    return list(
        Blog.objects.filter(Q(status=Blog.Status.PUBLISHED) & popular_or_edited & ~Q(author__name__startswith="Grace"))
        .order_by("title")
        .values_list("title", flat=True)
    )


# --- aggregate vs annotate -----------------------------------------------------------


@recipe(
    "aggregate",
    "aggregate(): one summary for the whole table",
    topic="aggregation",
    lesson="aggregate() ends the query and returns a dict; filter= makes a conditional count.",
)
def aggregate_whole_table():
    return Blog.objects.aggregate(
        blogs=Count("pk"),
        published=Count("pk", filter=Q(status=Blog.Status.PUBLISHED)),
        total_views=Sum("views"),
        average_views=Avg("views"),
    )


@recipe(
    "annotate",
    "annotate(): one summary per author",
    topic="aggregation",
    lesson="annotate() adds a value to every row (GROUP BY author); Coalesce turns an author "
    "without blogs from NULL into 0.",
)
def annotate_per_row():
    return list(
        Author.objects.annotate(blogs=Count("blog"), total_views=Coalesce(Sum("blog__views"), 0))
        .order_by("-total_views", "name")
        .values("name", "blogs", "total_views")
    )


# --- Subquery / OuterRef / Exists ----------------------------------------------------


@recipe(
    "subquery-exists",
    "Each author's newest published title, and whether they have drafts",
    topic="subqueries",
    lesson="Subquery and Exists are correlated through OuterRef: still one query, however many authors.",
)
def subquery_outerref_exists():
    newest = Blog.objects.published().filter(author=OuterRef("pk")).order_by("-published_at")
    drafts = Blog.objects.drafts().filter(author=OuterRef("pk"))
    return list(
        Author.objects.annotate(newest_title=Subquery(newest.values("title")[:1]), has_drafts=Exists(drafts))
        .order_by("name")
        .values("name", "newest_title", "has_drafts")
    )


# --- Case / When ---------------------------------------------------------------------


@recipe(
    "case-when",
    "Label every blog by reach with Case / When",
    topic="conditional",
    lesson="A CASE expression computed by the database, usable in annotate(), order_by() and update().",
)
def case_when():
    reach = Case(
        When(views__gte=500, then=Value("wide")),
        When(views__gte=100, then=Value("steady")),
        default=Value("quiet"),
    )
    return list(Blog.objects.annotate(reach=reach).order_by("-views", "title").values_list("title", "views", "reach"))


# --- values / values_list ------------------------------------------------------------


@recipe(
    "values",
    "values(): dicts, following a relation with __",
    topic="values",
    lesson="No model instances are built; author__name joins in the one column needed.",
)
def values_dicts():
    return list(Blog.objects.order_by("title").values("title", "author__name")[:4])


@recipe(
    "values-list",
    "values_list(flat=True) and named=True",
    topic="values",
    lesson="Tuples, single values or named tuples: the lightest way to read columns.",
)
def values_list_flat_and_named():
    emails = list(Author.objects.order_by("email").values_list("email", flat=True))
    first = Author.objects.order_by("name").values_list("name", "born_on", named=True).first()
    return {"emails": emails, "first": first}


# --- only / defer --------------------------------------------------------------------


@recipe(
    "only",
    "only(): load just the columns you use",
    topic="columns",
    lesson="One query for the named columns (the primary key always comes along).",
)
def only_named_columns():
    return [(blog.title, blog.status) for blog in Blog.objects.only("title", "status").order_by("title")]


@recipe(
    "defer-then-touch",
    "defer('body'), then read body anyway",
    topic="columns",
    lesson="Touching a deferred field loads it, one query per instance: N+1 by another name.",
)
def defer_then_touch():
    return [len(blog.body) for blog in Blog.objects.defer("body").order_by("title")]


@recipe(
    "defer-fetch-peers",
    "defer('body') with FETCH_PEERS, then read body",
    topic="columns",
    lesson="Django 6.1: the first deferred read loads that field for every instance of the same query.",
)
def defer_with_fetch_peers():
    return [len(blog.body) for blog in Blog.objects.defer("body").fetch_mode(models.FETCH_PEERS).order_by("title")]


# --- N+1 and its cures ---------------------------------------------------------------


@recipe(
    "n-plus-one",
    "A plain loop (FETCH_ONE, the default)",
    topic="n-plus-one",
    lesson="One query for the blogs, then one per blog for its author: 1 + N.",
)
def n_plus_one():
    return [f"{blog.title} — {blog.author.name}" for blog in Blog.objects.order_by("title")]


@recipe(
    "select-related",
    "select_related('author')",
    topic="n-plus-one",
    lesson="One query: the authors come in through a JOIN. For forward ForeignKey and OneToOne.",
)
def select_related():
    return [f"{blog.title} — {blog.author.name}" for blog in Blog.objects.select_related("author").order_by("title")]


@recipe(
    "prefetch-related",
    "prefetch_related('author')",
    topic="n-plus-one",
    lesson="Two queries: the blogs, then all their authors with WHERE id IN (…), joined up in Python. "
    "The tool for many-valued relations; works for a ForeignKey too.",
)
def prefetch_related():
    return [f"{blog.title} — {blog.author.name}" for blog in Blog.objects.prefetch_related("author").order_by("title")]


@recipe(
    "prefetch-object",
    "Prefetch(queryset=…, to_attr=…)",
    topic="n-plus-one",
    lesson="Two queries, and the second is yours to shape: only the name column, stored on blog.writer.",
)
def prefetch_object_to_attr():
    writers = Prefetch("author", queryset=Author.objects.only("name"), to_attr="writer")
    return [f"{blog.title} — {blog.writer.name}" for blog in Blog.objects.prefetch_related(writers).order_by("title")]


@recipe(
    "prefetch-reverse-to-attr",
    "The reverse side: each author's published blogs into a list",
    topic="n-plus-one",
    lesson="Two queries for every author and a filtered, ordered list of their published blogs on "
    "author.published_blogs (a plain list, so no further query can hide in it).",
)
def prefetch_reverse_to_attr():
    published = Prefetch("blog_set", queryset=Blog.objects.published().order_by("-views"), to_attr="published_blogs")
    return {
        author.name: [blog.title for blog in author.published_blogs]
        for author in Author.objects.prefetch_related(published).order_by("name")
    }


@recipe(
    "fetch-peers",
    "fetch_mode(FETCH_PEERS)",
    topic="n-plus-one",
    lesson="Django 6.1: the loop is unchanged; the first blog.author loads the authors of every blog "
    "the query returned, in one more query. 2 queries instead of 1 + N.",
)
def fetch_peers():
    blogs = Blog.objects.fetch_mode(models.FETCH_PEERS).order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]


@recipe(
    "fetch-raise",
    "fetch_mode(FETCH_RAISE)",
    topic="n-plus-one",
    lesson="Django 6.1: a lazy fetch raises FieldFetchBlocked instead of querying, so an N+1 "
    "fails loudly in development and tests.",
)
def fetch_raise():
    blogs = Blog.objects.fetch_mode(models.FETCH_RAISE).order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]


@recipe(
    "fetch-raise-select-related",
    "FETCH_RAISE with select_related('author')",
    topic="n-plus-one",
    lesson="What FETCH_RAISE pushes you to: everything the loop touches is loaded up front; one query, nothing raised.",
)
def fetch_raise_with_select_related():
    blogs = Blog.objects.fetch_mode(models.FETCH_RAISE).select_related("author").order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]


# --- Bulk operations -----------------------------------------------------------------


@recipe(
    "create-loop",
    "20 × create()",
    topic="bulk",
    lesson="One INSERT per object, one round trip each.",
)
def create_in_a_loop():
    return [UniqueTag.objects.create(name=f"tag-{n}").pk for n in range(20)]


@recipe(
    "bulk-create",
    "bulk_create() of 20 objects",
    topic="bulk",
    lesson="One multi-row INSERT. No save() and no pre/post_save signals; on PostgreSQL and SQLite the "
    "primary keys come back through RETURNING.",
)
def bulk_create():
    return [tag.pk for tag in UniqueTag.objects.bulk_create([UniqueTag(name=f"tag-{n}") for n in range(20)])]


@recipe(
    "save-loop-update",
    "Change every blog, save() each",
    topic="bulk",
    lesson="One SELECT, then one UPDATE per blog: 1 + N.",
)
def save_loop_update():
    blogs = list(Blog.objects.all())
    for blog in blogs:
        blog.views += 1
        blog.save(update_fields=["views"])
    return len(blogs)


@recipe(
    "bulk-update",
    "Change every blog, bulk_update() once",
    topic="bulk",
    lesson="One SELECT and one UPDATE … SET views = CASE WHEN id = … for all of them.",
)
def bulk_update():
    blogs = list(Blog.objects.all())
    for blog in blogs:
        blog.views += 1
    return Blog.objects.bulk_update(blogs, ["views"])


# --- get_or_create / update_or_create ------------------------------------------------


@recipe(
    "get-or-create",
    "get_or_create() twice",
    topic="get-or-create",
    lesson="The first call finds nothing and INSERTs inside a savepoint (so a concurrent INSERT's "
    "IntegrityError could be caught and answered with a second SELECT); the second call only SELECTs.",
)
def get_or_create_twice():
    first, created_first = UniqueTag.objects.get_or_create(name="performance")
    second, created_second = UniqueTag.objects.get_or_create(name="performance")
    return {"first created": created_first, "second created": created_second, "same row": first.pk == second.pk}


@recipe(
    "update-or-create",
    "update_or_create() of an existing author",
    topic="get-or-create",
    lesson="Inside a savepoint, the row is read with SELECT … FOR UPDATE (on PostgreSQL) and only the "
    "changed fields are written.",
)
def update_or_create():
    author, created = Author.objects.update_or_create(
        email="ada@example.com", defaults={"bio": "Wrote the first published algorithm (updated)."}
    )
    return {"created": created, "bio": author.bio}


# --- transaction.atomic --------------------------------------------------------------


@recipe(
    "atomic-rollback",
    "A multi-row update that fails half-way",
    topic="transactions",
    lesson="Every blog gets +10 views, then a second UPDATE breaks the views >= 0 CHECK constraint of "
    "PositiveIntegerField: atomic() rolls back both, so the total is unchanged.",
)
def atomic_rolls_back_a_failed_update():
    before = Blog.objects.aggregate(total=Sum("views"))["total"]
    try:
        with transaction.atomic():
            Blog.objects.update(views=F("views") + 10)
            Blog.objects.update(views=F("views") - 500)
    except IntegrityError as err:
        error = f"{type(err).__name__}: {err}"
    else:
        error = None
    after = Blog.objects.aggregate(total=Sum("views"))["total"]
    return {"error": error, "total views before": before, "total views after": after}


# --- EXPLAIN -------------------------------------------------------------------------


@recipe(
    "explain",
    "explain() of the published-blogs listing",
    topic="explain",
    lesson="The plan the database chose, as text: which table is read, how, and through which index if any. "
    "Estimates only: the query is not run.",
)
def explain_published_listing():
    return Blog.objects.published().order_by("-published_at").explain()


@recipe(
    "explain-analyze",
    "explain(analyze=True, buffers=True)",
    topic="explain",
    lesson="PostgreSQL runs the query and reports real times, row counts and buffer hits beside the estimates.",
    postgres_only=True,
)
def explain_analyze_published_listing():
    return Blog.objects.published().order_by("-published_at").explain(analyze=True, buffers=True)


@recipe(
    "index-composite",
    "Composite index: a customer's latest tickets",
    topic="indexes",
    lesson="(customer_email, opened_at DESC) finds one customer's rows; compare the full scan once it is dropped.",
    display="plans",
)
def composite_index_plans():
    return indexes.plans_with_and_without(indexes.example("composite"))


@recipe(
    "index-partial",
    "Partial index: the open queue",
    topic="indexes",
    lesson="Only open tickets (1 in 20) are in the index, already in queue order.",
    display="plans",
)
def partial_index_plans():
    return indexes.plans_with_and_without(indexes.example("partial"))


@recipe(
    "index-expression",
    "Expression index: subject, ignoring case",
    topic="indexes",
    lesson="WHERE LOWER(subject) = … can only use an index built on LOWER(subject).",
    display="plans",
)
def expression_index_plans():
    return indexes.plans_with_and_without(indexes.example("expression"))


@recipe(
    "index-gin",
    "GIN index: tickets labelled 'refund'",
    topic="indexes",
    lesson="labels @> '{refund}' looks inside every array; a GIN index maps each label to its rows.",
    postgres_only=True,
    display="plans",
)
def gin_index_plans():
    return indexes.plans_with_and_without(indexes.example("GIN"))
