"""Recipes that let the database compute: F(), Q, aggregate/annotate, Subquery/Exists, Case/When, values()."""

from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from playground.querylab.recipes.registry import DEMO_TITLE, recipe, sample
from relations.models import Author, Blog

# --- F() expressions -----------------------------------------------------------------


@recipe(
    "read-modify-write",
    "Read, add one in Python, save()",
    topic="f",
    lesson="Two queries, and the UPDATE writes back a value computed from a possibly stale read: "
    "two requests doing this at once lose one increment (the concurrency lab counts them).",
)
def read_modify_write():
    blog = sample(Blog.objects).get(title=DEMO_TITLE)
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
    return sample(Blog.objects).filter(title=DEMO_TITLE).update(views=F("views") + 1)


@recipe(
    "f-compare-columns",
    "Compare two columns of the same row with F()",
    topic="f",
    lesson="F() also reads: blogs whose editor is their own author, without loading a single row into Python.",
)
def f_compare_columns():
    return list(sample(Blog.objects).filter(editor=F("author")).values_list("title", flat=True))


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
        sample(Blog.objects)
        .filter(Q(status=Blog.Status.PUBLISHED) & popular_or_edited & ~Q(author__name__startswith="Grace"))
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
    return sample(Blog.objects).aggregate(
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
        sample(Author.objects)
        .annotate(blogs=Count("blog"), total_views=Coalesce(Sum("blog__views"), 0))
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
        sample(Author.objects)
        .annotate(newest_title=Subquery(newest.values("title")[:1]), has_drafts=Exists(drafts))
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
    return list(
        sample(Blog.objects).annotate(reach=reach).order_by("-views", "title").values_list("title", "views", "reach")
    )


# --- values / values_list ------------------------------------------------------------


@recipe(
    "values",
    "values(): dicts, following a relation with __",
    topic="values",
    lesson="No model instances are built; author__name joins in the one column needed.",
)
def values_dicts():
    return list(sample(Blog.objects).order_by("title").values("title", "author__name")[:4])


@recipe(
    "values-list",
    "values_list(flat=True) and named=True",
    topic="values",
    lesson="Tuples, single values or named tuples: the lightest way to read columns.",
)
def values_list_flat_and_named():
    emails = list(sample(Author.objects).order_by("email").values_list("email", flat=True))
    first = sample(Author.objects).order_by("name").values_list("name", "born_on", named=True).first()
    return {"emails": emails, "first": first}
