"""Composite primary keys (Django 5.2+): a row identified by two columns together.

``models.CompositePrimaryKey("warehouse", "sku")`` declares ``PRIMARY KEY (warehouse, sku)``;
``obj.pk`` is then a tuple, and ``filter(pk=("AMS", "BOOK-1"))`` takes one. A ``ForeignKey``
cannot point at such a model (it has one column); ``ForeignObject(from_fields, to_fields)``
can: the referring model keeps its own copy of both columns, and the relation joins on
both. It has no FOREIGN KEY constraint in the database, so its ``on_delete`` is Django's
alone (CASCADE here: the collector follows the relation like any other). What the admin
and the ORM refuse with such a key is shown live on the lab page "Composite primary keys".
"""

from django.db import models


class StockLevel(models.Model):
    """Demonstrates CompositePrimaryKey: the stock of one product in one warehouse, keyed by both."""

    pk = models.CompositePrimaryKey("warehouse", "sku")
    warehouse = models.CharField(max_length=10)
    sku = models.CharField(max_length=20)
    quantity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["warehouse", "sku"]
        verbose_name = "stock level (composite key)"
        verbose_name_plural = "stock levels (composite key)"

    def __str__(self):
        return f"{self.sku} in {self.warehouse}: {self.quantity}"


class StockMovement(models.Model):
    """Demonstrates ForeignObject(from_fields, to_fields): a two-column relation, CASCADE done by Django."""

    warehouse = models.CharField(max_length=10)
    sku = models.CharField(max_length=20)
    # Not a column: the relation over the two columns above. No database constraint exists.
    stock = models.ForeignObject(
        StockLevel,
        on_delete=models.CASCADE,
        from_fields=("warehouse", "sku"),
        to_fields=("warehouse", "sku"),
        related_name="movements",
        # Not serialized: the two columns above are the data; dumpdata would otherwise write str(stock).
        serialize=False,
    )
    change = models.IntegerField(help_text="Units in (positive) or out (negative).")
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["warehouse", "sku", "pk"]
        verbose_name = "stock movement"
        verbose_name_plural = "stock movements"
        indexes = [models.Index(fields=["warehouse", "sku"], name="stockmovement_stock_idx")]

    def __str__(self):
        return f"{self.change:+d} × {self.sku} in {self.warehouse}"
