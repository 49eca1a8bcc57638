"""Field options the database carries: a generated column, database defaults, comments, JSON keys, _order."""

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from relations.models import Gadget, OrderLine, Recipe, RecipeStep
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db


def _create_sql(model):
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    editor.deferred_sql = []
    editor.create_model(model)
    return " ".join(editor.collected_sql)


# --- GeneratedField ------------------------------------------------------------------


def test_the_total_is_computed_by_the_database_even_when_python_never_sees_the_row():
    line = OrderLine.objects.create(product="T-beans", unit_price=Decimal("2.50"), quantity=4)
    line.refresh_from_db()
    assert line.total == Decimal("10.00")
    # An UPDATE that Python does not compute: the database recomputes the stored column.
    OrderLine.objects.filter(pk=line.pk).update(quantity=10)
    assert OrderLine.objects.get(pk=line.pk).total == Decimal("25.00")
    assert OrderLine.objects.filter(total=Decimal("25.00"), pk=line.pk).exists()


def test_the_generated_column_is_stored_in_the_ddl_on_this_database():
    sql = _create_sql(OrderLine)
    assert "GENERATED ALWAYS AS" in sql and "STORED" in sql
    assert "VIRTUAL" not in sql


# --- db_default beside default -----------------------------------------------------


def test_a_raw_insert_gets_the_database_defaults_but_not_the_python_default():
    table = connection.ops.quote_name(OrderLine._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (product, unit_price, quantity) VALUES (%s, %s, %s)", ["T-raw", "3", 2])
    row = OrderLine.objects.get(product="T-raw")
    assert row.channel == OrderLine._meta.get_field("channel").db_default
    assert row.ordered_at is not None and row.total == Decimal("6")
    # quantity's default=1 lives in Python only: the table has no DEFAULT for it.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (product, unit_price) VALUES (%s, %s)", ["T-raw-2", "3"])


def test_an_orm_create_fills_the_python_default_and_reads_back_the_database_ones():
    line = OrderLine.objects.create(product="T-orm", unit_price=Decimal("1.00"))
    assert line.quantity == 1
    line.refresh_from_db()
    assert line.channel == "web" and line.ordered_at is not None


# --- db_comment --------------------------------------------------------------------


@requires_postgres
def test_the_comments_are_in_postgresqls_catalogue():
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, OrderLine._meta.db_table)
        cursor.execute("SELECT obj_description(%s::regclass, 'pg_class')", [OrderLine._meta.db_table])
        (table_comment,) = cursor.fetchone()
    comments = {col.name: col.comment for col in description}
    assert comments["total"] == OrderLine._meta.get_field("total").db_comment
    assert table_comment == OrderLine._meta.db_table_comment


def test_sqlite_keeps_no_comments():
    if connection.features.supports_comments:
        pytest.skip(f"{connection.vendor} stores comments (the test above reads them)")
    assert "COMMENT" not in _create_sql(OrderLine).upper()


# --- JSONField by key --------------------------------------------------------------


def test_gadgets_are_filtered_by_a_key_inside_their_json():
    Gadget.objects.create(name="T-red", specs={"colour": "red", "watts": 1500})
    Gadget.objects.create(name="T-blue", specs={"colour": "blue", "watts": 1500})
    Gadget.objects.create(name="T-bare", specs={})
    by_key = set(Gadget.objects.filter(specs__colour="red").values_list("name", flat=True))
    by_python = {g.name for g in Gadget.objects.all() if g.specs.get("colour") == "red"}
    assert by_key == by_python and "T-red" in by_key and "T-blue" not in by_key
    assert "T-bare" in set(Gadget.objects.filter(specs__colour__isnull=True).values_list("name", flat=True))
    assert "T-red" in set(Gadget.objects.filter(specs__watts__gt=1000).values_list("name", flat=True))


# --- order_with_respect_to ---------------------------------------------------------


def test_steps_keep_their_order_per_recipe_and_can_be_reordered():
    recipe = Recipe.objects.create(title="T-tea")
    steps = [RecipeStep.objects.create(recipe=recipe, instruction=f"T-step {n}") for n in range(3)]
    other = Recipe.objects.create(title="T-other")
    RecipeStep.objects.create(recipe=other, instruction="T-elsewhere")
    assert list(recipe.get_recipestep_order()) == [s.pk for s in steps]
    assert [s._order for s in RecipeStep.objects.filter(recipe=other)] == [0]  # numbered per recipe
    recipe.set_recipestep_order([s.pk for s in reversed(steps)])
    assert list(recipe.steps.values_list("instruction", flat=True)) == ["T-step 2", "T-step 1", "T-step 0"]


# --- Admin -------------------------------------------------------------------------


def test_admin_adds_an_order_line_and_lists_the_total_the_database_computed(admin_user_client):
    data = {"product": "T-admin", "unit_price": "4.25", "quantity": "3", "channel": "shop"}
    response = admin_user_client.post(reverse("admin:relations_orderline_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["adminform"].form.errors
    line = OrderLine.objects.get(product="T-admin")
    assert line.total == Decimal("12.75")
    html = admin_user_client.get(reverse("admin:relations_orderline_changelist"), {"q": "T-admin"}).content.decode()
    assert "12.75" in html


def test_gadget_changelist_shows_the_colour_read_from_the_json(admin_user_client):
    Gadget.objects.create(name="T-lamp", specs={"colour": "T-ochre"})
    html = admin_user_client.get(reverse("admin:relations_gadget_changelist"), {"q": "T-lamp"}).content.decode()
    assert "T-ochre" in html
