"""Admin for inheritance depth: three levels, proxies of children, two concrete parents."""

from django.contrib import admin
from polymorphic.admin import PolymorphicChildModelAdmin, PolymorphicChildModelFilter, PolymorphicParentModelAdmin

from inheritance.admin.styles import kind_details
from inheritance.admin.supplied import SuppliedAdmin
from inheritance.models import (
    BirthdayGiftCard,
    BookByAuthor,
    Edition,
    GiftCard,
    PrintedEdition,
    RentalOffer,
    RentOrBuyFilm,
    SaleOffer,
    SignedEdition,
    Voucher,
)
from playground.labkit.admin_mixins import DeletePreviewMixin

# --- Three levels: Edition → PrintedEdition → SignedEdition --------------------------------


@admin.register(Edition)
class EditionAdmin(SuppliedAdmin):
    """The top level: each row's deepest level through one LEFT OUTER JOIN per level below."""

    list_display = ["name", "level", "details", "price", "supplier"]
    # Down two reverse one-to-ones: no query per row for as_deepest().
    list_select_related = ["supplier", "printededition__signededition"]

    @admin.display(description="deepest level")
    def level(self, edition):
        return edition.as_deepest()._meta.verbose_name

    @admin.display(description="own fields")
    def details(self, edition):
        return kind_details(edition.as_deepest())


@admin.register(PrintedEdition)
class PrintedEditionAdmin(SuppliedAdmin):
    """The middle level: its list is one INNER JOIN up to ``edition``."""

    list_display = ["name", "format", "pages", "price", "supplier"]


@admin.register(SignedEdition)
class SignedEditionAdmin(SuppliedAdmin):
    """The grandchild: its list is two INNER JOINs, up to ``printededition`` and ``edition``."""

    list_display = ["name", "format", "pages", "signed_by", "price", "supplier"]


# --- A proxy of a multi-table child -------------------------------------------------------


@admin.register(BookByAuthor)
class BookByAuthorAdmin(SuppliedAdmin):
    """Proxy of ``Book``: the books' two tables, ordered by author, with the proxy's ``__str__``."""

    list_display = ["__str__", "author", "pages", "price_per_100_pages", "price", "supplier"]
    fields = ["name", "price", "supplier", "author", "pages"]

    @admin.display(description="price per 100 pages")
    def price_per_100_pages(self, book):
        return book.price_per_100_pages()


# --- A proxy of a django-polymorphic child --------------------------------------------------


class VoucherChildAdmin(DeletePreviewMixin, PolymorphicChildModelAdmin):
    """Shared configuration of the voucher child admins (reached through the vouchers' list)."""

    base_model = Voucher
    list_display = ["name", "message", "valid_days", "price", "supplier"]
    list_select_related = ["supplier"]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]


@admin.register(GiftCard)
class GiftCardAdmin(VoucherChildAdmin):
    """PolymorphicChildModelAdmin of the concrete child: its list holds birthday cards too."""


@admin.register(BirthdayGiftCard)
class BirthdayGiftCardAdmin(VoucherChildAdmin):
    """PolymorphicChildModelAdmin of the proxy: only rows whose content type is the proxy's."""

    list_display = ["__str__", "greeting", "valid_days", "price", "supplier"]


@admin.register(Voucher)
class VoucherAdmin(PolymorphicParentModelAdmin):
    """PolymorphicParentModelAdmin: the type column names the proxy where a row was saved as one."""

    base_model = Voucher
    child_models = [GiftCard, BirthdayGiftCard]
    list_display = ["name", "child_type", "price", "supplier"]
    list_filter = [PolymorphicChildModelFilter, "supplier"]
    list_select_related = ["supplier", "polymorphic_ctype"]
    search_fields = ["name"]

    @admin.display(description="type", ordering="polymorphic_ctype__model")
    def child_type(self, voucher):
        return voucher.polymorphic_ctype.name


# --- Two concrete parents --------------------------------------------------------------------


@admin.register(SaleOffer)
class SaleOfferAdmin(SuppliedAdmin):
    """First parent: which film each sale offer is part of, through the reverse one-to-one."""

    list_display = ["name", "price", "film", "supplier"]
    list_select_related = ["supplier", "film"]


@admin.register(RentalOffer)
class RentalOfferAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Second parent: no name of its own; the film's name is in the *other* parent's table."""

    list_display = ["rental_id", "price_per_day", "rental_days", "film"]
    list_select_related = ["film"]


@admin.register(RentOrBuyFilm)
class RentOrBuyFilmAdmin(SuppliedAdmin):
    """The child of two parents: one form over three tables, two INNER JOINs in its list."""

    list_display = ["name", "director", "minutes", "price", "price_per_day", "rental_days", "supplier"]
