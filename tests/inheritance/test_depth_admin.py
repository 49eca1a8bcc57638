"""The depth models' admin: registered, grouped on the index, every page answers, no query per row."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inheritance.models import (
    BirthdayGiftCard,
    BookByAuthor,
    Edition,
    GiftCard,
    PrintedEdition,
    RentalOffer,
    RentOrBuyFilm,
    SaleOffer,
    SignedEdition,
    Voucher,
)

pytestmark = pytest.mark.django_db
DEPTH_MODELS = [
    Edition,
    PrintedEdition,
    SignedEdition,
    BookByAuthor,
    Voucher,
    GiftCard,
    BirthdayGiftCard,
    SaleOffer,
    RentalOffer,
    RentOrBuyFilm,
]
IDS = [m._meta.label for m in DEPTH_MODELS]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", DEPTH_MODELS, ids=IDS)
def test_every_depth_model_is_registered_and_listed_under_a_depth_group(model):
    assert admin.site.is_registered(model)
    groups = dict(apps.get_app_config("inheritance").admin_groups)
    depth_groups = ("three levels", "proxies of children", "two concrete parents")
    assert any(model._meta.model_name in groups[title] for title in depth_groups)


@pytest.mark.parametrize("model", DEPTH_MODELS, ids=IDS)
def test_every_depth_admin_page_answers_and_the_delete_page_previews(admin_user_client, catalogue, model):
    obj = model._default_manager.order_by("pk").first()
    for view, args in (("changelist", ()), ("add", ()), ("change", (obj.pk,)), ("delete", (obj.pk,))):
        response = admin_user_client.get(url(model, view, *args))
        assert response.status_code == HTTPStatus.OK, f"{view}: {response.status_code}"
    assert 'class="delete-preview' in response.content.decode()
    assert model._default_manager.filter(pk=obj.pk).exists()  # the preview was rolled back


@pytest.mark.parametrize("model", DEPTH_MODELS, ids=IDS)
def test_a_depth_changelist_costs_the_same_for_one_row_and_every_row(admin_user_client, catalogue, model, monkeypatch):
    model_admin = admin.site._registry[model]
    counts = []
    for per_page in (1, 100):
        monkeypatch.setattr(model_admin, "list_per_page", per_page)
        with CaptureQueriesContext(connection) as ctx:
            response = admin_user_client.get(url(model, "changelist"))
        assert response.status_code == HTTPStatus.OK
        counts.append(len(ctx.captured_queries))
    assert len(response.context["cl"].result_list) >= 2
    assert counts[0] == counts[1], counts


def test_the_edition_changelist_names_each_rows_deepest_level(admin_user_client, catalogue):
    html = admin_user_client.get(url(Edition, "changelist")).content.decode()
    for name in ("edition (three levels)", "printed edition (three levels)", "signed edition (three levels)"):
        assert f">{name}</td>" in html


def test_the_voucher_changelist_names_the_proxy_type_of_proxy_rows(admin_user_client, catalogue):
    html = admin_user_client.get(url(Voucher, "changelist")).content.decode()
    assert ">birthday card (polymorphic proxy)</td>" in html and ">gift card (polymorphic)</td>" in html
