"""Field options the database itself carries: generated columns, database defaults, comments, JSON, ordering.

- ``GeneratedField``: the database computes the column from others. ``OrderLine.total`` is
  stored (``db_persist=True``) on both databases. ``Parcel.volume_cm3`` is virtual
  (``db_persist=False``: computed on every read, never stored), which SQLite supports and
  PostgreSQL before 18 does not; ``Meta.required_db_features =
  {"supports_virtual_generated_columns"}`` makes Django's check accept it and makes
  ``migrate`` (and, through ``playground.routers``, ``loaddata``) skip the whole table where the
  feature is missing. So ``Parcel`` exists on SQLite only here, and its admin with it.
- ``db_default`` writes the default into the table's DDL (any INSERT that omits the column gets
  it, raw SQL included); ``default`` is filled in by Python before Django's INSERT only.
- ``db_comment`` / ``Meta.db_table_comment`` become ``COMMENT ON`` in PostgreSQL; SQLite keeps
  no comments (``connection.features.supports_comments`` is False), so they exist only in Python there.
- ``JSONField`` filtered by key (``specs__colour="red"``): ``->`` on PostgreSQL's jsonb,
  ``JSON_EXTRACT`` on SQLite.
- ``order_with_respect_to``: an ``_order`` column kept per parent, with get/set helpers.
"""

from django.db import models
from django.db.models import F
from django.db.models.functions import Now


class OrderLine(models.Model):
    """Demonstrates a stored GeneratedField, db_default beside default, and db_comment."""

    product = models.CharField(max_length=80)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2, db_comment="Price of one unit, tax included")
    quantity = models.PositiveIntegerField(default=1, db_comment="Python default: Django sends 1")
    # Computed by the database on every INSERT/UPDATE; read-only in Python and in the admin.
    total = models.GeneratedField(
        expression=F("unit_price") * F("quantity"),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
        db_persist=True,
        db_comment="unit_price * quantity, computed by the database",
    )
    # In the DDL (DEFAULT 'web' / DEFAULT CURRENT_TIMESTAMP): a raw INSERT gets them too.
    channel = models.CharField(max_length=10, db_default="web", db_comment="Database default: the table says 'web'")
    ordered_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = "order line"
        verbose_name_plural = "order lines"
        ordering = ["-ordered_at", "product"]
        db_table_comment = "Order lines: a generated total and database defaults (issue 13)"

    def __str__(self):
        return f"{self.quantity} × {self.product}"


class Parcel(models.Model):
    """Demonstrates a virtual GeneratedField: computed on read, never stored; a table only where supported."""

    label = models.CharField(max_length=80)
    length_cm = models.PositiveIntegerField()
    width_cm = models.PositiveIntegerField()
    height_cm = models.PositiveIntegerField()
    # VIRTUAL: no bytes on disk, the database evaluates it whenever the row is read.
    volume_cm3 = models.GeneratedField(
        expression=F("length_cm") * F("width_cm") * F("height_cm"),
        output_field=models.PositiveIntegerField(),
        db_persist=False,
    )

    class Meta:
        verbose_name = "parcel"
        verbose_name_plural = "parcels"
        ordering = ["label"]
        # Without it, check fails on PostgreSQL before 18 (fields.E221); with it, the model is skipped there.
        required_db_features = {"supports_virtual_generated_columns"}

    def __str__(self):
        return f"{self.label} ({self.length_cm}×{self.width_cm}×{self.height_cm} cm)"


class Gadget(models.Model):
    """Demonstrates a JSONField queried by key: filter(specs__colour="red") on both databases."""

    name = models.CharField(max_length=80)
    specs = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "gadget"
        verbose_name_plural = "gadgets"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Recipe(models.Model):
    """Demonstrates the parent side of order_with_respect_to: get_recipestep_order() and set_recipestep_order()."""

    title = models.CharField(max_length=80)

    class Meta:
        verbose_name = "recipe"
        verbose_name_plural = "recipes"
        ordering = ["title"]

    def __str__(self):
        return self.title


class RecipeStep(models.Model):
    """Demonstrates order_with_respect_to: an _order column numbered per recipe, the default ordering."""

    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="steps")
    instruction = models.CharField(max_length=200)

    class Meta:
        verbose_name = "recipe step"
        verbose_name_plural = "recipe steps"
        # Adds the _order column and orders by it; Meta.ordering cannot be combined with it.
        order_with_respect_to = "recipe"

    def __str__(self):
        return self.instruction
