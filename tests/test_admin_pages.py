"""Every admin page of every registered model, and every lab page, answers."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from playground.labkit import labs
from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin
from tests.tables import has_table

PROJECT_APPS = ("relations", "inheritance", "querylab", "migrations_lab", "users")
# The slow twins are read-only on purpose (no add, change or delete): tests/test_toolbar_n_plus_one.py.
REGISTERED = sorted(
    ((model, ma) for model, ma in admin.site._registry.items() if not isinstance(ma, SlowTwinAdmin)),
    key=lambda item: item[0]._meta.label,
)
MODEL_IDS = [model._meta.label for model, _ in REGISTERED]


@pytest.fixture
def some_rows(demo_data, admin_user):
    Group.objects.get_or_create(name="Editors")


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


table_here = has_table


# Admins that refuse add and delete even to a superuser, named here so that an admin losing
# its add or delete by mistake fails the tests below instead of being expected to refuse.
READ_ONLY = {"relations.AuthorBlogSummary"}  # a managed=False model over a database view


def refuses(model_admin, action: str, user=None) -> bool:
    """Whether the admin must refuse the ``action`` page ("add", "delete") even to a superuser."""
    return action in ("add", "delete") and model_admin.model._meta.label in READ_ONLY


def one_row(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"The demo data has no {model._meta.label}: add it to a fixture."
    return obj


@pytest.mark.parametrize("model_admin", [ma for _, ma in REGISTERED], ids=MODEL_IDS)
def test_every_admin_page_answers_a_superuser_and_every_project_delete_page_previews(
    admin_user_client, admin_user, some_rows, model_admin
):
    model = model_admin.model
    if not table_here(model):
        # No table on this database: the list answers, empty, with the reason; nothing can be added.
        response = admin_user_client.get(url(model, "changelist"))
        assert response.status_code == HTTPStatus.OK and 'id="table-absent"' in response.content.decode()
        assert admin_user_client.get(url(model, "add")).status_code == HTTPStatus.FORBIDDEN
        return
    obj = one_row(model)
    rows_before = model._base_manager.count()
    for view, page in (
        ("changelist", url(model, "changelist")),
        ("add", url(model, "add")),
        ("change", url(model, "change", obj.pk)),
        ("delete", url(model, "delete", obj.pk)),
    ):
        # Not followed: a redirect (to the login page, or away from a broken page) is no answer.
        response = admin_user_client.get(page)
        # A read-only admin (a database view) refuses add and delete pages even to a superuser.
        expected = HTTPStatus.FORBIDDEN if refuses(model_admin, view, admin_user) else HTTPStatus.OK
        assert response.status_code == expected, f"{page} answered {response.status_code}"
    if model._meta.app_label in PROJECT_APPS and not refuses(model_admin, "delete", admin_user):
        # Every project delete page previews the delete, rolled back, and draws its blast radius.
        html = response.content.decode()
        assert 'class="delete-preview' in html, f"{type(model_admin).__name__} has no DeletePreviewMixin"
        assert 'id="blast-radius"' in html and "mermaid.min.js" in html
        assert model._base_manager.count() == rows_before


@pytest.mark.parametrize("model_admin", [ma for _, ma in REGISTERED], ids=MODEL_IDS)
def test_every_admin_page_sends_an_anonymous_user_to_login(client, some_rows, model_admin):
    model = model_admin.model
    # The login redirect comes before any query: a model without a table here is asked for pk 1.
    obj = one_row(model) if table_here(model) else model(pk=1)
    for page in (
        url(model, "changelist"),
        url(model, "add"),
        url(model, "change", obj.pk),
        url(model, "delete", obj.pk),
    ):
        response = client.get(page)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("lab", labs.all_labs(), ids=[lab.slug for lab in labs.all_labs()])
def test_every_lab_page_answers_and_is_linked_from_the_index(admin_user_client, demo_data, lab):
    lab_url = reverse(f"admin:{lab.url_name}")
    assert admin_user_client.get(lab_url).status_code == HTTPStatus.OK
    assert lab_url in admin_user_client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("lab", labs.all_labs(), ids=[lab.slug for lab in labs.all_labs()])
def test_every_lab_page_is_for_staff_only(client, lab):
    response = client.get(reverse(f"admin:{lab.url_name}"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_root_redirects_to_the_admin(client):
    response = client.get("/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:index")


def test_index_groups_models_per_lab_with_a_sentence_each(admin_user_client):
    html = admin_user_client.get(reverse("admin:index")).content.decode()
    assert "Django ORM Playground" in html
    from django.apps import apps

    for label in PROJECT_APPS:
        config = apps.get_app_config(label)
        if any(m._meta.app_label == label for m, _ in REGISTERED) or any(
            lab.app_label == label for lab in labs.all_labs()
        ):
            assert escape(config.lab_description) in html
    # Labs come first, in their declared order; Django's own auth app comes after them.
    assert html.index("Relations and deletion lab") < html.index("Authentication and Authorization")
