"""Multiple concrete parents: one child row, one row in each parent's table.

Django's documented pattern (Models → Model inheritance → Multiple inheritance): two
concrete parents that both kept the default ``id`` would hand the child two fields named
``id`` (models.E005), so each parent declares its own ``AutoField`` (``sale_id``,
``rental_id``). The child names both links itself with ``OneToOneField(parent_link=True)``;
the first is its primary key, the second an ordinary unique column.

``RentOrBuyFilm`` is a film the shop sells (``SaleOffer``: name, price, supplier) and rents
(``RentalOffer``: price per day, days). Reading one joins both parent tables; creating one
writes three rows; deleting it deletes all three. Deleting only its ``SaleOffer`` deletes
all three too: the CASCADE reaches the film row, and Django's collector deletes a deleted
child's parent rows, the other parent's included.
"""

from django.db import models

from inheritance.models.abstract import ProductFields


class SaleOffer(ProductFields):
    """Demonstrates a first concrete parent with its own AutoField, so the child gets no clashing ``id``."""

    sale_id = models.AutoField(primary_key=True)

    kind_fields = ("price",)

    class Meta(ProductFields.Meta):
        verbose_name = "sale offer (a parent of two)"
        verbose_name_plural = "sale offers (a parent of two)"


class RentalOffer(models.Model):
    """Demonstrates a second concrete parent: no shared base, no field in common with SaleOffer."""

    rental_id = models.AutoField(primary_key=True)
    price_per_day = models.DecimalField(max_digits=6, decimal_places=2)
    rental_days = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "rental offer (a parent of two)"
        verbose_name_plural = "rental offers (a parent of two)"
        ordering = ["rental_id"]

    def __str__(self):
        return f"{self.rental_days} days at {self.price_per_day} a day"


class RentOrBuyFilm(SaleOffer, RentalOffer):
    """Demonstrates a child of two concrete parents, each link declared with ``parent_link=True``."""

    sale_offer = models.OneToOneField(
        SaleOffer, on_delete=models.CASCADE, parent_link=True, primary_key=True, related_name="film"
    )
    rental_offer = models.OneToOneField(RentalOffer, on_delete=models.CASCADE, parent_link=True, related_name="film")
    director = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField()

    kind_fields = ("director", "price", "price_per_day", "rental_days")

    class Meta:
        verbose_name = "rent-or-buy film (two parents)"
        verbose_name_plural = "rent-or-buy films (two parents)"
        ordering = ["name"]

    def __str__(self):
        return self.name
