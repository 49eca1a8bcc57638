"""Every recipe runs, sends the queries the lesson claims, and changes nothing."""

import pytest
from django.core.exceptions import FieldFetchBlocked
from django.db import connection
from django.db.models import Sum

from playground.querylab import indexes, recipes
from relations.models import Author, Blog
from tests.conftest import requires_postgres

ALL = recipes.all_recipes()


def run(slug):
    result = recipes.run_recipe(recipes.get(slug))
    assert result.capture is not None, result.skipped
    return result.capture


def sql_kinds(capture):
    return [q.kind for q in capture.queries]


# The queries each recipe sends against the demo data (12 blogs by 6 authors), one comment per query.
QUERIES = {
    "read-modify-write": 2,  # SELECT the blog; UPDATE it with the new value
    "f-update": 1,  # UPDATE … SET views = views + 1
    "f-compare-columns": 1,  # SELECT … WHERE editor_id = author_id
    "q-objects": 1,  # SELECT … JOIN author WHERE (… OR …)
    "aggregate": 1,  # SELECT COUNT(…), COUNT(…) FILTER (…), …
    "annotate": 1,  # SELECT author, COUNT(blog), SUM(views) … GROUP BY
    "subquery-exists": 1,  # SELECT author, (SELECT … LIMIT 1), EXISTS(…)
    "case-when": 1,  # SELECT …, CASE WHEN … END
    "values": 1,  # SELECT title, author__name (a JOIN, no model instances)
    "values-list": 2,  # SELECT the emails; SELECT name, born_on … LIMIT 1
    "only": 1,  # SELECT id, title, status
    "defer-then-touch": 1 + 12,  # SELECT without body; then one SELECT body per blog
    "defer-fetch-peers": 2,  # SELECT without body; SELECT body WHERE id IN (the 12 blogs)
    "n-plus-one": 1 + 12,  # SELECT the blogs; then one SELECT author per blog
    "select-related": 1,  # SELECT blogs JOIN authors
    "prefetch-related": 2,  # SELECT blogs; SELECT authors WHERE id IN (…)
    "prefetch-object": 2,  # SELECT blogs; SELECT only the authors' id and name WHERE id IN (…)
    "prefetch-reverse-to-attr": 2,  # SELECT authors; SELECT their published blogs
    "fetch-peers": 2,  # SELECT blogs; on the first blog.author, SELECT every blog's author
    "fetch-raise": 1,  # SELECT blogs; the first blog.author raises instead of querying
    "fetch-raise-select-related": 1,  # SELECT blogs JOIN authors; nothing left to fetch
    "create-loop": 20,  # one INSERT per tag
    "bulk-create": 1,  # one INSERT of the 20 tags
    "save-loop-update": 1 + 12,  # SELECT the blogs; one UPDATE per blog
    "bulk-update": 2,  # SELECT the blogs; one UPDATE … CASE WHEN for all 12
    "get-or-create": 5,  # SELECT (none); SAVEPOINT; INSERT; RELEASE SAVEPOINT; the second call's SELECT
    "update-or-create": 4,  # SAVEPOINT; SELECT (FOR UPDATE on PostgreSQL); UPDATE; RELEASE SAVEPOINT
    "save-update-fields": 2,  # SELECT the author; UPDATE … SET "bio" only (update_fields)
    # SELECT SUM(views); SAVEPOINT; UPDATE +10; UPDATE -500 (fails); ROLLBACK TO SAVEPOINT; RELEASE; SELECT SUM(views)
    "atomic-rollback": 7,
    "explain": 1,  # EXPLAIN (QUERY PLAN on SQLite) SELECT …
    "explain-analyze": 1,  # EXPLAIN (ANALYZE, BUFFERS) SELECT … (PostgreSQL only)
    # For each index: INSERT … SELECT the tickets; ANALYZE; EXPLAIN with the index; DROP INDEX; EXPLAIN again
    "index-composite": 5,
    "index-partial": 5,
    "index-expression": 5,
    # INSERT the tickets; SELECT gin_clean_pending_list(…); ANALYZE; EXPLAIN; DROP INDEX; EXPLAIN (PostgreSQL only)
    "index-gin": 6,
}


def test_every_recipe_has_its_query_count_written_down():
    assert sorted(QUERIES) == sorted(r.slug for r in ALL)


