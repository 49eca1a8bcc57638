"""A delete or an edit the database refuses (a race, a DO_NOTHING child) is a message, not a 500."""

import pytest
from django.contrib.messages import get_messages
from django.db.models.signals import pre_delete
from django.urls import reverse

from relations.models import CascadeChild, DoNothingChild, Parent

# The admin's own transaction must really commit: foreign keys are checked at commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client_as_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("racer", "racer@example.com", "pw")
    client.force_login(user)
    return client


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_deleting_a_parent_whose_child_the_database_still_needs_shows_a_message(client_as_admin):
    parent = Parent.objects.create(name="Held", slug="held")
    DoNothingChild.objects.create(name="Clinging", do_nothing=parent)
    url = reverse("admin:relations_parent_delete", args=[parent.pk])
    response = client_as_admin.post(url, {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == url
    assert any("Nothing was deleted: the database refused it" in m for m in messages_of(response))
    assert Parent.objects.filter(pk=parent.pk).exists()
    assert client_as_admin.get(url).status_code == 200, "the page shows the rows as they are now"


def test_a_child_added_while_its_parent_is_being_deleted_shows_a_message(client_as_admin):
    parent = Parent.objects.create(name="Raced", slug="raced")
    CascadeChild.objects.create(name="Known", cascade=parent)

    def someone_else_adds_a_child(sender, instance, **kwargs):
        # Another user's request, landing between Django's collection and its DELETE.
        if isinstance(instance, Parent) and not DoNothingChild.objects.filter(do_nothing_id=instance.pk).exists():
            DoNothingChild.objects.create(name="Late", do_nothing_id=instance.pk)

    pre_delete.connect(someone_else_adds_a_child, sender=Parent)
    try:
        response = client_as_admin.post(reverse("admin:relations_parent_delete", args=[parent.pk]), {"post": "yes"})
    finally:
        pre_delete.disconnect(someone_else_adds_a_child, sender=Parent)
    assert response.status_code == 302
    assert any("the database refused it" in m for m in messages_of(response))
    assert Parent.objects.filter(pk=parent.pk).exists() and CascadeChild.objects.filter(cascade=parent).exists()


def test_delete_selected_refused_by_the_database_shows_a_message(client_as_admin):
    parent = Parent.objects.create(name="Selected", slug="selected")
    DoNothingChild.objects.create(name="Clinging", do_nothing=parent)
    response = client_as_admin.post(
        reverse("admin:relations_parent_changelist"),
        {"action": "delete_selected", "_selected_action": [parent.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert any("the database refused it" in m for m in messages_of(response))
    assert Parent.objects.filter(pk=parent.pk).exists()
