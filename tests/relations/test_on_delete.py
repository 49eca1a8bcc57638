"""Every on_delete option, through instance.delete() and QuerySet.delete(), against Django's documented semantics."""

import pytest
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.signals import post_delete, pre_delete

from relations.models import (
    Album,
    Artist,
    CascadeChild,
    CascadeGrandchild,
    DbCascadeChild,
    DbCascadeGrandchild,
    DbParent,
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
from relations.models.on_delete import SENTINEL_PARENT_SLUG
from tests.relations.conftest import delete_via

VIA = ["instance", "queryset"]

# Each test builds the family it deletes and asserts over whole tables: without the demo rows.
pytestmark = pytest.mark.usefixtures("no_demo_data")


@pytest.fixture
def receiver_calls():
    """A real pre/post_delete receiver for a model, recording the instances it is called with."""
    calls = []
    connected = []

    def listen(model):
        def receiver(sender, instance, **kwargs):
            calls.append((kwargs["signal"], instance.pk))

        for signal in (pre_delete, post_delete):
            signal.connect(receiver, sender=model, weak=False)
            connected.append((signal, receiver, model))
        return calls

    yield listen
    for signal, receiver, model in connected:
        signal.disconnect(receiver, sender=model)


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_cascade_deletes_children_and_grandchildren(make_family, via):
    parent, children = make_family(CascadeChild, "cascade")
    for child in children:
        CascadeGrandchild.objects.create(name="g", cascade=child)
    deleted = delete_via(via, parent)
    assert deleted == (
        5,
        {"relations.CascadeGrandchild": 2, "relations.CascadeChild": 2, "relations.Parent": 1},
    )
    assert not CascadeChild.objects.filter(pk__in=[c.pk for c in children]).exists()
    assert not CascadeGrandchild.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_cascade_sends_the_childrens_signals(make_family, via, receiver_calls):
    parent, children = make_family(CascadeChild, "cascade")
    calls = receiver_calls(CascadeChild)
    delete_via(via, parent)
    assert sorted(calls, key=str) == sorted(
        [(pre_delete, c.pk) for c in children] + [(post_delete, c.pk) for c in children], key=str
    )


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_protect_blocks_delete_and_names_the_protecting_rows(make_family, via):
    parent, children = make_family(ProtectChild, "protect")
    with pytest.raises(ProtectedError) as caught:
        delete_via(via, parent)
    assert str(caught.value.args[0]) == (
        "Cannot delete some instances of model 'Parent' because they are referenced through protected "
        "foreign keys: 'ProtectChild.protect'."
    )
    assert caught.value.protected_objects == set(children)
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert ProtectChild.objects.filter(protect=parent).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_restrict_blocks_a_delete_that_would_leave_the_children_behind(make_family, via):
    parent, children = make_family(RestrictChild, "restrict")
    with pytest.raises(RestrictedError) as caught:
        delete_via(via, parent)
    assert "referenced through restricted foreign keys: 'RestrictChild.restrict'" in caught.value.args[0]
    assert caught.value.restricted_objects == set(children)
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert RestrictChild.objects.filter(restrict=parent).count() == 2


@pytest.fixture
def discography(db):
    artist = Artist.objects.create(name="Artist one")
    album = Album.objects.create(title="Album one", artist=artist)
    song = Song.objects.create(title="Song one", album=album, artist=artist)
    return artist, album, song


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_restrict_allows_the_delete_when_the_restricted_rows_are_cascaded_too(discography, via):
    # Django's documented case: the song is RESTRICT-ed through its album but also CASCADE-d
    # through its artist, so deleting the artist deletes all three.
    artist, album, song = discography
    deleted = delete_via(via, artist)
    assert deleted == (3, {"relations.Song": 1, "relations.Album": 1, "relations.Artist": 1})
    assert not Song.objects.exists() and not Album.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_restrict_refuses_the_album_alone_and_changes_nothing(discography, via):
    artist, album, song = discography
    with pytest.raises(RestrictedError) as caught:
        delete_via(via, album)
    assert caught.value.restricted_objects == {song}
    assert Album.objects.filter(pk=album.pk).exists() and Song.objects.filter(pk=song.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_protect_on_the_same_path_would_refuse_what_restrict_allows(discography, via, monkeypatch):
    artist, album, song = discography
    field = Song._meta.get_field("album")
    monkeypatch.setattr(field.remote_field, "on_delete", models.PROTECT)
    with pytest.raises(ProtectedError):
        delete_via(via, artist)
    assert Artist.objects.filter(pk=artist.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_set_null_keeps_the_children_with_an_empty_foreign_key(make_family, via):
    parent, children = make_family(SetNullChild, "set_null")
    assert delete_via(via, parent) == (1, {"relations.Parent": 1})
    assert list(SetNullChild.objects.filter(pk__in=[c.pk for c in children]).values_list("set_null", flat=True)) == [
        None,
        None,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_set_default_moves_the_children_to_the_default_parent(make_family, via, fallback_parents):
    parent, children = make_family(SetDefaultChild, "set_default")
    delete_via(via, parent)
    for child in children:
        child.refresh_from_db()
        assert child.set_default == fallback_parents["default"]


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_set_value_moves_the_children_to_the_fixed_parent(make_family, via, fallback_parents):
    parent, children = make_family(SetValueChild, "set_value")
    delete_via(via, parent)
    for child in children:
        child.refresh_from_db()
        assert child.set_value == fallback_parents["archive"]


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_set_callable_calls_the_callable_at_delete_time(make_family, via):
    parent, children = make_family(SetCallableChild, "set_callable")
    assert not Parent.objects.filter(slug=SENTINEL_PARENT_SLUG).exists()
    delete_via(via, parent)
    sentinel = Parent.objects.get(slug=SENTINEL_PARENT_SLUG)  # created by the callable, during the delete
    assert set(SetCallableChild.objects.values_list("set_callable", flat=True)) == {sentinel.pk}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("via", VIA)
def test_do_nothing_outside_atomic_fails_in_delete_itself(make_family, via):
    # In autocommit mode delete() is its own transaction; the deferred foreign key is checked at
    # its COMMIT, so delete() raises and nothing is deleted.
    parent, children = make_family(DoNothingChild, "do_nothing")
    with pytest.raises(IntegrityError):
        delete_via(via, parent)
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert DoNothingChild.objects.filter(do_nothing_id=parent.pk).count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("via", VIA)
def test_do_nothing_inside_atomic_fails_only_when_the_block_commits(make_family, via):
    parent, children = make_family(DoNothingChild, "do_nothing")
    parent_pk = parent.pk  # instance.delete() clears parent.pk
    returned = {}
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            returned["value"] = delete_via(via, parent)
            # Inside the block the delete "worked": the constraint is deferred to COMMIT.
            assert not Parent.objects.filter(pk=parent_pk).exists()
    assert returned["value"] == (1, {"relations.Parent": 1})
    assert Parent.objects.filter(pk=parent_pk).exists()
    assert DoNothingChild.objects.filter(do_nothing_id=parent_pk).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_db_cascade_lets_the_database_delete_two_levels_without_signals(make_family, via, receiver_calls):
    parent, children = make_family(DbCascadeChild, "db_cascade")
    for child in children:
        DbCascadeGrandchild.objects.create(name="g", db_cascade=child)
    calls = receiver_calls(DbCascadeChild) + receiver_calls(DbCascadeGrandchild)
    # Django only deletes the parent: the database removes the rest and nobody is told.
    assert delete_via(via, parent) == (1, {"relations.DbParent": 1})
    assert not DbCascadeChild.objects.exists()
    assert not DbCascadeGrandchild.objects.exists()
    assert calls == []


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_db_set_null_lets_the_database_empty_the_foreign_key(make_family, via):
    parent, children = make_family(DbSetNullChild, "db_set_null")
    assert delete_via(via, parent) == (1, {"relations.DbParent": 1})
    assert set(DbSetNullChild.objects.values_list("db_set_null", flat=True)) == {None}


@pytest.mark.django_db
@pytest.mark.parametrize("via", VIA)
def test_db_set_default_lets_the_database_write_the_column_default(make_family, via, fallback_parents):
    parent, children = make_family(DbSetDefaultChild, "db_set_default")
    delete_via(via, parent)
    assert set(DbSetDefaultChild.objects.values_list("db_set_default", flat=True)) == {
        fallback_parents["db_default"].slug
    }


@pytest.mark.django_db
def test_db_level_children_are_not_read_by_django(make_family, django_assert_num_queries):
    parent, _ = make_family(DbCascadeChild, "db_cascade")
    parent = DbParent.objects.get(pk=parent.pk)
    with django_assert_num_queries(1):  # DELETE FROM relations_dbparent WHERE id IN (...)
        parent.delete()
