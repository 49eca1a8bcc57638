"""Admin for the field options: the generated total is read-only, the database defaults are filled by the table."""

from django.contrib import admin
from django.db import connection

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import Gadget, OrderLine, Parcel, Recipe, RecipeStep


@admin.register(OrderLine)
class OrderLineAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """total is a GeneratedField (never editable); channel and ordered_at come from the table's DEFAULTs."""

    list_display = ["product", "unit_price", "quantity", "total", "channel", "ordered_at"]
    readonly_fields = ["total", "ordered_at"]
    list_filter = ["channel"]
    search_fields = ["product"]


def missing_features(model) -> list[str]:
    """The Meta.required_db_features this database lacks (no query: the features are known per connection)."""
    return sorted(name for name in model._meta.required_db_features if not getattr(connection.features, name, False))


def table_absent_reason(model) -> str:
    """Why ``model`` has no table on this database ("" when it has one), from its Meta.required_db_features.

    Asked of the schema, not only of the features: a database upgraded to one with the feature
    still lacks the table its older self skipped when the migration was recorded.
    """
    missing = missing_features(model)
    if not missing and model._meta.db_table in connection.introspection.table_names():
        return ""
    version = ".".join(map(str, connection.get_database_version()))
    if not missing:
        return (
            f"{connection.display_name} {version} supports this table, but it is missing: the migration that "
            f"creates {model._meta.db_table} ran on an older server, which skipped it. Migrate relations back "
            "before that migration and forward again to create it."
        )
    return (
        f"{connection.display_name} {version} has {', '.join(f'{name} = False' for name in missing)}, "
        f"so Meta.required_db_features made migrate skip the {model._meta.db_table} table: "
        f"there are no {model._meta.verbose_name_plural} on this database."
    )


@admin.register(Parcel)
class ParcelAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """volume_cm3 is a virtual GeneratedField; where the database has none, an empty, read-only list says why."""

    change_list_template = "admin/relations/parcel_change_list.html"
    list_display = ["label", "length_cm", "width_cm", "height_cm", "volume_cm3"]
    readonly_fields = ["volume_cm3"]
    search_fields = ["label"]

    # Where the table does not exist, nothing may reach it: no rows, no writes (and no 500).
    # The permissions are asked on every admin page (the sidebar), so they read the features
    # only; the list and the forms' queryset also ask the schema.
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.none() if table_absent_reason(self.model) else queryset

    def has_add_permission(self, request):
        return not missing_features(self.model) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return not missing_features(self.model) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not missing_features(self.model) and super().has_delete_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        extra = {"table_absent_reason": table_absent_reason(self.model), "connection_vendor": connection.vendor}
        return super().changelist_view(request, {**(extra_context or {}), **extra})


@admin.register(Gadget)
class GadgetAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """specs is JSON: the colour filter is a key lookup (specs__colour=…) on both databases."""

    list_display = ["name", "colour", "specs"]
    search_fields = ["name"]

    @admin.display(description="colour (specs → colour)", ordering="specs__colour")
    def colour(self, obj):
        return obj.specs.get("colour", "—")


class RecipeStepInline(admin.TabularInline):
    """Steps in their _order (order_with_respect_to)."""

    model = RecipeStep
    extra = 0


@admin.register(Recipe)
class RecipeAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A recipe and its steps, kept in order by the _order column."""

    list_display = ["title"]
    search_fields = ["title"]
    inlines = [RecipeStepInline]


@admin.register(RecipeStep)
class RecipeStepAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Each step with its recipe; the list follows _order within each recipe."""

    list_display = ["instruction", "recipe"]
    list_select_related = ["recipe"]
    list_filter = ["recipe"]
    search_fields = ["instruction"]
