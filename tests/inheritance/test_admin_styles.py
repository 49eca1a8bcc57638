"""The admin of each style: polymorphic parent/child admins and inline, proxy and multi-table lists."""

from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from inheritance.models import (
    CatalogueBook,
    PolymorphicBook,
    PolymorphicProduct,
    Product,
    Supplier,
)

pytestmark = pytest.mark.django_db


def get(client, name, *args, **params):
    response = client.get(reverse(f"admin:inheritance_{name}", args=args), params)
    assert response.status_code == HTTPStatus.OK
    return response


def listed_names(response):
    return [str(obj) for obj in response.context["cl"].result_list]


def test_the_polymorphic_parent_admin_lists_every_kind_with_its_type(admin_user_client, catalogue):
    response = get(admin_user_client, "polymorphicproduct_changelist")
    assert len(listed_names(response)) == 8
    html = response.content.decode()
    for kind in ("book (polymorphic)", "album (polymorphic)", "film (polymorphic)"):
        assert kind in html


def test_the_child_type_filter_narrows_the_list_to_one_type(admin_user_client, catalogue):
    book_type = ContentType.objects.get_for_model(PolymorphicBook, for_concrete_model=False)
    response = get(admin_user_client, "polymorphicproduct_changelist", polymorphic_ctype=book_type.pk)
    assert sorted(listed_names(response)) == sorted(PolymorphicBook.objects.values_list("name", flat=True))


def test_add_on_the_parent_asks_for_the_child_type_first(admin_user_client, catalogue):
    html = get(admin_user_client, "polymorphicproduct_add").content.decode()
    for model in ("polymorphicbook", "polymorphicalbum", "polymorphicfilm"):
        ct = ContentType.objects.get_by_natural_key("inheritance", model)
        assert f'value="{ct.pk}"' in html
    book_type = ContentType.objects.get_for_model(PolymorphicBook, for_concrete_model=False)
    form = get(admin_user_client, "polymorphicproduct_add", ct_id=book_type.pk).context["adminform"].form
    assert {"author", "pages"} <= set(form.fields)


def test_the_parent_change_url_opens_the_childs_own_form(admin_user_client, catalogue):
    film = PolymorphicProduct.objects.get(name="WarGames")
    form = get(admin_user_client, "polymorphicproduct_change", film.pk).context["adminform"].form
    assert type(form.instance).__name__ == "PolymorphicFilm"
    assert form.initial["director"] == "John Badham"


def test_the_supplier_edits_its_mixed_products_in_a_polymorphic_inline(admin_user_client, catalogue):
    supplier = Supplier.objects.get(name="Vinyl & Reel")
    response = get(admin_user_client, "supplier_change", supplier.pk)
    formset = response.context["inline_admin_formsets"][0].formset
    kinds = {type(form.instance).__name__ for form in formset.initial_forms}
    assert kinds == {"PolymorphicAlbum", "PolymorphicFilm"}
    film_form = next(f for f in formset.initial_forms if f.instance.name == "WarGames")
    assert "director" in film_form.fields and "author" not in film_form.fields


def test_a_proxy_admin_lists_only_its_kind_in_its_own_order(admin_user_client, catalogue):
    response = get(admin_user_client, "cataloguebook_changelist")
    assert listed_names(response) == list(CatalogueBook.objects.values_list("name", flat=True))
    assert len(listed_names(response)) == 3
    assert "Reading time (h)" in response.content.decode()  # a method only the proxy has


def test_the_multi_table_product_admin_shows_child_fields_and_filters_by_kind(admin_user_client, catalogue):
    response = get(admin_user_client, "product_changelist")
    assert "director: John Badham · minutes: 114" in response.content.decode()
    albums = get(admin_user_client, "product_changelist", kind="album")
    assert sorted(listed_names(albums)) == ["Abbey Road", "Kind of Blue", "OK Computer"]
    Product.objects.create(name="Gift card", price="10.00", supplier=Supplier.objects.first())
    assert listed_names(get(admin_user_client, "product_changelist", kind="none")) == ["Gift card"]
