"""A proxy of a django-polymorphic child: the proxy class is remembered row by row.

``Voucher`` is a ``PolymorphicModel``, ``GiftCard`` its concrete child and
``BirthdayGiftCard`` a proxy of ``GiftCard``. A proxy adds no table; what django-polymorphic
(4.11) adds is that saving through the proxy stores the **proxy's** content type in
``polymorphic_ctype``. So:

- ``Voucher.objects.all()`` returns ``BirthdayGiftCard`` instances for rows saved as
  birthday cards and ``GiftCard`` instances for the others, in one query for the vouchers
  and one for the gift-card table (the proxy shares it: no third query);
- ``GiftCard.objects.all()`` returns both classes too;
- ``BirthdayGiftCard.objects.all()`` is filtered to rows saved as birthday cards
  (django-polymorphic's manager adds ``instance_of()`` on a proxy).

A plain Django proxy (``BookByAuthor``) is chosen by the code that queries; here the row
chooses, like a ``kind`` column nobody has to declare. This family is apart from
``PolymorphicProduct`` so that the catalogue stays the same eight products in every style.
"""

from django.db import models
from polymorphic.models import PolymorphicModel

from inheritance.models.abstract import ProductFields


class Voucher(ProductFields, PolymorphicModel):
    """Demonstrates a polymorphic base whose plain queries return proxy instances where rows say so."""

    class Meta(ProductFields.Meta):
        verbose_name = "voucher (polymorphic)"
        verbose_name_plural = "vouchers (polymorphic)"


class GiftCard(Voucher):
    """Demonstrates the concrete polymorphic child a proxy stands on: its table serves both classes."""

    message = models.CharField(max_length=200)
    valid_days = models.PositiveSmallIntegerField()

    kind_fields = ("message", "valid_days")

    class Meta:
        verbose_name = "gift card (polymorphic)"
        verbose_name_plural = "gift cards (polymorphic)"


class BirthdayGiftCard(GiftCard):
    """Demonstrates a proxy of a polymorphic child: its content type is stored, its manager filters on it."""

    class Meta:
        proxy = True
        verbose_name = "birthday card (polymorphic proxy)"
        verbose_name_plural = "birthday cards (polymorphic proxy)"
        ordering = ["-price", "name"]

    def __str__(self):
        return f"Birthday card: {self.name}"

    def greeting(self) -> str:
        return f"Happy birthday! {self.message}"
