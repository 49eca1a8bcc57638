"""Other ways to list or delete the same products, to show what each cost depends on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, router

from inheritance.comparison.measure import REPEATS, Measurement, measure
from inheritance.comparison.styles import ListedProduct, describe
from inheritance.models import (
    CatalogueBook,
    Film,
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicFilm,
    PolymorphicProduct,
    Product,
)
from playground.labkit.capture import Capture
from playground.labkit.deletion import DeleteReport, observe_delete


@dataclass
class ListingVariant:
    """Another way to list the same products, to show what a style's cost depends on."""

    style: str
    code: str
    lesson: str
    fn: Callable[[int], list]
    measurement: Measurement | None = None
    rows: int = 0
    classes: list[str] = field(default_factory=list)

    @property
    def distinct_classes(self) -> int:
        return len(self.classes)


def _as_children_one_by_one(n):
    # No select_related: each product asks each child table in turn until one answers.
    return [describe(p.as_child()) for p in Product.objects.all()[:n]]


def listing_variants() -> list[ListingVariant]:
    return [
        ListingVariant(
            "multi_table",
            "Product.objects.select_related('book', 'album', 'film')[:n]",
            "One query: a LEFT OUTER JOIN per child table.",
            lambda n: [describe(p.as_child()) for p in Product.objects.select_related(*Product.CHILD_ACCESSORS)[:n]],
        ),
        ListingVariant(
            "multi_table",
            "Product.objects.all()[:n], then product.book / .album / .film",
            "N+1 and worse: up to one query per child table per row.",
            _as_children_one_by_one,
        ),
        ListingVariant(
            "proxy",
            "CatalogueBook.objects.all()[:n]",
            "The proxy's manager adds WHERE kind = 'book'; same table, no JOIN.",
            lambda n: [describe(p) for p in CatalogueBook.objects.all()[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.all()[:n]",
            "1 query for the parent rows + 1 per distinct child type among them.",
            lambda n: [describe(p) for p in PolymorphicProduct.objects.all()[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.instance_of(PolymorphicBook, PolymorphicAlbum)[:n]",
            "Filtered on polymorphic_ctype: only books and albums, so at most 1 + 2 queries.",
            lambda n: [
                describe(p) for p in PolymorphicProduct.objects.instance_of(PolymorphicBook, PolymorphicAlbum)[:n]
            ],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.instance_of(PolymorphicBook)[:n]",
            "One child type: 1 + 1 queries.",
            lambda n: [describe(p) for p in PolymorphicProduct.objects.instance_of(PolymorphicBook)[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.non_polymorphic()[:n]",
            "Polymorphism off: 1 query, but parent instances without their child fields.",
            lambda n: [
                ListedProduct(p.name, type(p).__name__, "") for p in PolymorphicProduct.objects.non_polymorphic()[:n]
            ],
        ),
    ]


def measure_variants(n: int, repeats: int = REPEATS) -> list[ListingVariant]:
    variants = listing_variants()
    for variant in variants:
        variant.measurement = measure(lambda v=variant: v.fn(n), "list", repeats)
        listed = variant.measurement.capture.result or []
        variant.rows = len(listed)
        variant.classes = sorted({row.python_class for row in listed})
    return variants


# --- Deleting a child or its parent ------------------------------------------------------


@dataclass
class DeleteVariant:
    """One way to delete the same product: the toolkit's delete report of it (rolled back).

    ``model`` is the model whose rows the code deletes; the report counts the rows of
    every watched table before and after, and says who deleted which.
    """

    code: str
    lesson: str
    fn: Callable[[], object]
    watch: tuple[type[models.Model], ...]
    model: type[models.Model]
    report: DeleteReport | None = None

    @property
    def capture(self) -> Capture | None:
        return self.report.capture if self.report else None

    @property
    def queries(self):
        return [q for q in self.capture.queries if q.kind != "OTHER"] if self.capture else []


DELETE_TARGET = "WarGames"


def delete_variants(name: str = DELETE_TARGET) -> list[DeleteVariant]:
    return [
        DeleteVariant(
            f"Film.objects.get(name={name!r}).delete()",
            "Deleting a child deletes its parent row too: the product was only ever half of the film.",
            lambda: Film.objects.get(name=name).delete(),
            (Product, Film),
            Film,
        ),
        DeleteVariant(
            f"Film.objects.get(name={name!r}).delete(keep_parents=True)",
            "keep_parents=True deletes only the child row; a plain product is left behind.",
            lambda: Film.objects.get(name=name).delete(keep_parents=True),
            (Product, Film),
            Film,
        ),
        DeleteVariant(
            f"Product.objects.get(name={name!r}).delete()",
            "Deleting the parent cascades to the child; not knowing which child it is, Django asks every child table.",
            lambda: Product.objects.get(name=name).delete(),
            (Product, Film),
            Product,
        ),
        DeleteVariant(
            f"PolymorphicProduct.objects.get(name={name!r}).delete()",
            "The parent query returns the film itself, so this is a child delete: both rows go.",
            lambda: PolymorphicProduct.objects.get(name=name).delete(),
            (PolymorphicProduct, PolymorphicFilm),
            PolymorphicProduct,
        ),
        DeleteVariant(
            f"PolymorphicFilm.objects.get(name={name!r}).delete(keep_parents=True)",
            "django-polymorphic also rewrites polymorphic_ctype, so the kept row reads back as a plain product.",
            lambda: PolymorphicFilm.objects.get(name=name).delete(keep_parents=True),
            (PolymorphicProduct, PolymorphicFilm),
            PolymorphicFilm,
        ),
    ]


def measure_deletes(name: str = DELETE_TARGET) -> list[DeleteVariant]:
    variants = delete_variants(name)
    for variant in variants:
        using = router.db_for_write(variant.model)
        variant.report = observe_delete(variant.fn, variant.model, using=using, watch=variant.watch)
    return variants
