"""Recipes about what a query loads: only()/defer(), the N+1 and its cures (select_related, prefetch, fetch modes)."""

from django.db import models
from django.db.models import Prefetch

from playground.querylab.recipes.registry import recipe, sample
from relations.models import Author, Blog

# --- only / defer --------------------------------------------------------------------


@recipe(
    "only",
    "only(): load just the columns you use",
    topic="columns",
    lesson="One query for the named columns (the primary key always comes along).",
)
def only_named_columns():
    return [(blog.title, blog.status) for blog in sample(Blog.objects).only("title", "status").order_by("title")]


@recipe(
    "defer-then-touch",
    "defer('body'), then read body anyway",
    topic="columns",
    lesson="Touching a deferred field loads it, one query per instance: N+1 by another name.",
)
def defer_then_touch():
    return [len(blog.body) for blog in sample(Blog.objects).defer("body").order_by("title")]


@recipe(
    "defer-fetch-peers",
    "defer('body') with FETCH_PEERS, then read body",
    topic="columns",
    lesson="Django 6.1: the first deferred read loads that field for every instance of the same query.",
)
def defer_with_fetch_peers():
    return [
        len(blog.body) for blog in sample(Blog.objects).defer("body").fetch_mode(models.FETCH_PEERS).order_by("title")
    ]


# --- N+1 and its cures ---------------------------------------------------------------


@recipe(
    "n-plus-one",
    "A plain loop (FETCH_ONE, the default)",
    topic="n-plus-one",
    lesson="One query for the blogs, then one per blog for its author: 1 + N.",
)
def n_plus_one():
    return [f"{blog.title} — {blog.author.name}" for blog in sample(Blog.objects).order_by("title")]


@recipe(
    "select-related",
    "select_related('author')",
    topic="n-plus-one",
    lesson="One query: the authors come in through a JOIN. For forward ForeignKey and OneToOne.",
)
def select_related():
    return [
        f"{blog.title} — {blog.author.name}" for blog in sample(Blog.objects).select_related("author").order_by("title")
    ]


@recipe(
    "prefetch-related",
    "prefetch_related('author')",
    topic="n-plus-one",
    lesson="Two queries: the blogs, then all their authors with WHERE id IN (…), joined up in Python. "
    "The tool for many-valued relations; works for a ForeignKey too.",
)
def prefetch_related():
    return [
        f"{blog.title} — {blog.author.name}"
        for blog in sample(Blog.objects).prefetch_related("author").order_by("title")
    ]


@recipe(
    "prefetch-object",
    "Prefetch(queryset=…, to_attr=…)",
    topic="n-plus-one",
    lesson="Two queries, and the second is yours to shape: only the name column, stored on blog.writer.",
)
def prefetch_object_to_attr():
    writers = Prefetch("author", queryset=Author.objects.only("name"), to_attr="writer")
    return [
        f"{blog.title} — {blog.writer.name}"
        for blog in sample(Blog.objects).prefetch_related(writers).order_by("title")
    ]


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
        for author in sample(Author.objects).prefetch_related(published).order_by("name")
    }


@recipe(
    "fetch-peers",
    "fetch_mode(FETCH_PEERS)",
    topic="n-plus-one",
    lesson="Django 6.1: the loop is unchanged; the first blog.author loads the authors of every blog "
    "the query returned, in one more query. 2 queries instead of 1 + N.",
)
def fetch_peers():
    blogs = sample(Blog.objects).fetch_mode(models.FETCH_PEERS).order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]


@recipe(
    "fetch-raise",
    "fetch_mode(FETCH_RAISE)",
    topic="n-plus-one",
    lesson="Django 6.1: a lazy fetch raises FieldFetchBlocked instead of querying, so an N+1 "
    "fails loudly in development and tests.",
)
def fetch_raise():
    blogs = sample(Blog.objects).fetch_mode(models.FETCH_RAISE).order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]


@recipe(
    "fetch-raise-select-related",
    "FETCH_RAISE with select_related('author')",
    topic="n-plus-one",
    lesson="What FETCH_RAISE pushes you to: everything the loop touches is loaded up front; one query, nothing raised.",
)
def fetch_raise_with_select_related():
    blogs = sample(Blog.objects).fetch_mode(models.FETCH_RAISE).select_related("author").order_by("title")
    return [f"{blog.title} — {blog.author.name}" for blog in blogs]
