"""The one model every inheritance style points at: the supplier of a product.

It exists so that the abstract base has a ForeignKey to inherit — and so shows why
that ForeignKey's ``related_name`` needs ``%(app_label)s``/``%(class)s`` — and so that
the polymorphic products have a parent to be edited inline under.
"""

from django.db import models

from playground.labkit.models import TimeStampedBaseModel


class SupplierManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Supplier(TimeStampedBaseModel):
    """Demonstrates one reverse accessor per inheriting model (``supplier.inheritance_standalonebook_items``)."""

    name = models.CharField(max_length=120, unique=True)

    objects = SupplierManager()

    class Meta:
        verbose_name = "supplier"
        verbose_name_plural = "suppliers"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)
