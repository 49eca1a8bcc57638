"""One delete API: the four delete observers read the same DeleteReport and speak one vocabulary."""

import pytest
from django.db import router
from django.db.models import signals
from django.db.models.deletion import Collector

from inheritance.comparison import measure_deletes
from playground.labkit.deletion import (
    OUTCOMES,
    DeleteReport,
    Track,
    observe_delete,
    observing,
    outcome_of,
    preview_instance_delete,
)
from playground.labkit.deletion.collector import CollectorObserver
from relations import comments_lab
from relations.matrix import SCENARIOS, compute_matrix
from relations.models import Author, Blog, CascadeChild, DbCascadeChild, DbParent, GenericComment, Parent, ProtectChild

pytestmark = pytest.mark.django_db

CASES = {
    "CASCADE": (CascadeChild, "cascade", "deleted"),
    "PROTECT": (ProtectChild, "protect", "blocked"),
    "DB_CASCADE": (DbCascadeChild, "db_cascade", "deleted"),
}


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # The eleven options' rows; the key shapes (KEY_SCENARIOS) repeat CASCADE on other models.
        options = {model._meta.label for model, _ in SCENARIOS}
        return {(row.on_delete, row.delete_via): row for row in compute_matrix() if row.child_model in options}


def _is_djangos_own_collector_delete() -> bool:
    delete = Collector.__dict__["delete"]
    return delete.__module__ == "django.db.models.deletion" and not hasattr(delete, "__wrapped__")


@pytest.mark.parametrize("option", list(CASES))
def test_the_preview_and_the_matrix_agree_with_the_report(make_family, matrix, option):
    child_model, fk_name, expected = CASES[option]
    parent, children = make_family(child_model, fk_name)
    fk = child_model._meta.get_field(fk_name)
    tracked = child_model.objects.filter(pk__in=[c.pk for c in children])
    # The preview first: a delete clears the instance's pk, even when it is rolled back.
    preview = preview_instance_delete(parent)
    parent_pk = parent.pk
    report = observe_delete(
        parent.delete, type(parent), using="default", track=[Track.foreign_key("children", tracked, fk)]
    )
    word = report.tracked["children"].outcome
    assert word == expected and word in OUTCOMES
    assert report.tracked["children"].before == {c.pk: parent_pk for c in children}
    # The preview is the same report type, and says the same of the same rows.
    assert isinstance(preview, DeleteReport)
    assert preview.outcomes_for(child_model._meta.label) == {word}
    assert preview.outcome == report.outcome == ("blocked" if option == "PROTECT" else "deleted")
    assert [g.by for g in preview.deleted] == [g.by for g in report.deleted]
    # The matrix cell for this option is the report's word, on a parent of its own.
    assert matrix[(option, "instance")].outcome == word
    assert matrix[(option, "queryset")].outcome == word
    assert matrix[(option, "instance")].returned == (list(report.returned) if report.returned else None)


def test_the_comments_lab_reads_its_outcomes_from_the_report(demo_data):
    run = comments_lab.delete_target(comments_lab.deletion_target(comments_lab.TARGETS[0]))
    assert isinstance(run.report, DeleteReport)
    for outcome in run.outcomes:
        assert outcome.tracked is run.report.tracked[outcome.design]
        assert outcome.outcome in OUTCOMES
    # Blog declares a GenericRelation: its generic comments go with it, and the preview
    # of the same delete lists them among the deleted rows.
    assert run.outcome("generic").outcome == "deleted"
    preview = preview_instance_delete(comments_lab.deletion_target(comments_lab.TARGETS[0]))
    assert "deleted" in preview.outcomes_for("relations.GenericComment")


def test_a_target_without_generic_relation_leaves_its_generic_comments_dangling(demo_data):
    author_model = comments_lab.TARGETS[1]
    run = comments_lab.delete_target(comments_lab.deletion_target(author_model))
    generic = run.outcome("generic")
    assert generic.before and generic.after == generic.before
    assert generic.outcome == "dangling"


def test_the_inheritance_comparison_reads_the_report(demo_data):
    for variant in measure_deletes():
        assert isinstance(variant.report, DeleteReport) and variant.report.outcome == "deleted"
        deltas = {change.table: change.delta for change in variant.capture.row_changes}
        for group in variant.report.deleted:
            assert group.outcome in OUTCOMES
            assert deltas.get(group.table, -group.count) == -group.count, (variant.code, group)


def test_djangos_collector_is_patched_only_inside_the_observation(make_family):
    parent, _ = make_family(ProtectChild, "protect")
    assert _is_djangos_own_collector_delete()
    assert all("send" not in vars(getattr(signals, name)) for name in ("pre_delete", "post_delete"))
    seen_inside = []

    def delete():
        seen_inside.append(_is_djangos_own_collector_delete())
        return parent.delete()

    report = observe_delete(delete, Parent, using=router.db_for_write(Parent))
    assert seen_inside == [False] and report.blocked_by == "PROTECT"
    # Restored after an observation that raised, and after one that succeeded.
    assert _is_djangos_own_collector_delete()
    observe_delete(lambda: DbParent.objects.filter(pk=-1).delete(), DbParent, using="default")
    assert _is_djangos_own_collector_delete()
    assert all("send" not in vars(getattr(signals, name)) for name in ("pre_delete", "post_delete"))


def test_nested_observations_restore_django_only_when_the_last_one_ends():
    outer, inner = (CollectorObserver(Parent, "default", 10) for _ in range(2))
    with observing(outer):
        with observing(inner):
            assert not _is_djangos_own_collector_delete()
        assert not _is_djangos_own_collector_delete()
    assert _is_djangos_own_collector_delete()


@pytest.mark.parametrize(
    ("before", "after", "targets_left", "word"),
    [
        ({}, {}, True, "no_rows"),
        ({1: 5}, {}, True, "deleted"),
        ({1: 5}, {1: None}, True, "set_null"),
        ({1: 5}, {1: "default"}, True, "set_default"),
        ({1: 5}, {1: 7}, True, "set_value"),
        ({1: 5}, {1: 5}, True, "unchanged"),
        ({1: 5}, {1: 5}, False, "dangling"),
    ],
)
def test_the_vocabulary_has_one_rule(before, after, targets_left, word):
    assert outcome_of(None, before, after, default="default", targets_left=targets_left) == word
    assert word in OUTCOMES


def test_the_report_names_who_was_asked_to_delete_even_when_the_delete_is_refused(make_family):
    parent, _children = make_family(ProtectChild, "protect")
    report = preview_instance_delete(parent)
    assert report.outcome == "blocked" and not report.deleted
    assert report.model == "relations.Parent"


def test_generic_comments_are_reported_as_a_generic_relations_cleanup_not_a_cascade(db):
    author = Author.objects.create(name="Rule", email="rule@example.com")
    blog = Blog.objects.create(title="Commented", author=author)
    GenericComment.objects.create(target=blog, commenter="Ann", body="first")
    report = preview_instance_delete(blog)
    (group,) = [g for g in report.deleted if g.label == "relations.GenericComment"]
    # The comments' content_type key is a CASCADE to ContentType; that is not why they go.
    assert group.rule == "GenericRelation" and group.count == 1


def test_rows_a_cascade_deletes_are_not_credited_to_a_set_null_key_of_the_same_table(db):
    author = Author.objects.create(name="Both", email="both@example.com")
    Blog.objects.create(title="Written and edited", author=author, editor=author)
    report = preview_instance_delete(author)
    (group,) = [g for g in report.deleted if g.label == "relations.Blog"]
    assert group.rule == "CASCADE"