@pytest.mark.parametrize("recipe", ALL, ids=[r.slug for r in ALL])
def test_every_recipe_runs_and_leaves_the_data_as_it_was(demo_data, row_counts, recipe):
    before = row_counts()
    views_before = Blog.objects.aggregate(total=Sum("views"))["total"]
    result = recipes.run_recipe(recipe)
    if recipe.postgres_only and connection.vendor != "postgresql":
        assert result.capture is None
        assert "PostgreSQL only" in result.skipped
        return
    expected_exception = FieldFetchBlocked if recipe.slug == "fetch-raise" else type(None)
    assert isinstance(result.capture.exception, expected_exception), result.capture.exception
    assert Blog.objects.count() == 12, "the counts in QUERIES assume the demo's 12 blogs"
    assert result.capture.query_count == QUERIES[recipe.slug], [q.sql for q in result.capture.queries]
    assert row_counts() == before
    assert Blog.objects.aggregate(total=Sum("views"))["total"] == views_before


def test_every_recipe_shows_its_own_source(db):
    for recipe in ALL:
        assert recipe.source.lstrip().startswith("def "), recipe.slug
        assert recipe.fn.__name__ in recipe.source


# --- N+1 and its cures ---------------------------------------------------------------


def test_the_plain_loop_sends_one_query_per_blog_plus_one(demo_data):
    blogs = Blog.objects.count()
    capture = run("n-plus-one")
    assert capture.query_count == 1 + blogs  # the blogs, then one author per blog
    assert all("relations_author" in q.sql for q in capture.queries[1:])


@pytest.mark.parametrize(
    ("slug", "queries"),
    [
        ("select-related", 1),  # blogs JOIN authors
        ("prefetch-related", 2),  # blogs; authors WHERE id IN (...)
        ("prefetch-object", 2),  # blogs; only the authors' names
        ("fetch-peers", 2),  # blogs; on the first blog.author, the authors of all of them
        ("fetch-raise-select-related", 1),  # blogs JOIN authors, nothing left to fetch
    ],
)
def test_each_cure_lists_the_same_rows_in_a_fixed_number_of_queries(demo_data, slug, queries):
    plain = run("n-plus-one")
    cured = run(slug)
    assert cured.query_count == queries
    assert cured.result == plain.result


def test_fetch_peers_stays_at_two_queries_while_the_plain_loop_grows(demo_data):
    author = Author.objects.create(name="Extra Author", email="extra@example.com")
    Blog.objects.bulk_create([Blog(title=f"Extra {n}", author=author) for n in range(5)])
    blogs = Blog.objects.count()
    assert run("n-plus-one").query_count == 1 + blogs
    assert run("fetch-peers").query_count == 2


def test_fetch_raise_blocks_the_lazy_author_query(demo_data):
    capture = run("fetch-raise")
    assert capture.query_count == 1  # the blogs; the first blog.author raised instead of querying
    assert isinstance(capture.exception, FieldFetchBlocked)
    assert str(capture.exception) == "Fetching of Blog.author blocked."


def test_prefetch_to_attr_puts_only_published_blogs_in_a_list(demo_data):
    capture = run("prefetch-reverse-to-attr")
    assert capture.query_count == 2  # authors; their published blogs
    published = set(Blog.objects.published().values_list("title", flat=True))
    listed = {title for titles in capture.result.values() for title in titles}
    assert listed == published


# --- Columns -------------------------------------------------------------------------


def test_touching_a_deferred_field_costs_a_query_per_row_unless_fetch_peers(demo_data):
    blogs = Blog.objects.count()
    assert run("only").query_count == 1
    assert run("defer-then-touch").query_count == 1 + blogs
    assert run("defer-fetch-peers").query_count == 2
    assert run("defer-fetch-peers").result == run("defer-then-touch").result


# --- Writes --------------------------------------------------------------------------


def test_read_modify_write_takes_two_queries_and_f_one(demo_data):
    views = Blog.objects.get(title=recipes.DEMO_TITLE).views
    rmw = run("read-modify-write")
    assert sql_kinds(rmw) == ["SELECT", "UPDATE"]
    assert rmw.result == views + 1
    f_update = run("f-update")
    assert sql_kinds(f_update) == ["UPDATE"]
    assert '"views" + 1' in f_update.queries[0].sql
    assert f_update.result == 1  # rows updated


def test_bulk_operations_replace_a_query_per_object(demo_data):
    blogs = Blog.objects.count()
    assert sql_kinds(run("create-loop")) == ["INSERT"] * 20
    assert sql_kinds(run("bulk-create")) == ["INSERT"]
    assert sql_kinds(run("save-loop-update")) == ["SELECT"] + ["UPDATE"] * blogs
    bulk = run("bulk-update")
    # The blogs, then one UPDATE … CASE WHEN for all of them (a dozen rows fit in one batch everywhere).
    assert sql_kinds(bulk) == ["SELECT", "UPDATE"]
    assert "CASE WHEN" in bulk.queries[1].sql
    assert bulk.result == blogs


