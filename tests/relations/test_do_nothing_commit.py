"""DO_NOTHING: the preview, the matrix and the admin all say what the real delete's COMMIT says.

The admin tests commit for real (``transaction=True``): a deferred foreign key is only
checked at COMMIT, which a test wrapped in a transaction never reaches.
"""

from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from playground.labkit.deletion import preview_instance_delete
from relations.matrix import compute_matrix
from relations.models import DoNothingChild, Parent


def _real_commit_error(parent):
    """Delete ``parent`` for real, outside any test transaction, and return what the COMMIT raised."""
    try:
        parent.delete()  # autocommit: delete() commits, and the COMMIT checks the deferred key
    except Exception as err:  # noqa: BLE001 - the error is the subject
        return str(err).strip()
    return None


@pytest.mark.django_db(transaction=True)
def test_the_preview_names_the_error_the_real_delete_ends_in(make_family):
    parent, _ = make_family(DoNothingChild, "do_nothing")
    preview = preview_instance_delete(parent)
    real = _real_commit_error(Parent.objects.get(pk=parent.pk))
    assert real is not None
    assert preview.commit_error == real
    if connection.vendor == "postgresql":
        assert real.startswith('update or delete on table "relations_parent" violates foreign key constraint')
    else:
        assert real == "FOREIGN KEY constraint failed"


@pytest.mark.django_db(transaction=True)
def test_the_matrix_shows_the_commit_error_of_do_nothing_on_this_database(make_family):
    parent, _ = make_family(DoNothingChild, "do_nothing")
    real = _real_commit_error(Parent.objects.get(pk=parent.pk))
    rows = [row for row in compute_matrix() if row.on_delete == "DO_NOTHING"]
    assert len(rows) == 2
    for row in rows:
        assert row.outcome == "integrity_error"
        # The matrix's parent has another id: compare the message up to the key it names.
        assert row.exception_message.split("DETAIL")[0] == real.split("DETAIL")[0]


@pytest.mark.django_db(transaction=True)
def test_the_admin_delete_of_a_do_nothing_parent_ends_in_a_message_not_a_500(make_family, admin_client):
    parent, _ = make_family(DoNothingChild, "do_nothing")
    url = reverse("admin:relations_parent_delete", args=[parent.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == url
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(texts) == 1 and "Nothing was deleted: the database refused it at COMMIT" in texts[0]
    assert "deleted successfully" not in texts[0]
    expected = "FOREIGN KEY constraint failed" if connection.vendor == "sqlite" else "update or delete on table"
    assert expected in texts[0]
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert DoNothingChild.objects.filter(do_nothing=parent).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_delete_selected_action_on_do_nothing_parents_ends_in_a_message(make_family, admin_client):
    parent, _ = make_family(DoNothingChild, "do_nothing")
    url = reverse("admin:relations_parent_changelist")
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [parent.pk], "post": "yes"}
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Nothing was deleted: the database refused it at COMMIT" in text for text in texts)
    assert Parent.objects.filter(pk=parent.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_an_admin_delete_that_commits_still_says_it_succeeded(admin_client):
    parent = Parent.objects.create(name="Alone", slug="alone")
    response = admin_client.post(reverse("admin:relations_parent_delete", args=[parent.pk]), {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("deleted successfully" in text for text in texts)
    assert not Parent.objects.filter(pk=parent.pk).exists()
