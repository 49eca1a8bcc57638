"""manage.py seed: exact counts, repeatable with a seed, --reset, all or nothing."""

import dataclasses
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from playground.labkit import seeding
from playground.labkit.admin_scale import table_estimate
from playground.labkit.seeding import specs as seeding_specs
from relations.models import Author, Blog, GenericComment, Tag
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db

# Tests that count what a seed wrote start from an empty database (no_demo_data); those
# that seed on top of the demo rows ask for demo_data.


def seed_command(*args):
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def all_rows(model):
    return list(model.objects.order_by("pk").values_list())


def test_seed_creates_exactly_the_rows_of_the_scale(no_demo_data):
    output = seed_command("--scale", "300")
    assert (Author.objects.count(), Blog.objects.count()) == (30, 300)
    assert (Tag.objects.count(), GenericComment.objects.count()) == (3, 150)
    assert "Seeded 483 rows" in output
    assert "relations.Blog" in output and "300/300" in output, "one progress line per table"


def test_seeded_comments_point_at_seeded_blogs(no_demo_data):
    seed_command("--scale", "200")
    assert GenericComment.objects.count() == 100
    assert not GenericComment.objects.dangling().exists()
    assert {c.target.__class__ for c in GenericComment.objects.all()[:20]} == {Blog}


def test_the_same_seed_gives_the_same_rows_to_the_last_timestamp(no_demo_data):
    seed_command("--scale", "200", "--seed", "11")
    first = (all_rows(Author), all_rows(Blog))
    seed_command("--scale", "200", "--seed", "11", "--reset")
    assert (all_rows(Author), all_rows(Blog)) == first


def test_another_seed_gives_other_rows(no_demo_data):
    seed_command("--scale", "100", "--seed", "1")
    first = all_rows(Blog)
    seed_command("--scale", "100", "--seed", "2", "--reset")
    assert all_rows(Blog) != first


def test_without_reset_rows_are_added_and_new_rows_still_get_fresh_ids(demo_data):
    demo = Blog.objects.count()
    seed_command("--scale", "50")
    assert Blog.objects.count() == demo + 50
    # The sequences were moved past the seeded ids: the ORM can still insert.
    author = Author.objects.create(name="After the seed", email="after@example.com")
    assert author.pk == Author.objects.order_by("-pk").values_list("pk", flat=True).first()


def test_reset_empties_the_seeded_tables_first(demo_data):
    seed_command("--scale", "50", "--reset")
    assert (Author.objects.count(), Blog.objects.count()) == (5, 50)
    assert not Author.objects.filter(email="ada@example.com").exists()


def test_seeded_blogs_point_at_seeded_authors_and_look_real(no_demo_data):
    seed_command("--scale", "200")
    author_ids = set(Author.objects.values_list("pk", flat=True))
    assert set(Blog.objects.values_list("author_id", flat=True)) <= author_ids
    assert Blog.objects.published().exists() and Blog.objects.drafts().exists()
    assert not Blog.objects.drafts().exclude(published_at=None).exists(), "drafts are unpublished"
    for author in Author.objects.all():
        author.full_clean()  # valid emails, names within max_length


def test_count_and_only_choose_the_tables(demo_data):
    seed_command("--only", "relations.Blog", "--count", "relations.Blog=25")
    assert Author.objects.count() == 6, "no authors added"
    assert Blog.objects.count() == 12 + 25
    demo_authors = set(Author.objects.values_list("pk", flat=True))
    assert set(Blog.objects.values_list("author_id", flat=True)) <= demo_authors


def test_blogs_alone_need_some_authors(no_demo_data):
    with pytest.raises(CommandError, match="refer to relations.Author: there are none"):
        seed_command("--only", "relations.Blog", "--scale", "10")
    assert not Blog.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "relations.Nope=3"], "No seed generator for relations.nope"),
        (["--count", "relations.Blog"], "--count wants app_label.Model=N"),
        (["--count", "relations.Blog=-1"], "cannot be negative"),
        (["--batch-size", "0"], "at least 1"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, message, no_demo_data):
    with pytest.raises(CommandError, match=message):
        seed_command(*args)
    assert not Author.objects.exists()


