"""What the ORM and the admin do with a composite primary key, tried live and rolled back.

Every attempt runs through ``playground.labkit.capture.run`` on a ``StockLevel`` with two
movements created inside the same rolled-back transaction: what works keeps its SQL and
result, what Django refuses keeps the exception it raised. Two refusals are not queries:
the admin's ``AdminSite.register()`` (tried on a throwaway site, so the project's admin is
untouched) and the system check a ``ForeignKey`` to the model fails (run on a model
declared in an isolated app registry). The key's DDL is what ``sqlmigrate`` would print:
``schema_editor(collect_sql=True)`` collects it without executing anything (in a lab
page's transaction too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.test.utils import isolate_apps

from playground.labkit.capture import Capture, internal, run
from playground.labkit.deletion import DeleteReport, observe_delete
from relations.models import StockLevel, StockMovement

KEY = ("AMS", "LAB-SKU-1")


@dataclass(frozen=True)
class Attempt:
    code: str
    lesson: str
    fn: Callable[[StockLevel], object]


@dataclass
class Tried:
    attempt: Attempt
    capture: Capture

    @property
    def works(self) -> bool:
        return self.capture.exception is None

    @property
    def error(self) -> str:
        exc = self.capture.exception
        return "" if exc is None else f"{type(exc).__module__}.{type(exc).__name__}: {exc}"


ATTEMPTS = [
    Attempt("stock.pk", "The primary key is a tuple of both columns.", lambda s: s.pk),
    Attempt(
        "StockLevel.objects.get(pk=('AMS', 'LAB-SKU-1'))",
        "Looked up by a tuple: WHERE warehouse = … AND sku = ….",
        lambda s: str(StockLevel.objects.get(pk=KEY)),
    ),
    Attempt(
        "StockLevel.objects.filter(pk=1)",
        "A single value is refused: the key has two parts.",
        lambda s: list(StockLevel.objects.filter(pk=1)),
    ),
    Attempt(
        "StockLevel.objects.filter(pk__in=[('AMS', 'LAB-SKU-1')])",
        "IN over row values: (warehouse, sku) IN ((…, …)).",
        lambda s: [str(x) for x in StockLevel.objects.filter(pk__in=[KEY])],
    ),
    Attempt(
        "StockMovement.objects.select_related('stock')",
        "ForeignObject joins on both columns.",
        lambda s: [f"{m} → {m.stock}" for m in StockMovement.objects.select_related("stock").filter(sku=KEY[1])],
    ),
    Attempt(
        "stock.movements.count()",
        "The reverse side of the ForeignObject, filtered on both columns.",
        lambda s: s.movements.count(),
    ),
    Attempt(
        "stock.delete()",
        "CASCADE through the ForeignObject: Django collects the movements and deletes them first.",
        lambda s: s.delete(),
    ),
]


def _set_up() -> StockLevel:
    stock = StockLevel.objects.create(warehouse=KEY[0], sku=KEY[1], quantity=3)
    StockMovement.objects.bulk_create(
        [StockMovement(warehouse=KEY[0], sku=KEY[1], change=change) for change in (5, -2)]
    )
    return stock


def try_orm(using: str = DEFAULT_DB_ALIAS) -> list[Tried]:
    """Each attempt on fresh rows, rolled back; the set-up's own queries are not recorded."""
    return [Tried(attempt, run(lambda a=attempt: a.fn(_quiet_set_up()), using=using)) for attempt in ATTEMPTS]


def _quiet_set_up() -> StockLevel:
    with internal():
        return _set_up()


def admin_refusal() -> str:
    """What ``AdminSite.register()`` raises for a model with a composite primary key."""
    try:
        admin.AdminSite(name="composite-key-trial").register(StockLevel)
    except Exception as err:  # noqa: BLE001 - the refusal is the subject
        return f"{type(err).__module__}.{type(err).__name__}: {err}"
    return ""


def foreign_key_check() -> list[str]:
    """The system check errors a ForeignKey and a ManyToManyField to StockLevel get (fields.E347)."""
    with isolate_apps("relations"):

        class Shipment(models.Model):
            """Demonstrates the relations Django refuses to a composite-key model (never migrated)."""

            stock = models.ForeignKey(StockLevel, on_delete=models.CASCADE)
            stocks = models.ManyToManyField(StockLevel, related_name="+")

            class Meta:
                app_label = "relations"

            def __str__(self):
                return "a shipment"

        # E300 only says the isolated registry does not know StockLevel: not the lesson.
        return [f"{e.id}: {e.obj}: {e.msg}" for e in Shipment.check() if e.id != "fields.E300"]


def key_ddl(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The CREATE TABLE statements for both models, as this database's schema editor writes them."""
    # Not entered as a context manager: SQLite's editor refuses to enter inside a transaction
    # (it would switch foreign key checks off), and collecting SQL needs neither.
    editor = connections[using].schema_editor(collect_sql=True, atomic=False)
    editor.deferred_sql = []  # what __enter__ would set; indexes and constraints land here
    editor.create_model(StockLevel)
    editor.create_model(StockMovement)
    return [*editor.collected_sql, *(f"{sql};" for sql in editor.deferred_sql)]


def delete_report(using: str = DEFAULT_DB_ALIAS) -> DeleteReport:
    """Deleting a stock level with two movements: the toolkit's delete report."""
    holder: dict = {}

    def set_up_and_delete():
        stock = _set_up()
        holder["report"] = observe_delete(stock.delete, StockLevel, using=using)

    run(set_up_and_delete, using=using)
    return holder["report"]
