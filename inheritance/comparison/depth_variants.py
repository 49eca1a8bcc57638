"""Inheritance depth, level by level: each level's listing and each kind of delete, measured.

The listings show what each level of a chain costs in JOINs (counted in the captured SQL),
which tables a proxy of a child reads, and which classes a polymorphic queryset returns
for rows saved through a proxy. The deletes are read from the toolkit's delete report.
"""

from __future__ import annotations

from django.db import router

from inheritance.comparison.measure import REPEATS, measure
from inheritance.comparison.styles import ListedProduct, describe
from inheritance.comparison.variants import DeleteVariant, ListingVariant
from inheritance.models import (
    BirthdayGiftCard,
    Book,
    BookByAuthor,
    Edition,
    GiftCard,
    PrintedEdition,
    Product,
    RentalOffer,
    RentOrBuyFilm,
    SaleOffer,
    SignedEdition,
    Voucher,
)
from playground.labkit.deletion import observe_delete


def _listed(objects) -> list[ListedProduct]:
    return [describe(o) for o in objects]


def _rental_offers(n):
    # A rental offer has no name: the film's name is in the other parent's table, SaleOffer.
    offers = RentalOffer.objects.select_related("film")[:n]
    return [ListedProduct(o.film.name if hasattr(o, "film") else str(o), type(o).__name__, str(o)) for o in offers]


def _down_one_step_at_a_time(n):
    # No select_related: each edition asks printededition, then each printed one asks signededition.
    return _listed(e.as_deepest() for e in Edition.objects.all()[:n])


def _down_from_the_top(n):
    # One LEFT OUTER JOIN per level below, then each row as its deepest class.
    return _listed(e.as_deepest() for e in Edition.objects.select_related("printededition__signededition")[:n])


def _films_from_the_first_parent(n):
    return _listed(o.film if hasattr(o, "film") else o for o in SaleOffer.objects.select_related("film")[:n])


def _three_level_listings() -> list[ListingVariant]:
    key = "three_levels"
    return [
        ListingVariant(
            key,
            "Edition.objects.all()[:n]",
            "The top level: its own table, no JOIN.",
            lambda n: _listed(Edition.objects.all()[:n]),
        ),
        ListingVariant(
            key,
            "PrintedEdition.objects.all()[:n]",
            "One level down: one INNER JOIN, up to edition.",
            lambda n: _listed(PrintedEdition.objects.all()[:n]),
        ),
        ListingVariant(
            key,
            "SignedEdition.objects.all()[:n]",
            "Two levels down: two INNER JOINs, up to printededition and on to edition.",
            lambda n: _listed(SignedEdition.objects.all()[:n]),
        ),
        ListingVariant(
            key,
            "Edition.objects.select_related('printededition__signededition')[:n]",
            "Down from the top, each row as its own class: one LEFT OUTER JOIN per level below.",
            _down_from_the_top,
        ),
        ListingVariant(
            key,
            "Edition.objects.all()[:n], then .printededition.signededition",
            "Down one query at a time: a query per row per level.",
            _down_one_step_at_a_time,
        ),
    ]


def _proxy_listings() -> list[ListingVariant]:
    return [
        ListingVariant(
            "child_proxy",
            "Book.objects.all()[:n]",
            "The child: book INNER JOIN product, ordered by name.",
            lambda n: _listed(Book.objects.all()[:n]),
        ),
        ListingVariant(
            "child_proxy",
            "BookByAuthor.objects.all()[:n]",
            "The proxy: the same tables and JOIN, its own ORDER BY (author, then name).",
            lambda n: _listed(BookByAuthor.objects.all()[:n]),
        ),
        ListingVariant(
            "polymorphic_proxy",
            "Voucher.objects.all()[:n]",
            "The base returns each row as the class it was saved as, proxy included; one query per concrete table.",
            lambda n: _listed(Voucher.objects.all()[:n]),
        ),
        ListingVariant(
            "polymorphic_proxy",
            "GiftCard.objects.all()[:n]",
            "The concrete child returns its proxy's rows as proxy instances too.",
            lambda n: _listed(GiftCard.objects.all()[:n]),
        ),
        ListingVariant(
            "polymorphic_proxy",
            "BirthdayGiftCard.objects.all()[:n]",
            "The proxy's manager keeps only rows saved as birthday cards (WHERE polymorphic_ctype_id IN …).",
            lambda n: _listed(BirthdayGiftCard.objects.all()[:n]),
        ),
        ListingVariant(
            "polymorphic_proxy",
            "Voucher.objects.non_polymorphic()[:n]",
            "Polymorphism off: parent instances only, whatever the row was saved as.",
            lambda n: [ListedProduct(v.name, type(v).__name__, "") for v in Voucher.objects.non_polymorphic()[:n]],
        ),
    ]