def test_a_failure_half_way_writes_nothing(monkeypatch, demo_data):
    specs = {spec.label: spec for spec in seeding.registry()}
    blog_spec = specs["relations.Blog"]

    def blogs_with_a_dangling_author(ctx, rng, first_pk, count):
        for i, row in enumerate(blog_spec.generate(ctx, rng, first_pk, count)):
            # Row 150 of 200 points at an author that does not exist.
            yield row if i != 150 else (*row[:6], 999_999, *row[7:])

    monkeypatch.setitem(
        seeding_specs._registry, "relations.Blog", dataclasses.replace(blog_spec, generate=blogs_with_a_dangling_author)
    )
    before = (all_rows(Author), all_rows(Blog))
    with pytest.raises(CommandError, match="Seeding failed, nothing was written"):
        seed_command("--scale", "200", "--batch-size", "64")
    assert (all_rows(Author), all_rows(Blog)) == before


def test_rows_are_generated_batch_by_batch(monkeypatch):
    seen = []
    spec = next(s for s in seeding.registry() if s.label == "relations.Author")
    batches = seeding._batches(spec, iter([(i,) for i in range(25)]), 25, 10, lambda *a: seen.append(a))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert seen[-1] == ("relations.Author", 25, 25)


@requires_postgres
def test_copy_and_executemany_write_identical_rows(no_demo_data):
    seeding.seed(seeding.plan(120), seed=5, writer="copy")
    by_copy = (all_rows(Author), all_rows(Blog))
    seeding.seed(seeding.plan(120), seed=5, reset=True, writer="executemany")
    assert (all_rows(Author), all_rows(Blog)) == by_copy


@requires_postgres
def test_copy_escapes_tabs_newlines_and_backslashes(monkeypatch, no_demo_data):
    tricky = "tab\there, line\nbreak, carriage\rreturn, back\\slash \\N and ünïcode"
    spec = next(s for s in seeding.registry() if s.label == "relations.Author")

    def authors(ctx, rng, first_pk, count):
        for row in spec.generate(ctx, rng, first_pk, count):
            yield (row[0], row[1], row[2], tricky, None, *row[5:])

    monkeypatch.setitem(seeding_specs._registry, "relations.Author", dataclasses.replace(spec, generate=authors))
    seeding.seed(seeding.plan(10, only=["relations.Author"]), writer="copy")
    assert set(Author.objects.values_list("bio", flat=True)) == {tricky}
    assert set(Author.objects.values_list("born_on", flat=True)) == {None}


def test_a_generator_may_read_the_database_before_its_first_row(monkeypatch, demo_data):
    """On PostgreSQL the rows stream through COPY, when the connection can run no other query."""
    spec = next(s for s in seeding.registry() if s.label == "relations.Author")

    def authors(ctx, rng, first_pk, count):
        known = Author.objects.count()  # a query before the first yield
        for row in spec.generate(ctx, rng, first_pk, count):
            yield (row[0], f"{row[1]} ({known} before)", *row[2:])

    monkeypatch.setitem(seeding_specs._registry, "relations.Author", dataclasses.replace(spec, generate=authors))
    seeding.seed(seeding.plan(30, only=["relations.Author"]), seed=1)
    assert Author.objects.filter(name__endswith="(6 before)").count() == 3


@requires_postgres
def test_seeded_tables_have_fresh_planner_statistics_once_committed(django_capture_on_commit_callbacks, no_demo_data):
    # The admin's estimated count reads pg_class.reltuples: right after a seed it must
    # already describe the seeded rows, not wait for autovacuum.
    with django_capture_on_commit_callbacks(execute=True):
        seed_command("--scale", "370", "--only", "relations.Author", "--only", "relations.Blog")
    assert table_estimate(Blog) == Blog.objects.count() == 370
    assert table_estimate(Author) == Author.objects.count() == 37


@requires_postgres
def test_a_seed_that_is_rolled_back_leaves_the_statistics_alone(django_capture_on_commit_callbacks, no_demo_data):
    with django_capture_on_commit_callbacks() as callbacks:
        seed_command("--scale", "380", "--only", "relations.Author", "--only", "relations.Blog")
    assert len(callbacks) == 1, "ANALYZE waits for the commit, which a rolled-back transaction never reaches"
    assert table_estimate(Blog) != 380
