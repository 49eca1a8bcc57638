"""The comparison page's depth section: the same tasks on the depth shapes, measured live."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inheritance import comparison
from inheritance.models import Edition, PrintedEdition, RentalOffer, Supplier, Voucher

pytestmark = pytest.mark.django_db
URL = reverse("admin:lab-inheritance-styles")


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == HTTPStatus.OK
    return response


def captured(fn) -> list[str]:
    """The SQL fn sends, captured by Django's own test tool rather than by capture.run."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def joins(sql: list[str]) -> int:
    return sum(q.upper().count(" JOIN ") for q in sql)


def test_the_page_shows_every_depth_shape_with_every_task(admin_user_client, catalogue):
    html = page(admin_user_client).content.decode()
    assert 'id="depth-costs"' in html and 'id="depth-variants"' in html and 'id="depth-deletes"' in html
    for s in comparison.SHAPES:
        assert s.title in html
        assert f'id="shape-{s.key}"' in html
    for _, label in comparison.DEPTH_TASKS:
        assert label.replace("'", "&#x27;") in html


def test_the_depth_numbers_are_what_the_same_tasks_send(admin_user_client, catalogue):
    n = 10
    shapes = {r.style.key: r for r in page(admin_user_client, n=n).context["comparison"].shapes}
    supplier = Supplier.objects.order_by("pk").first()
    for s in comparison.SHAPES:
        tasks = shapes[s.key].measurements
        name = s.last_name()
        listing, fetch = captured(lambda s=s: s.list_products(n)), captured(lambda s=s, name=name: s.fetch(name))
        create = captured(lambda s=s: s.create(supplier))
        target = s.fetch(name)
        delete = captured(lambda s=s, t=target: s.delete(t))
        for task, sql in (("list", listing), ("fetch", fetch), ("create", create), ("delete", delete)):
            assert (tasks[task].query_count, tasks[task].joins) == (len(sql), joins(sql)), (s.key, task)


def test_the_depth_costs_show_one_join_per_level_and_one_insert_per_table(admin_user_client, catalogue):
    shapes = {r.style.key: r.measurements for r in page(admin_user_client).context["comparison"].shapes}
    assert {key: m["list"].joins for key, m in shapes.items()} == {
        "three_levels": 2,  # LEFT OUTER JOIN printededition, signededition
        "child_proxy": 1,  # INNER JOIN product
        "polymorphic_proxy": 1,  # the gift-card query's INNER JOIN voucher
        "two_parents": 2,  # INNER JOIN saleoffer, rentaloffer
    }
    assert {key: m["create"].tables_written for key, m in shapes.items()} == {
        "three_levels": ["inheritance_edition", "inheritance_printededition", "inheritance_signededition"],
        "child_proxy": ["inheritance_book", "inheritance_product"],
        "polymorphic_proxy": ["inheritance_giftcard", "inheritance_voucher"],
        "two_parents": ["inheritance_rentaloffer", "inheritance_rentorbuyfilm", "inheritance_saleoffer"],
    }


def test_the_level_by_level_listings_show_what_each_level_costs(admin_user_client, catalogue):
    variants = {v.code: v for v in page(admin_user_client).context["comparison"].depth_variants}
    levels = ("Edition.objects.all()[:n]", "PrintedEdition.objects.all()[:n]", "SignedEdition.objects.all()[:n]")
    assert [variants[code].measurement.joins for code in levels] == [0, 1, 2]
    assert [variants[code].measurement.query_count for code in levels] == [1, 1, 1]
    # Without select_related: the editions, then a query per edition for .printededition and a
    # query per printed edition for .signededition (a query per row per level).
    n = page(admin_user_client).context["comparison"].n
    listed = list(Edition.objects.all()[:n])
    printed = PrintedEdition.objects.filter(pk__in=[e.pk for e in listed]).count()
    assert 0 < printed < len(listed)
    step_by_step = variants["Edition.objects.all()[:n], then .printededition.signededition"]
    assert step_by_step.measurement.query_count == 1 + len(listed) + printed
    assert variants["BookByAuthor.objects.all()[:n]"].classes == ["BookByAuthor"]
    assert variants["RentOrBuyFilm.objects.all()[:n]"].measurement.joins == 2


def test_the_page_shows_what_the_polymorphic_base_returns_for_proxy_rows(admin_user_client, catalogue):
    comparison_ = page(admin_user_client).context["comparison"]
    variants = {v.code: v for v in comparison_.depth_variants}
    base = variants["Voucher.objects.all()[:n]"]
    assert base.classes == ["BirthdayGiftCard", "GiftCard"]
    assert base.measurement.query_count == 2  # vouchers, then the gift-card table once for both classes
    assert variants["BirthdayGiftCard.objects.all()[:n]"].classes == ["BirthdayGiftCard"]
    assert variants["BirthdayGiftCard.objects.all()[:n]"].rows == 2
    assert variants["Voucher.objects.non_polymorphic()[:n]"].classes == ["Voucher"]
    fetched = {r.style.key: r.fetched_class for r in comparison_.shapes}
    assert fetched["polymorphic_proxy"] == "BirthdayGiftCard"
    assert fetched["child_proxy"] == "BookByAuthor"


def test_the_depth_deletes_show_which_rows_each_delete_removes(admin_user_client, catalogue):
    deletes = page(admin_user_client).context["comparison"].depth_deletes

    def lost(code_start):
        variant = next(d for d in deletes if d.code.startswith(code_start))
        assert variant.capture.ok, variant.capture.exception
        return {change.table.removeprefix("inheritance_"): change.delta for change in variant.capture.row_changes}

    chain = {"edition": -1, "printededition": -1, "signededition": -1}
    assert lost("SignedEdition.objects.get(name='Refactoring (signed hardback)').delete()") == chain
    assert lost("SignedEdition.objects.get(name='Refactoring (signed hardback)').delete(keep_parents") == {
        "edition": 0,
        "printededition": 0,
        "signededition": -1,
    }
    assert lost("Edition.objects") == chain
    assert lost("BookByAuthor.objects") == {"product": -1, "book": -1}
    assert lost("Voucher.objects") == {"voucher": -1, "giftcard": -1}
    both_parents = {"saleoffer": -1, "rentaloffer": -1, "rentorbuyfilm": -1}
    assert lost("RentOrBuyFilm.objects") == both_parents
    assert lost("SaleOffer.objects") == both_parents  # the other parent's row goes too


def test_the_depth_section_changes_nothing(admin_user_client, catalogue):
    before = {s.key: s.count() for s in comparison.SHAPES} | {"rental": RentalOffer.objects.count()}
    page(admin_user_client, n=3)
    assert {s.key: s.count() for s in comparison.SHAPES} | {"rental": RentalOffer.objects.count()} == before
    assert not Voucher.objects.filter(name="Birthday card 30").exists()


def test_without_demo_data_the_depth_shapes_say_what_to_run(admin_user_client, no_demo_data):
    shapes = page(admin_user_client).context["comparison"].shapes
    assert {r.products for r in shapes} == {0}
    assert {r.measurements["fetch"].skipped for r in shapes} == {"no products in this style: run manage.py setup_demo"}