def _two_parent_listings() -> list[ListingVariant]:
    key = "two_parents"
    return [
        ListingVariant(
            key,
            "RentOrBuyFilm.objects.all()[:n]",
            "The child: an INNER JOIN to each parent's table.",
            lambda n: _listed(RentOrBuyFilm.objects.all()[:n]),
        ),
        ListingVariant(
            key,
            "SaleOffer.objects.select_related('film')[:n]",
            "From one parent down to the child: LEFT OUTER JOINs to the child and to its other parent.",
            _films_from_the_first_parent,
        ),
        ListingVariant(
            key,
            "RentalOffer.objects.select_related('film')[:n]",
            "From the other parent: the film's name is two tables away, in SaleOffer.",
            _rental_offers,
        ),
    ]


def depth_listing_variants() -> list[ListingVariant]:
    return [*_three_level_listings(), *_proxy_listings(), *_two_parent_listings()]


def measure_depth_variants(n: int, repeats: int = REPEATS) -> list[ListingVariant]:
    variants = depth_listing_variants()
    for variant in variants:
        variant.measurement = measure(lambda v=variant: v.fn(n), "list", repeats)
        listed = variant.measurement.capture.result or []
        variant.rows = len(listed)
        variant.classes = sorted({row.python_class for row in listed})
    return variants


SIGNED = "Refactoring (signed hardback)"
BOOK = "The Mythical Man-Month"
BIRTHDAY = "Birthday card 40"
FILM = "Sneakers"


def depth_delete_variants() -> list[DeleteVariant]:
    chain = (Edition, PrintedEdition, SignedEdition)
    film_tables = (SaleOffer, RentalOffer, RentOrBuyFilm)
    return [
        DeleteVariant(
            f"SignedEdition.objects.get(name={SIGNED!r}).delete()",
            "Deleting the grandchild deletes a row on every level: three tables.",
            lambda: SignedEdition.objects.get(name=SIGNED).delete(),
            chain,
            SignedEdition,
        ),
        DeleteVariant(
            f"SignedEdition.objects.get(name={SIGNED!r}).delete(keep_parents=True)",
            "keep_parents=True deletes the grandchild's row only: a printed edition is left.",
            lambda: SignedEdition.objects.get(name=SIGNED).delete(keep_parents=True),
            chain,
            SignedEdition,
        ),
        DeleteVariant(
            f"Edition.objects.get(name={SIGNED!r}).delete()",
            "Deleting the top cascades two levels down: Django asks each table below in turn.",
            lambda: Edition.objects.get(name=SIGNED).delete(),
            chain,
            Edition,
        ),
        DeleteVariant(
            f"BookByAuthor.objects.get(name={BOOK!r}).delete()",
            "A proxy deletes what its base deletes: the book row and its product row.",
            lambda: BookByAuthor.objects.get(name=BOOK).delete(),
            (Product, Book),
            BookByAuthor,
        ),
        DeleteVariant(
            f"Voucher.objects.get(name={BIRTHDAY!r}).delete()",
            "The base query returns the birthday card (a proxy), whose delete takes the gift-card row too.",
            lambda: Voucher.objects.get(name=BIRTHDAY).delete(),
            (Voucher, GiftCard),
            Voucher,
        ),
        DeleteVariant(
            f"RentOrBuyFilm.objects.get(name={FILM!r}).delete()",
            "Deleting the child of two parents deletes its row in both parents' tables.",
            lambda: RentOrBuyFilm.objects.get(name=FILM).delete(),
            film_tables,
            RentOrBuyFilm,
        ),
        DeleteVariant(
            f"SaleOffer.objects.get(name={FILM!r}).delete()",
            "Deleting one parent cascades to the child, and the child takes its other parent's row with it.",
            lambda: SaleOffer.objects.get(name=FILM).delete(),
            film_tables,
            SaleOffer,
        ),
    ]


def measure_depth_deletes() -> list[DeleteVariant]:
    variants = depth_delete_variants()
    for variant in variants:
        using = router.db_for_write(variant.model)
        variant.report = observe_delete(variant.fn, variant.model, using=using, watch=variant.watch)
    return variants