def test_get_or_create_inserts_once_then_only_reads(demo_data):
    capture = run("get-or-create")
    assert capture.result == {"first created": True, "second created": False, "same row": True}
    # SELECT (none), SAVEPOINT, INSERT, RELEASE SAVEPOINT; then the second call's SELECT.
    assert sql_kinds(capture) == ["SELECT", "OTHER", "INSERT", "OTHER", "SELECT"]


def test_update_or_create_updates_the_existing_author(demo_data):
    capture = run("update-or-create")
    assert capture.result["created"] is False
    assert capture.result["bio"].endswith("(updated).")
    # SAVEPOINT, SELECT (FOR UPDATE on PostgreSQL), UPDATE, RELEASE SAVEPOINT.
    assert sql_kinds(capture) == ["OTHER", "SELECT", "UPDATE", "OTHER"]
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in capture.queries[1].sql
    assert Author.objects.get(email="ada@example.com").bio == "Wrote the first published algorithm."


def _set_columns(update_sql):
    """The column names of an UPDATE's SET clause."""
    set_clause = update_sql.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
    return {part.split("=", 1)[0].strip().strip('"') for part in set_clause.split(", ")}


def test_update_or_create_writes_every_field_whose_class_overrides_pre_save(demo_data):
    capture = run("update-or-create")
    update = next(q for q in capture.queries if q.kind == "UPDATE")
    written = _set_columns(update.sql)
    # Not only the changed "bio": the timestamps and the plain DateField born_on too.
    assert written == {"bio", *capture.result["written besides defaults"]}
    assert {"created_at", "updated_at", "born_on"} <= written
    assert "name" not in written


def test_save_with_update_fields_writes_only_the_named_column(demo_data):
    capture = run("save-update-fields")
    update = next(q for q in capture.queries if q.kind == "UPDATE")
    assert _set_columns(update.sql) == {"bio"}


def test_atomic_undoes_the_first_update_when_the_second_fails(demo_data):
    capture = run("atomic-rollback")
    assert capture.result["error"].startswith("IntegrityError")
    assert capture.result["total views after"] == capture.result["total views before"]
    updates = [q for q in capture.queries if q.kind == "UPDATE"]
    assert len(updates) == 2
    assert updates[0].rowcount == Blog.objects.count()  # the first UPDATE did change every row…
    assert updates[1].error is not None  # …the second failed, and atomic() rolled both back


# --- EXPLAIN and indexes ---------------------------------------------------------------


def test_explain_shows_a_plan_on_this_database(demo_data):
    plan = run("explain").result
    assert "relations_blog" in plan
    if connection.vendor == "postgresql":
        assert "cost=" in plan  # the planner's estimates; no "actual" without analyze=True
        assert "actual time=" not in plan
    else:
        assert "SCAN" in plan or "SEARCH" in plan  # SQLite's EXPLAIN QUERY PLAN


@requires_postgres
def test_explain_analyze_reports_real_times_on_postgresql(demo_data):
    plan = run("explain-analyze").result
    assert "actual time=" in plan
    assert "Buffers:" in plan or "Execution Time" in plan


@pytest.mark.parametrize("slug", ["index-composite", "index-partial", "index-expression", "index-gin"])
def test_the_plan_uses_the_index_and_loses_it_once_dropped(db, slug):
    recipe = recipes.get(slug)
    result = recipes.run_recipe(recipe)
    if result.capture is None:
        pytest.skip(result.skipped)
    plans = result.plans
    example = next(e for e in indexes.EXAMPLES if e.index_name in plans["index"])
    assert example.index_name in plans["with_index"]
    assert example.index_name not in plans["without_index"]
    assert "CREATE INDEX" in plans["index"]
    # Rolled back: the index is still there and the seeded rows are gone.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, example.model._meta.db_table)
    assert example.index_name in constraints
    assert example.model.objects.count() == 0


# --- The registry ----------------------------------------------------------------------


def test_an_unknown_recipe_is_named_in_the_error():
    with pytest.raises(recipes.UnknownRecipe, match="There is no recipe called 'no-such-thing'"):
        recipes.get("no-such-thing")


def test_a_recipe_cannot_be_registered_twice_or_under_an_unknown_topic():
    with pytest.raises(ValueError, match="already registered"):
        recipes.recipe("n-plus-one", "again", topic="n-plus-one", lesson="")(lambda: None)
    with pytest.raises(ValueError, match="Unknown topic 'nope'"):
        recipes.recipe("new", "new", topic="nope", lesson="")


def test_every_topic_compares_at_least_one_recipe(db):
    assert {r.topic for r in ALL} == set(recipes.TOPICS)
