"""Admin for the four inheritance styles, in models order: abstract, multi-table, proxy, polymorphic."""

from django.contrib import admin
from polymorphic.admin import (
    PolymorphicChildModelAdmin,
    PolymorphicChildModelFilter,
    PolymorphicInlineSupportMixin,
    PolymorphicParentModelAdmin,
    StackedPolymorphicInline,
)

from inheritance.admin.supplied import SuppliedAdmin
from inheritance.models import (
    Album,
    Book,
    CatalogueAlbum,
    CatalogueBook,
    CatalogueFilm,
    CatalogueItem,
    Film,
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicFilm,
    PolymorphicProduct,
    Product,
    StandaloneAlbum,
    StandaloneBook,
    StandaloneFilm,
    Supplier,
)
from playground.labkit.admin_mixins import DeletePreviewMixin


def kind_details(product) -> str:
    """'author: Ada · pages: 320' from the fields only this kind of product has."""
    return " · ".join(f"{name}: {getattr(product, name)}" for name in product.kind_fields)


# --- Supplier, with its polymorphic products inline ------------------------------------


class SupplierProductInline(StackedPolymorphicInline):
    """A polymorphic inline: each row is a book, album or film form, picked when adding."""

    class BookInline(StackedPolymorphicInline.Child):
        model = PolymorphicBook
        fields = ["name", "price", "author", "pages"]

    class AlbumInline(StackedPolymorphicInline.Child):
        model = PolymorphicAlbum
        fields = ["name", "price", "artist", "tracks"]

    class FilmInline(StackedPolymorphicInline.Child):
        model = PolymorphicFilm
        fields = ["name", "price", "director", "minutes"]

    model = PolymorphicProduct
    child_inlines = [BookInline, AlbumInline, FilmInline]


@admin.register(Supplier)
class SupplierAdmin(DeletePreviewMixin, PolymorphicInlineSupportMixin, admin.ModelAdmin):
    """StackedPolymorphicInline: a supplier's mixed products, each edited with its own child form."""

    list_display = ["name", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name"]
    inlines = [SupplierProductInline]


# --- Abstract base: one complete table per kind ----------------------------------------


@admin.register(StandaloneBook)
class StandaloneBookAdmin(SuppliedAdmin):
    """Abstract base: every column, inherited or not, is in this one table."""

    list_display = ["name", "author", "pages", "price", "supplier"]


@admin.register(StandaloneAlbum)
class StandaloneAlbumAdmin(SuppliedAdmin):
    """Abstract base: the same inherited columns as books, in a table of their own."""

    list_display = ["name", "artist", "tracks", "price", "supplier"]


@admin.register(StandaloneFilm)
class StandaloneFilmAdmin(SuppliedAdmin):
    """Abstract base: a third table; nothing in the database says films are products too."""

    list_display = ["name", "director", "minutes", "price", "supplier"]


# --- Multi-table: a parent table joined one-to-one to each child table ------------------


class ProductKindFilter(admin.SimpleListFilter):
    """Filter products by the child table that has a row for them (a LEFT JOIN … IS NOT NULL)."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(accessor, accessor) for accessor in Product.CHILD_ACCESSORS] + [("none", "none (parent only)")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(**{f"{accessor}__isnull": True for accessor in Product.CHILD_ACCESSORS})
        if self.value() in Product.CHILD_ACCESSORS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Product)
class ProductAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Multi-table parent: child fields in the list through select_related of the reverse one-to-ones."""

    list_display = ["name", "kind", "details", "price", "supplier"]
    list_filter = [ProductKindFilter, "supplier"]
    # Reverse one-to-ones can be select_related: one LEFT JOIN per child table, no query per row.
    list_select_related = ["supplier", *Product.CHILD_ACCESSORS]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]

    @admin.display(description="kind")
    def kind(self, product):
        child = product.as_child()
        return child._meta.model_name if child is not product else "— (parent only)"

    @admin.display(description="child fields")
    def details(self, product):
        return kind_details(product.as_child())


class ProductChildAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Shared configuration of the multi-table children."""

    list_filter = ["supplier"]
    list_select_related = ["supplier"]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]


@admin.register(Book)
class BookAdmin(ProductChildAdmin):
    """Multi-table child (implicit ``product_ptr``): parent columns read through an INNER JOIN."""

    list_display = ["name", "author", "pages", "price", "supplier"]


@admin.register(Album)
class AlbumAdmin(ProductChildAdmin):
    """Multi-table child with an explicit ``parent_link=True`` one-to-one named ``product``."""

    list_display = ["name", "artist", "tracks", "price", "supplier"]


@admin.register(Film)
class FilmAdmin(ProductChildAdmin):
    """Multi-table child: deleting it deletes its ``product`` row too."""

    list_display = ["name", "director", "minutes", "price", "supplier"]


# --- Proxy: one table, an admin per kind -----------------------------------------------


@admin.register(CatalogueItem)
class CatalogueItemAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Single-table storage: every kind in one list, every kind's columns on one form."""

    list_display = ["name", "kind", "price", "supplier", "author", "artist", "director"]
    list_filter = ["kind", "supplier"]
    list_select_related = ["supplier"]
    search_fields = ["name", "author", "artist", "director"]
    autocomplete_fields = ["supplier"]


class KindProxyAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Shared configuration of the per-kind proxy admins."""

    list_filter = ["supplier"]
    list_select_related = ["supplier"]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]


@admin.register(CatalogueBook)
class CatalogueBookAdmin(KindProxyAdmin):
    """Proxy admin "only books": the proxy's manager filters, its form shows only book columns."""

    list_display = ["name", "author", "pages", "reading_hours", "price", "supplier"]
    fields = ["name", "price", "supplier", "author", "pages"]

    @admin.display(description="reading time (h)")
    def reading_hours(self, book):
        return book.reading_hours()


@admin.register(CatalogueAlbum)
class CatalogueAlbumAdmin(KindProxyAdmin):
    """Proxy admin "only albums", ordered by artist (the proxy's own Meta.ordering)."""

    list_display = ["name", "artist", "tracks", "price", "supplier"]
    fields = ["name", "price", "supplier", "artist", "tracks"]


@admin.register(CatalogueFilm)
class CatalogueFilmAdmin(KindProxyAdmin):
    """Proxy admin "only films", longest first, with a method only the film proxy has."""

    list_display = ["name", "director", "running_time", "price", "supplier"]
    fields = ["name", "price", "supplier", "director", "minutes"]

    @admin.display(description="running time", ordering="minutes")
    def running_time(self, film):
        return film.running_time()


# --- django-polymorphic: one parent admin, one child admin per type ----------------------


class PolymorphicProductChildAdmin(DeletePreviewMixin, PolymorphicChildModelAdmin):
    """Shared configuration of the polymorphic child admins (reached through the parent's list)."""

    base_model = PolymorphicProduct
    list_select_related = ["supplier"]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]


@admin.register(PolymorphicBook)
class PolymorphicBookAdmin(PolymorphicProductChildAdmin):
    """PolymorphicChildModelAdmin: the change form of a book opened from the mixed list."""

    list_display = ["name", "author", "pages", "price", "supplier"]


@admin.register(PolymorphicAlbum)
class PolymorphicAlbumAdmin(PolymorphicProductChildAdmin):
    """PolymorphicChildModelAdmin: the change form of an album."""

    list_display = ["name", "artist", "tracks", "price", "supplier"]


@admin.register(PolymorphicFilm)
class PolymorphicFilmAdmin(PolymorphicProductChildAdmin):
    """PolymorphicChildModelAdmin: the change form of a film."""

    list_display = ["name", "director", "minutes", "price", "supplier"]


@admin.register(PolymorphicProduct)
class PolymorphicProductAdmin(PolymorphicParentModelAdmin):
    """PolymorphicParentModelAdmin: mixed children in one list, a type filter, a type chooser on add."""

    base_model = PolymorphicProduct
    child_models = [PolymorphicBook, PolymorphicAlbum, PolymorphicFilm]
    list_display = ["name", "child_type", "price", "supplier"]
    list_filter = [PolymorphicChildModelFilter, "supplier"]
    # The list is non-polymorphic (polymorphic_list = False): parent rows only, in one query;
    # the type comes from the polymorphic_ctype column, joined rather than fetched per row.
    list_select_related = ["supplier", "polymorphic_ctype"]
    search_fields = ["name"]

    @admin.display(description="type", ordering="polymorphic_ctype__model")
    def child_type(self, product):
        return product.polymorphic_ctype.name
