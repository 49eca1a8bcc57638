"""The "Start here" tour page: steps declared by the labs, links to live objects, reload for superusers only."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from playground.labkit import tour
from relations.models import Parent

TOUR = reverse("admin:lab-start-here")


def test_the_labs_declare_eight_steps_in_order():
    assert [step.order for step in tour.steps()] == list(range(1, 9))


def test_the_index_links_to_the_tour_above_the_labs(admin_user_client):
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    assert f'href="{TOUR}" id="start-here"' in html
    assert html.index('id="start-here"') < html.index('id="app-relations"')


def test_every_step_link_opens_a_page(admin_user_client, demo_data):
    for step in tour.steps():
        for label, url in step.links():
            if url.endswith(".csv"):
                continue  # a static file, served by runserver/live_server, not by the test client
            response = admin_user_client.get(url)
            assert response.status_code == HTTPStatus.OK, f"step {step.order}: {label} → {url}"


def test_step_links_are_looked_up_so_they_follow_the_data(admin_user_client, demo_data):
    (label, url), *_ = tour.steps()[0].links()
    linked = Parent.objects.get(pk=url.split("/")[-3])
    linked.delete()
    (label_after, url_after), *_ = tour.steps()[0].links()
    assert url_after != url
    assert admin_user_client.get(url_after).status_code == HTTPStatus.OK


def test_a_deleted_parent_turns_step_one_to_done(admin_user_client, demo_data):
    parent = Parent.objects.get(slug="cascade-demo")
    assert "not done yet" in admin_user_client.get(TOUR).content.decode()
    admin_user_client.post(reverse("admin:relations_parent_delete", args=[parent.pk]), {"post": "yes"})
    html = admin_user_client.get(TOUR).content.decode()
    step_one = html[html.index('id="step-1"') : html.index('id="step-2"')]
    assert "done: you deleted a parent" in step_one


@pytest.mark.django_db
def test_reloading_the_demo_data_is_refused_to_staff_who_are_not_superusers(client):
    staff = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(TOUR).status_code == HTTPStatus.OK
    before = Parent.objects.count()
    assert client.post(TOUR).status_code == HTTPStatus.FORBIDDEN
    assert Parent.objects.count() == before


def test_reloading_twice_says_the_second_time_nothing_changed(admin_user_client, demo_data):
    admin_user_client.post(TOUR)
    response = admin_user_client.post(TOUR, follow=True)
    assert "nothing changed" in response.content.decode()
