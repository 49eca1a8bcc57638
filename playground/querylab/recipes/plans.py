"""Recipes that read query plans: explain(), EXPLAIN ANALYZE, and each index with and without it."""

from playground.querylab import indexes
from playground.querylab.recipes.registry import recipe, sample
from relations.models import Blog

# --- EXPLAIN -------------------------------------------------------------------------


@recipe(
    "explain",
    "explain() of the published-blogs listing",
    topic="explain",
    lesson="The plan the database chose, as text: which table is read, how, and through which index if any. "
    "Estimates only: the query is not run.",
)
def explain_published_listing():
    return sample(Blog.objects).published().order_by("-published_at").explain()


@recipe(
    "explain-analyze",
    "explain(analyze=True, buffers=True)",
    topic="explain",
    lesson="PostgreSQL runs the query and reports real times, row counts and buffer hits beside the estimates.",
    postgres_only=True,
)
def explain_analyze_published_listing():
    return sample(Blog.objects).published().order_by("-published_at").explain(analyze=True, buffers=True)


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
