"""Multi-table inheritance three levels deep: every level is one more table and one more JOIN.

``Edition`` → ``PrintedEdition`` → ``SignedEdition``, the shop's version of Django's
``Place`` → ``Restaurant`` → ``ItalianRestaurant``. Each level has a table holding only
its own columns and a one-to-one link to the level above, which is also its primary key:

- ``Edition.objects`` reads one table;
- ``PrintedEdition.objects`` joins ``edition`` (one INNER JOIN);
- ``SignedEdition.objects`` joins ``printededition`` *and* ``edition`` (two INNER JOINs),
  because a signed edition's name and price live two tables up.

Creating a signed edition writes three rows, top down; deleting one deletes all three.
Going down is the mirror image: ``edition.printededition.signededition`` is one query per
step, or one LEFT OUTER JOIN per level with ``select_related("printededition__signededition")``.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from inheritance.models.abstract import ProductFields


class Edition(ProductFields):
    """Demonstrates the top of a three-level chain: the only level listed without a JOIN."""

    format = models.CharField(max_length=40)

    kind_fields = ("format",)

    class Meta(ProductFields.Meta):
        verbose_name = "edition (three levels)"
        verbose_name_plural = "editions (three levels)"

    def as_deepest(self):
        """The SignedEdition or PrintedEdition this edition is, else itself.

        A query per step unless the queryset used select_related("printededition__signededition").
        """
        try:
            printed = self.printededition
        except ObjectDoesNotExist:
            return self
        try:
            return printed.signededition
        except ObjectDoesNotExist:
            return printed


class PrintedEdition(Edition):
    """Demonstrates the middle level: a child of Edition and the parent of SignedEdition (one JOIN up)."""

    pages = models.PositiveIntegerField()

    kind_fields = ("format", "pages")

    class Meta:
        verbose_name = "printed edition (three levels)"
        verbose_name_plural = "printed editions (three levels)"


class SignedEdition(PrintedEdition):
    """Demonstrates a grandchild: its name and price are two JOINs away, in the grandparent's table."""

    signed_by = models.CharField(max_length=120)

    kind_fields = ("format", "pages", "signed_by")

    class Meta:
        verbose_name = "signed edition (three levels)"
        verbose_name_plural = "signed editions (three levels)"

    def __str__(self):
        return f"{self.name}, signed by {self.signed_by}"


THREE_LEVELS = (Edition, PrintedEdition, SignedEdition)
