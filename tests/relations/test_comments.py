"""Comments three ways: what each design lets the database enforce, and what the comparison page shows.

The page's numbers are compared with measurements these tests take themselves, with plain ORM
code and Django's own query capture, so a page that invented or mis-measured a number fails here.
"""

import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from playground.labkit.demo import DemoDataError, demo_fixtures, load_demo_data
from relations.models import (
    ArcComment,
    Author,
    AuthorComment,
    Blog,
    BlogComment,
    GenericComment,
    Photo,
    PhotoComment,
    Tag,
)

PAGE = "admin:lab-comments-comparison"
TARGETS = [Blog, Author, Photo]
TABLE_FOR = {Blog: BlogComment, Author: AuthorComment, Photo: PhotoComment}


def page_measures(client, **params) -> dict[str, str]:
    response = client.get(reverse(PAGE), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    return dict(re.findall(r'data-measure="([^"]+)" data-value="([^"]*)"', html)) | {"_html": html}


def commit_fails(fn) -> bool:
    """Run fn and check the deferred constraints now, as COMMIT would; roll back either way."""
    try:
        with transaction.atomic():
            fn()
            connection.check_constraints()
            raise _Undo
    except IntegrityError:
        return True
    except _Undo:
        return False


class _Undo(Exception):
    pass


def generic_comments_on(obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return GenericComment.objects.filter(content_type=ct, object_id=obj.pk)


# --- Demo data: generic references by natural key ---------------------------------
@pytest.mark.django_db
def test_demo_generic_comments_reach_authors_by_their_email(demo_data):
    comment = GenericComment.objects.get(body__startswith="Her compiler work")
    assert comment.target == Author.objects.get(email="grace@example.com")


def test_demo_fixture_never_hard_codes_a_generic_id_where_a_natural_key_exists():
    objects = json.loads((Path(settings.BASE_DIR) / "fixtures" / "16_relations_comments.json").read_text())
    for obj in objects:
        if obj["model"] == "relations.genericcomment" and obj["fields"]["content_type"] == ["relations", "author"]:
            assert isinstance(obj["fields"]["object_id"], list), obj


@pytest.mark.django_db
def test_a_generic_natural_key_that_matches_nothing_fails_clearly_and_changes_nothing(tmp_path, settings, no_demo_data):
    (tmp_path / "ghost.json").write_text(
        json.dumps(
            [
                {
                    "model": "relations.genericcomment",
                    "pk": 900,
                    "fields": {
                        "content_type": ["relations", "author"],
                        "object_id": ["nobody@example.com"],
                        "commenter": "Ghost",
                        "body": "to nobody",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )
    settings.FIXTURE_DIRS = [*settings.FIXTURE_DIRS, tmp_path]
    with pytest.raises(
        DemoDataError, match=r"ghost.json .*no relations.Author with natural key \['nobody@example.com'\]"
    ):
        load_demo_data([*(p.name for p in demo_fixtures()), "ghost.json"], create_superuser=False)
    assert not GenericComment.objects.exists()


# --- The exclusive arc's check constraint ----------------------------------------
@pytest.mark.django_db
def test_arc_check_constraint_rejects_a_comment_without_target():
    with pytest.raises(IntegrityError, match="arccomment_exactly_one_target"):
        with transaction.atomic():
            ArcComment.objects.create(commenter="Nobody", body="about nothing")


@pytest.mark.django_db
def test_arc_check_constraint_rejects_a_comment_with_two_targets(demo_data):
    blog, author = Blog.objects.get(pk=3), Author.objects.get(email="grace@example.com")
    with pytest.raises(IntegrityError, match="arccomment_exactly_one_target"):
        with transaction.atomic():
            ArcComment.objects.create(blog=blog, author=author, commenter="Greedy", body="about both")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["blog", "author", "photo"])
def test_arc_accepts_exactly_one_target_of_each_kind(demo_data, field):
    target = {"blog": Blog, "author": Author, "photo": Photo}[field].objects.order_by("pk").first()
    comment = ArcComment.objects.create(**{field: target}, commenter="Fine", body="one target")
    assert comment.target == target


@pytest.mark.django_db
def test_arc_admin_form_shows_the_constraint_message_and_saves_nothing(admin_user_client):
    before = ArcComment.objects.count()
    response = admin_user_client.post(
        reverse("admin:relations_arccomment_add"), {"commenter": "Nobody", "body": "about nothing"}
    )
    assert response.status_code == HTTPStatus.OK  # the form again, not a redirect
    assert "A comment needs exactly one target: a blog, an author or a photo." in response.content.decode()
    assert ArcComment.objects.count() == before


@pytest.mark.django_db
def test_generic_comment_form_refuses_an_object_id_that_does_not_exist(admin_user_client, demo_data):
    before = GenericComment.objects.count()
    blog_type = ContentType.objects.get_for_model(Blog)
    response = admin_user_client.post(
        reverse("admin:relations_genericcomment_add"),
        {"content_type": blog_type.pk, "object_id": 999_999, "commenter": "Ghost", "body": "to nobody"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "There is no blog with id 999999 to comment on." in response.content.decode()
    assert GenericComment.objects.count() == before


# --- What the database enforces ---------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("target_model", TARGETS, ids=lambda m: m.__name__)
def test_only_the_generic_design_lets_a_comment_point_at_a_missing_row(demo_data, target_model):
    missing = 10_000_000
    ct = ContentType.objects.get_for_model(target_model)
    arc_field = target_model._meta.model_name
    assert not commit_fails(
        lambda: GenericComment.objects.create(content_type=ct, object_id=missing, commenter="x", body="y")
    )
    assert commit_fails(lambda: ArcComment.objects.create(**{f"{arc_field}_id": missing}, commenter="x", body="y"))
    assert commit_fails(lambda: TABLE_FOR[target_model].objects.create(target_id=missing, commenter="x", body="y"))


@pytest.mark.django_db
def test_page_reports_the_foreign_keys_the_database_has(admin_user_client, demo_data):
    measures = page_measures(admin_user_client)
    with connection.cursor() as cursor:
        for target_model in TARGETS:
            name = target_model._meta.model_name
            for design, model, column in [
                ("generic", GenericComment, "object_id"),
                ("arc", ArcComment, f"{name}_id"),
                ("table", TABLE_FOR[target_model], "target_id"),
            ]:
                constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
                has_fk = any(c["foreign_key"] and c["columns"] == [column] for c in constraints.values())
                assert measures[f"enforced-{design}-{name}"] == ("yes" if has_fk else "no")
                assert measures[f"orphan-{design}-{name}"] == ("refused" if has_fk else "accepted")
    assert measures["arc-zero"] == measures["arc-two"] == "refused"


# --- What a delete leaves behind --------------------------------------------------
@pytest.mark.django_db
def test_only_blog_declares_a_generic_relation_to_comments():
    def declares(model):
        return any(isinstance(f, GenericRelation) for f in model._meta.private_fields)

    assert [m.__name__ for m in TARGETS if declares(m)] == ["Blog"]


@pytest.mark.django_db
@pytest.mark.parametrize("target_model", TARGETS, ids=lambda m: m.__name__)
def test_dangling_generic_comments_appear_exactly_where_there_is_no_generic_relation(demo_data, target_model):
    declares_relation = any(
        isinstance(f, GenericRelation) and f.related_model is GenericComment for f in target_model._meta.private_fields
    )
    ct = ContentType.objects.get_for_model(target_model)
    target = target_model.objects.filter(
        pk__in=GenericComment.objects.filter(content_type=ct).values("object_id")
    ).first()
    assert target is not None, f"The demo data needs a generic comment on a {target_model.__name__}."
    pk, on_it = target.pk, list(generic_comments_on(target).values_list("pk", flat=True))

    target.delete()

    left = GenericComment.objects.filter(content_type=ct, object_id=pk)
    if declares_relation:
        assert not left.exists()
    else:
        assert sorted(left.values_list("pk", flat=True)) == sorted(on_it)
        # and they are found as dangling, since no constraint keeps them out
        assert set(on_it) <= set(GenericComment.objects.dangling().values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("target_model", TARGETS, ids=lambda m: m.__name__)
def test_arc_and_per_table_comments_always_go_with_their_target(demo_data, target_model):
    target = target_model.objects.filter(arc_comments__isnull=False, table_comments__isnull=False).first()
    pk = target.pk
    target.delete()
    assert not ArcComment.objects.filter(**{f"{target_model._meta.model_name}_id": pk}).exists()
    assert not TABLE_FOR[target_model].objects.filter(target_id=pk).exists()


@pytest.mark.django_db
def test_page_deletion_counts_match_a_real_delete(admin_user_client, demo_data):
    measures = page_measures(admin_user_client)
    html = measures["_html"]
    for target_model in TARGETS:
        name = target_model._meta.model_name
        ct = ContentType.objects.get_for_model(target_model)
        target = (
            target_model.objects.filter(pk__in=GenericComment.objects.filter(content_type=ct).values("object_id"))
            .order_by("pk")
            .first()
        )
        pk = target.pk
        before = {
            "generic": generic_comments_on(target).count(),
            "arc": ArcComment.objects.filter(**{f"{name}_id": pk}).count(),
            "table": TABLE_FOR[target_model].objects.filter(target_id=pk).count(),
        }
        with transaction.atomic():
            target.delete()
            after = {
                "generic": GenericComment.objects.filter(content_type=ct, object_id=pk).count(),
                "arc": ArcComment.objects.filter(**{f"{name}_id": pk}).count(),
                "table": TABLE_FOR[target_model].objects.filter(target_id=pk).count(),
            }
            transaction.set_rollback(True)
        for design in ("generic", "arc", "table"):
            cell = re.search(
                rf'data-measure="delete-{name}-{design}" data-value="(\w+)" '
                rf'data-before="(\d+)" data-after="(\d+)"',
                html,
            )
            outcome, page_before, page_after = cell.groups()
            assert (int(page_before), int(page_after)) == (before[design], after[design]), (name, design)
            assert outcome == ("dangling" if after[design] else "deleted"), (name, design)
    # The page rolled its deletes back: the demo data is intact.
    assert Photo.objects.count() == 3


# --- Listing comments with their targets ------------------------------------------
def _fill_to(n):
    """Give every design n comments, spread over the demo targets (done here, not by the page)."""
    targets = [obj for model in TARGETS for obj in model.objects.order_by("pk")]
    extra = n - GenericComment.objects.count()
    GenericComment.objects.bulk_create(
        GenericComment(target=targets[i % len(targets)], commenter="t", body="b") for i in range(extra)
    )
    extra = n - ArcComment.objects.count()
    ArcComment.objects.bulk_create(
        ArcComment(**{type(t)._meta.model_name: t}, commenter="t", body="b")
        for t in (targets[i % len(targets)] for i in range(extra))
    )
    BlogComment.objects.bulk_create(
        BlogComment(target=Blog.objects.first(), commenter="t", body="b")
        for _ in range(n - sum(m.objects.count() for m in TABLE_FOR.values()))
    )


def _queries(fn) -> int:
    ContentType.objects.get_for_models(*TARGETS)  # a warm cache, as in a running process
    with CaptureQueriesContext(connection) as ctx:
        labels = fn()
    assert len(labels) == 100
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_page_listing_query_counts_match_what_the_orm_sends(admin_user_client, demo_data):
    _fill_to(100)
    kinds = len({c.content_type_id for c in GenericComment.objects.all()[:100]})
    measured = {
        "listing-generic-no-prefetch": _queries(lambda: [str(c.target) for c in GenericComment.objects.all()[:100]]),
        "listing-generic-prefetch_related": _queries(
            lambda: [str(c.target) for c in GenericComment.objects.prefetch_related("target")[:100]]
        ),
        "listing-generic-genericprefetch": _queries(
            lambda: [
                str(c.target)
                for c in GenericComment.objects.prefetch_related(
                    GenericPrefetch("target", [Blog.objects.all(), Author.objects.all(), Photo.objects.all()])
                )[:100]
            ]
        ),
        "listing-arc-select_related": _queries(
            lambda: [str(c.target) for c in ArcComment.objects.select_related("blog", "author", "photo")[:100]]
        ),
        "listing-table-select_related-per-table": _queries(
            lambda: [str(c.target) for m in TABLE_FOR.values() for c in m.objects.select_related("target")][:100]
        ),
    }
    # The facts the page teaches, measured here:
    assert measured["listing-generic-no-prefetch"] == 1 + 100  # one query per comment's target
    assert measured["listing-generic-prefetch_related"] == 1 + kinds  # one per content type
    assert measured["listing-generic-genericprefetch"] == 1 + kinds
    assert measured["listing-arc-select_related"] == 1  # three LEFT JOINs
    assert measured["listing-table-select_related-per-table"] == len(TABLE_FOR)  # one per table
    # ...and the page shows the same numbers.
    measures = page_measures(admin_user_client, n=100)
    assert {key: int(measures[key]) for key in measured} == measured
    assert int(measures["listing-arc-no-select_related"]) == 1 + 100


@pytest.mark.django_db
@pytest.mark.parametrize("raw, message", [("abc", "is not a whole number"), ("0", "must be between 1 and 1000")])
def test_a_bad_listing_size_gets_a_message_and_the_default_listing(admin_user_client, demo_data, raw, message):
    measures = page_measures(admin_user_client, n=raw)
    assert message in measures["_html"]
    assert "listing-arc-select_related" in measures


# --- Indexes ----------------------------------------------------------------------
@pytest.mark.django_db
def test_page_names_the_index_the_database_plan_uses(admin_user_client, demo_data):
    measures = page_measures(admin_user_client)
    blog = Blog.objects.order_by("pk").first()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = blog.comments.all().explain()
        transaction.set_rollback(True)
    assert "genericcomment_target_idx" in plan
    assert measures["index-generic-blog"] == "genericcomment_target_idx"
    assert re.fullmatch(r"relations_arccomment_blog_id_\w+", measures["index-arc-blog"])
    assert re.fullmatch(r"relations_photocomment_target_id_\w+", measures["index-table-photo"])


@pytest.mark.django_db
def test_the_target_exists_filter_finds_exactly_the_dangling_comments(admin_user_client, no_demo_data):
    author = Author.objects.create(name="Kept", email="kept@example.com")
    blog = Blog.objects.create(title="Kept", author=author)
    author_gone = Author.objects.create(name="Gone", email="gone@example.com")
    photo_gone = Photo.objects.create(title="Gone photo")

    def comment(target, content_type=None):
        content_type = content_type or ContentType.objects.get_for_model(target)
        return GenericComment.objects.create(content_type=content_type, object_id=target.pk, commenter="c", body="b")

    kept = {comment(blog).pk, comment(author).pk}
    # Author and Photo declare no GenericRelation: deleting them leaves their comments behind.
    gone = {comment(author_gone).pk, comment(photo_gone).pk}
    author_gone.delete()
    photo_gone.delete()
    # A type that is no comment target at all: nothing can be found behind it either.
    gone.add(comment(blog, content_type=ContentType.objects.get_for_model(Tag)).pk)

    def listed(value):
        url = reverse("admin:relations_genericcomment_changelist")
        return {c.pk for c in admin_user_client.get(url, {"target_exists": value}).context["cl"].result_list}

    assert (listed("no"), listed("yes")) == (gone, kept)
    assert set(GenericComment.objects.dangling().values_list("pk", flat=True)) == gone
    # The same answer as the per-row CASE of with_target(), which the list shows in its column.
    per_row = GenericComment.objects.with_target().filter(target_exists=False)
    assert set(per_row.values_list("pk", flat=True)) == gone


# --- Joining through the reference -------------------------------------------------
@pytest.mark.django_db
def test_page_shows_a_generic_foreign_key_cannot_be_joined_but_a_generic_relation_can(admin_user_client, demo_data):
    from django.core.exceptions import FieldError

    for attempt in (
        lambda: list(GenericComment.objects.select_related("target")),
        lambda: list(GenericComment.objects.filter(target__title__icontains="relational")),
    ):
        with pytest.raises(FieldError):
            attempt()
    through_relation = GenericComment.objects.filter(blog__title__icontains="relational")
    expected = set(through_relation.values_list("pk", flat=True))
    assert expected  # the demo has comments on "A relational model of data"
    response = admin_user_client.get(reverse("admin:lab-comments-comparison"))
    results = {j.attempt.code: j for j in response.context["joins"]}
    assert not results["GenericComment.objects.select_related('target')"].works
    assert "FieldError" in results["GenericComment.objects.select_related('target')"].error
    assert not results["GenericComment.objects.filter(target__title__icontains='relational')"].works
    blog_join = results["GenericComment.objects.filter(blog__title__icontains='relational')"]
    assert blog_join.works and {c.pk for c in blog_join.capture.result} == expected
    assert " JOIN " in blog_join.capture.queries[0].sql.upper()
    html = response.content.decode()
    assert 'id="join-table"' in html and "FieldError" in html
