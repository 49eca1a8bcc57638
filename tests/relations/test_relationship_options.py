"""Relationship options: a one-way follow with data, no reverse accessor, default and per-child reverse names."""

from http import HTTPStatus

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, FieldError
from django.db import IntegrityError, transaction
from django.urls import reverse

from relations.models import Bookmark, Follow, Reader, ReadingLabel, ReadingNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers():
    return [Reader.objects.create(name=f"T-reader {n}") for n in range(3)]


def test_following_is_one_way_and_the_link_keeps_its_date_and_reason(readers):
    a, b, _ = readers
    a.follows.add(b, through_defaults={"reason": "T-why"})
    assert list(a.follows.all()) == [b] and list(b.followers.all()) == [a]
    assert not b.follows.exists()  # symmetrical=False: b does not follow a back
    link = Follow.objects.get(follower=a, followed=b)
    assert link.reason == "T-why" and link.since is not None


def test_following_oneself_or_twice_is_refused_by_the_database(readers):
    a, b, _ = readers
    Follow.objects.create(follower=a, followed=b)
    for follower, followed in ((a, b), (a, a)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Follow.objects.create(follower=follower, followed=followed)


def test_admin_refuses_following_oneself_with_a_form_error(admin_user_client, readers):
    a = readers[0]
    before = Follow.objects.count()
    data = {"follower": a.pk, "followed": a.pk, "since": "2026-05-01", "reason": ""}
    response = admin_user_client.post(reverse("admin:relations_follow_add"), data)
    assert response.status_code == HTTPStatus.OK and Follow.objects.count() == before
    assert "A reader cannot follow themselves." in response.context["adminform"].form.errors[NON_FIELD_ERRORS]


def test_related_name_plus_leaves_no_reverse_accessor_and_no_reverse_lookup(readers):
    host, guest, _ = readers
    guest.invited_by = host
    guest.save()
    reverse_names = {rel.get_accessor_name() for rel in Reader._meta.related_objects if not rel.hidden}
    assert "followers" in reverse_names
    assert not any(rel.field.name == "invited_by" for rel in Reader._meta.related_objects if not rel.hidden)
    with pytest.raises(FieldError):
        Reader.objects.filter(invited_by_set=guest).exists()
    assert Reader.objects.filter(invited_by=host).get() == guest  # the forward side works as usual


def test_default_related_name_names_the_reverse_side(readers):
    bookmark = Bookmark.objects.create(reader=readers[0], url="https://example.com/t")
    assert list(readers[0].bookmarks.all()) == [bookmark]
    assert Reader.objects.filter(bookmarks__url="https://example.com/t").get() == readers[0]


def test_each_child_of_the_abstract_base_has_its_own_reverse_name_and_join_table(readers):
    label = ReadingLabel.objects.create(name="T-label")
    bookmark = Bookmark.objects.create(reader=readers[0], url="https://example.com/t2")
    note = ReadingNote.objects.create(reader=readers[0], text="T-note")
    bookmark.labels.add(label)
    note.labels.add(label)
    assert list(label.relations_bookmark_items.all()) == [bookmark]
    assert list(label.relations_readingnote_items.all()) == [note]
    tables = {Bookmark.labels.through._meta.db_table, ReadingNote.labels.through._meta.db_table}
    assert len(tables) == 2


def test_reader_changelist_lists_who_follows_whom(admin_user_client, readers):
    a, b, _ = readers
    a.follows.add(b)
    html = admin_user_client.get(reverse("admin:relations_reader_changelist"), {"q": "T-reader"}).content.decode()
    assert f'<td class="field-following">{b.name}</td>' in html
    assert f'<td class="field-followed_by">{a.name}</td>' in html
