"""The delete preview tells the truth about a delete and never changes anything."""

from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.db.models.signals import post_delete, pre_delete
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from playground.labkit.deletion import ROW_LIMIT, preview_instance_delete, preview_queryset_delete
from relations.models import (
    Album,
    Artist,
    CascadeChild,
    CascadeGrandchild,
    DbCascadeChild,
    DbCascadeGrandchild,
    DbSetDefaultChild,
    DbSetNullChild,
    DoNothingChild,
    Parent,
    ProtectChild,
    RestrictChild,
    SetCallableChild,
    SetDefaultChild,
    SetNullChild,
    SetValueChild,
    Song,
)

# Each test builds the families it deletes and counts whole tables: without the demo rows.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_data")]


@pytest.fixture
def receivers():
    """Real receivers on every signal a delete can send, counting their calls."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append(sender)

    for signal in (pre_delete, post_delete):
        signal.connect(receiver, weak=False, dispatch_uid="preview-test")
    yield calls
    for signal in (pre_delete, post_delete):
        signal.disconnect(dispatch_uid="preview-test")


@pytest.fixture
def mixed_parent(make_family):
    """A Python-level parent with one child of every non-blocking kind, and a grandchild."""
    parent, (cascade,) = make_family(CascadeChild, "cascade", children=1)
    CascadeGrandchild.objects.create(name="grandchild", cascade=cascade)
    for model, fk in [
        (SetNullChild, "set_null"),
        (SetDefaultChild, "set_default"),
        (SetValueChild, "set_value"),
        (SetCallableChild, "set_callable"),
    ]:
        model.objects.create(name=f"{fk} child", **{fk: parent})
    return parent


@pytest.fixture
def db_parent(make_family):
    parent, (child,) = make_family(DbCascadeChild, "db_cascade", children=1)
    DbCascadeGrandchild.objects.create(name="db grandchild", db_cascade=child)
    DbSetNullChild.objects.create(name="db set null", db_set_null=parent)
    DbSetDefaultChild.objects.create(name="db set default", db_set_default=parent)
    return parent


def family(make_family, kind):
    return {
        "protect": lambda: make_family(ProtectChild, "protect")[0],
        "restrict": lambda: make_family(RestrictChild, "restrict")[0],
        "do_nothing": lambda: make_family(DoNothingChild, "do_nothing")[0],
    }[kind]()


@pytest.mark.parametrize("kind", ["mixed", "db", "protect", "restrict", "do_nothing"])
def test_the_preview_changes_no_row_and_calls_no_receiver(
    make_family, mixed_parent, db_parent, receivers, table_counts, kind
):
    parent = {"mixed": mixed_parent, "db": db_parent}.get(kind) or family(make_family, kind)
    before = table_counts()
    preview = preview_instance_delete(parent)
    assert table_counts() == before
    assert receivers == []
    assert parent.pk is not None and type(parent).objects.filter(pk=parent.pk).exists()
    # ...while the preview did run the delete and saw the signals Django sent.
    assert preview.capture.queries
    if kind in ("mixed", "do_nothing"):
        assert any(s.signal == "pre_delete" for s in preview.capture.signals)
        assert preview.muted_receivers


def test_the_preview_shows_the_sql_the_real_delete_sends(mixed_parent):
    preview = preview_instance_delete(mixed_parent)
    with CaptureQueriesContext(connection) as real:
        Parent.objects.get(pk=mixed_parent.pk).delete()
    real_writes = [q["sql"].split()[0] for q in real.captured_queries if q["sql"].split()[0] in ("UPDATE", "DELETE")]
    previewed = [q.kind for q in preview.capture.queries if q.kind in ("UPDATE", "DELETE")]
    assert previewed == real_writes
    assert [q.table for q in preview.capture.queries if q.kind == "DELETE"] == [
        "relations_cascadegrandchild",
        "relations_cascadechild",
        "relations_parent",
    ]


def test_the_preview_reports_deleted_rows_per_table_and_what_delete_returns(mixed_parent):
    preview = preview_instance_delete(mixed_parent)
    assert preview.would_succeed
    assert preview.returned == (
        3,
        {"relations.CascadeGrandchild": 1, "relations.CascadeChild": 1, "relations.Parent": 1},
    )
    deleted = {group.label: group for group in preview.deleted}
    assert deleted["relations.CascadeChild"].count == 1 and deleted["relations.CascadeChild"].rule == "CASCADE"
    assert deleted["relations.CascadeChild"].signals_sent == 2  # pre_delete and post_delete
    assert (
        deleted["relations.CascadeGrandchild"].by == "fast" and deleted["relations.CascadeGrandchild"].signals_sent == 0
    )


def test_the_preview_shows_what_each_updated_foreign_key_becomes(mixed_parent, fallback_parents):
    preview = preview_instance_delete(mixed_parent)
    updated = {group.rule: group for group in preview.updated}
    assert set(updated) == {"SET_NULL", "SET_DEFAULT", "SET(value)", "SET(callable)"}
    assert [(r.before, r.after) for r in updated["SET_NULL"].rows] == [(mixed_parent.pk, None)]
    assert [(r.before, r.after) for r in updated["SET_DEFAULT"].rows] == [(mixed_parent.slug, "default")]
    assert [(r.before, r.after) for r in updated["SET(value)"].rows] == [(mixed_parent.slug, "archive")]
    sentinel_pk = updated["SET(callable)"].rows[0].after
    assert sentinel_pk not in (None, mixed_parent.pk)
    assert not Parent.objects.filter(pk=sentinel_pk).exists()  # the sentinel's INSERT was rolled back too


def test_the_preview_reports_what_the_database_does_on_its_own(db_parent, fallback_parents):
    preview = preview_instance_delete(db_parent)
    assert preview.returned == (1, {"relations.DbParent": 1})  # Django only knows about the parent
    by_database = {group.label: group for group in preview.database_rows}
    assert by_database["relations.DbCascadeChild"].count == 1
    assert by_database["relations.DbCascadeGrandchild"].count == 1  # two levels, followed
    assert by_database["relations.DbCascadeChild"].verified_gone is True
    assert [r.after for r in by_database["relations.DbSetNullChild"].rows] == [None]
    assert [r.after for r in by_database["relations.DbSetDefaultChild"].rows] == ["db-default"]
    assert not [s for s in preview.capture.signals if s.sender.startswith("relations.DbCascade")]
    changes = {c.table: c.delta for c in preview.capture.row_changes}
    assert changes["relations_dbcascadechild"] == -1 and changes["relations_dbcascadegrandchild"] == -1


def test_the_preview_tells_protect_from_restrict(make_family):
    protected, protect_children = make_family(ProtectChild, "protect")
    restricted, restrict_children = make_family(RestrictChild, "restrict")
    for parent, rule, children in [
        (protected, "PROTECT", protect_children),
        (restricted, "RESTRICT", restrict_children),
    ]:
        preview = preview_instance_delete(parent)
        assert preview.blocked_by == rule
        (group,) = preview.blocking
        assert group.rule == rule and group.count == 2
        assert [row.pk for row in group.rows] == [c.pk for c in children]
        assert not [q for q in preview.capture.queries if q.kind == "DELETE"]


def test_the_preview_explains_the_allowed_restrict_via_cascade_case(db):
    artist = Artist.objects.create(name="Artist")
    album = Album.objects.create(title="Album", artist=artist)
    Song.objects.create(title="Song", album=album, artist=artist)
    preview = preview_instance_delete(artist)
    assert preview.would_succeed
    assert any("Song.album is RESTRICT, yet the delete is allowed" in note for note in preview.notes)
    assert preview_instance_delete(album).blocked_by == "RESTRICT"


def test_the_preview_reports_the_integrity_error_of_do_nothing(make_family):
    parent, children = make_family(DoNothingChild, "do_nothing")
    preview = preview_instance_delete(parent)
    assert preview.integrity_error is not None
    (dangling,) = preview.dangling
    assert dangling.constrained and dangling.count == 2


def test_the_preview_caps_its_listing_but_counts_everything(make_family):
    parent, _ = make_family(CascadeChild, "cascade", children=ROW_LIMIT + 5)
    preview = preview_instance_delete(parent)
    group = next(g for g in preview.deleted if g.label == "relations.CascadeChild")
    assert group.count == ROW_LIMIT + 5 and len(group.rows) == ROW_LIMIT and group.more == 5


def test_a_queryset_preview_covers_every_selected_row(make_family):
    first, _ = make_family(SetNullChild, "set_null")
    second, _ = make_family(SetNullChild, "set_null")
    preview = preview_queryset_delete(Parent.objects.filter(pk__in=[first.pk, second.pk]))
    assert preview.returned == (2, {"relations.Parent": 2})
    assert preview.updated[0].count == 4
    assert Parent.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


# --- In the admin --------------------------------------------------------------------------
def test_the_delete_page_shows_the_preview_beside_djangos_list(admin_user_client, mixed_parent, table_counts):
    before = table_counts()
    url = reverse("admin:relations_parent_delete", args=[mixed_parent.pk])
    html = admin_user_client.get(url).content.decode()
    assert table_counts() == before
    assert 'id="deleted-objects"' in html  # Django's own list
    assert 'id="delete-preview"' in html
    assert "DELETE FROM &quot;relations_cascadechild&quot;" in html or 'DELETE FROM "relations_cascadechild"' in html
    assert "relations_setnullchild.set_null_id" in html


def test_the_delete_page_of_a_db_parent_names_the_rows_django_would_not_mention(admin_user_client, db_parent):
    html = admin_user_client.get(reverse("admin:relations_dbparent_delete", args=[db_parent.pk])).content.decode()
    # Django's own list knows nothing of the DB_SET_NULL child; the preview does.
    own_list = html[html.index('id="deleted-objects"') : html.index('id="delete-preview"')]
    assert "db set null" not in own_list
    assert "relations_dbsetnullchild.db_set_null_id" in html
    assert "the database" in html and "no signals" in html


def test_the_protected_delete_page_says_which_rule_blocks(admin_user_client, make_family):
    parent, _ = make_family(ProtectChild, "protect")
    html = admin_user_client.get(reverse("admin:relations_parent_delete", args=[parent.pk])).content.decode()
    assert "would require deleting the following protected related objects" in html
    assert "Blocked by <strong>PROTECT</strong>" in html


def test_delete_selected_shows_the_preview_and_still_deletes_on_confirmation(admin_user_client, make_family):
    first, _ = make_family(CascadeChild, "cascade")
    second, _ = make_family(CascadeChild, "cascade")
    url = reverse("admin:relations_parent_changelist")
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    response = admin_user_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'id="delete-preview"' in html and "relations_cascadechild" in html
    assert Parent.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    response = admin_user_client.post(url, {**data, "post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Parent.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert not CascadeChild.objects.filter(cascade__in=[first.pk, second.pk]).exists()


def test_confirming_a_single_delete_still_deletes(admin_user_client, make_family):
    parent, children = make_family(SetNullChild, "set_null")
    response = admin_user_client.post(reverse("admin:relations_parent_delete", args=[parent.pk]), {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Parent.objects.filter(pk=parent.pk).exists()
    assert set(SetNullChild.objects.filter(pk__in=[c.pk for c in children]).values_list("set_null", flat=True)) == {
        None
    }


def test_a_model_without_the_mixin_is_unaffected(admin_user_client, admin_user):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Editors")
    html = admin_user_client.get(reverse("admin:auth_group_delete", args=[group.pk])).content.decode()
    assert 'id="delete-preview"' not in html


def test_preview_works_for_models_of_other_apps(db, django_user_model):
    user = django_user_model.objects.create_user("someone", password="x")
    preview = preview_instance_delete(user)
    assert preview.would_succeed
    assert django_user_model.objects.filter(pk=user.pk).exists()
    assert any(g.label == "users.User" for g in preview.deleted)
