"""Admin for the field options: the generated total is read-only, the database defaults are filled by the table."""

from django.contrib import admin

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import Gadget, OrderLine, Recipe, RecipeStep


@admin.register(OrderLine)
class OrderLineAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """total is a GeneratedField (never editable); channel and ordered_at come from the table's DEFAULTs."""

    list_display = ["product", "unit_price", "quantity", "total", "channel", "ordered_at"]
    readonly_fields = ["total", "ordered_at"]
    list_filter = ["channel"]
    search_fields = ["product"]


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
