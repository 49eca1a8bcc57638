"""Composite primary keys: what the ORM does, what the admin and ForeignKey refuse, and the lab page that shows it."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from relations.models import StockLevel, StockMovement

pytestmark = pytest.mark.django_db
PAGE = reverse("admin:lab-composite-keys")


@pytest.fixture
def stock():
    level = StockLevel.objects.create(warehouse="TST", sku="T-1", quantity=4)
    StockMovement.objects.create(warehouse="TST", sku="T-1", change=4)
    StockMovement.objects.create(warehouse="TST", sku="T-1", change=-1)
    return level


def test_the_primary_key_is_both_columns_and_is_created_as_such(stock):
    assert stock.pk == ("TST", "T-1")
    assert StockLevel.objects.get(pk=("TST", "T-1")).quantity == 4
    constraints = connection.introspection.get_constraints(connection.cursor(), StockLevel._meta.db_table)
    primary = [c for c in constraints.values() if c["primary_key"]]
    assert [c["columns"] for c in primary] == [["warehouse", "sku"]]


def test_deleting_a_stock_level_cascades_through_the_foreign_object(stock):
    others = StockMovement.objects.exclude(warehouse="TST").count()
    deleted, per_model = stock.delete()
    assert per_model == {"relations.StockMovement": 2, "relations.StockLevel": 1}
    assert StockMovement.objects.exclude(warehouse="TST").count() == others


def test_the_admin_refuses_to_register_the_model():
    with pytest.raises(ImproperlyConfigured, match="composite primary key"):
        admin.AdminSite(name="test-site").register(StockLevel)
    assert StockLevel not in admin.site._registry
    assert StockMovement in admin.site._registry


def test_the_lab_page_shows_the_refusals_the_orm_and_the_ddl(admin_user_client):
    response = admin_user_client.get(PAGE)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    try:
        admin.AdminSite(name="again").register(StockLevel)
    except ImproperlyConfigured as err:
        assert str(err) in response.context["admin_refusal"]
    assert all("fields.E347" in line for line in response.context["fk_check"])
    assert len(response.context["fk_check"]) == 2  # the ForeignKey and the ManyToManyField
    tried = {t.attempt.code: t for t in response.context["tried"]}
    refused = tried["StockLevel.objects.filter(pk=1)"]
    assert not refused.works and "ValueError" in refused.error
    assert tried["stock.delete()"].capture.result[1] == {"relations.StockMovement": 2, "relations.StockLevel": 1}
    assert 'PRIMARY KEY ("warehouse", "sku")' in html
    assert response.context["delete_report"].outcome == "deleted"
    assert StockLevel.objects.filter(warehouse="AMS", sku="LAB-SKU-1").count() == 0  # rolled back


def test_the_stock_movement_admin_lists_each_movement_with_its_stock(admin_user_client, stock):
    response = admin_user_client.get(reverse("admin:relations_stockmovement_changelist"), {"q": "T-1"})
    assert response.status_code == HTTPStatus.OK
    assert str(stock) in response.content.decode()
