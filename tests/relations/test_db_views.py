"""managed=False over a database view: rows follow the tables live, writes are refused, the migration reverses."""

import json
from http import HTTPStatus

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils.html import escape

from playground.labkit.migration_sql import sqlmigrate_lines
from relations import db_views_lab
from relations.models import Author, AuthorBlogSummary, Blog

VIEW = AuthorBlogSummary._meta.db_table


def view_exists() -> bool:
    return any(
        info.name == VIEW and info.type == "v" for info in connection.introspection.get_table_list(connection.cursor())
    )


@pytest.mark.django_db
def test_the_view_has_one_row_per_author_with_their_blog_counts(demo_data):
    for summary in AuthorBlogSummary.objects.select_related("author"):
        blogs = Blog.objects.filter(author=summary.author)
        assert summary.blogs == blogs.count()
        assert summary.published_blogs == blogs.filter(status=Blog.Status.PUBLISHED).count()
        assert summary.total_views == sum(blogs.values_list("views", flat=True))
    assert AuthorBlogSummary.objects.count() == Author.objects.count()


@pytest.mark.django_db
def test_the_views_rows_follow_the_underlying_tables_without_a_refresh(demo_data):
    author = Author.objects.order_by("pk").first()
    before = AuthorBlogSummary.objects.get(author=author)
    Blog.objects.create(author=author, title="A new one", status=Blog.Status.PUBLISHED, views=7)
    after = AuthorBlogSummary.objects.get(author=author)
    assert (after.blogs, after.published_blogs, after.total_views) == (
        before.blogs + 1,
        before.published_blogs + 1,
        before.total_views + 7,
    )
    newcomer = Author.objects.create(name="Newcomer", email="new@example.com")
    assert newcomer.blog_summary.blogs == 0  # a new author is a new row of the view, with no blogs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        lambda: AuthorBlogSummary.objects.create(
            author_id=1, author_name="x", blogs=1, published_blogs=0, total_views=0
        ),
        lambda: AuthorBlogSummary.objects.update(blogs=0),
        lambda: AuthorBlogSummary.objects.all().delete(),
    ],
    ids=["insert", "update", "delete"],
)
def test_the_database_refuses_writes_through_the_view(demo_data, write):
    # SQLite: "cannot modify … because it is a view"; PostgreSQL: "Views containing GROUP BY are not
    # automatically updatable".
    with pytest.raises(DatabaseError, match="view"):
        with transaction.atomic():
            write()


@pytest.mark.django_db
def test_the_admin_is_read_only_and_shows_each_refused_write(admin_user_client, demo_data):
    html = admin_user_client.get(reverse("admin:relations_authorblogsummary_changelist")).content.decode()
    assert html.count('data-refused="yes"') == 3 and 'data-refused="no"' not in html
    # The definition as the database keeps it (sqlite_master / pg_get_viewdef), read live.
    definition = db_views_lab.view_definition()
    assert "GROUP BY" in definition.upper() and escape(definition) in html
    assert admin_user_client.get(reverse("admin:relations_authorblogsummary_add")).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
def test_the_migrations_create_model_sends_no_sql_and_its_run_sql_creates_the_view():
    name, steps = db_views_lab.migration_steps()
    assert name == "relations.0018_author_blog_summary_view"
    assert [step.sql is not None for step in steps] == [False, True]
    assert steps[0].description == "Create model AuthorBlogSummary"
    assert steps[1].sql.startswith(f"CREATE VIEW {VIEW}")
    # The same lines sqlmigrate prints (tests/migrations_lab/test_history_page.py compares those
    # with the command for every migration): the CreateModel's block is sqlmigrate's "-- (no-op)".
    loader = MigrationLoader(connection)
    printed = sqlmigrate_lines(connection, loader, db_views_lab.migration_creating(loader))
    assert printed[:4] == ["--", "-- Create model AuthorBlogSummary", "--", "-- (no-op)"]
    assert "SELECT" in db_views_lab.view_definition().upper()


@pytest.mark.django_db(transaction=True)
def test_migrating_back_drops_the_view_and_forward_creates_it_again():
    executor = MigrationExecutor(connection)
    assert view_exists()
    executor.migrate([("relations", "0017_slow_twins_verbose_names")])
    assert not view_exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("relations"))
    assert view_exists()


@pytest.mark.django_db
def test_dumpdata_leaves_the_view_out_so_loaddata_never_inserts_into_it(demo_data):
    from io import StringIO

    from django.core.management import call_command

    assert AuthorBlogSummary.objects.exists()
    out = StringIO()
    call_command("dumpdata", "relations", stdout=out)
    dumped = {row["model"] for row in json.loads(out.getvalue())}
    assert "relations.author" in dumped and "relations.authorblogsummary" not in dumped


@pytest.mark.django_db
def test_the_changelist_counts_authors_not_the_view_which_would_aggregate_every_blog(admin_user_client, demo_data):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = admin_user_client.get(reverse("admin:relations_authorblogsummary_changelist"))
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"].upper()]
    assert counts and not any(VIEW in sql for sql in counts), counts
    assert f"{Author.objects.count()} author blog summar" in response.content.decode()
