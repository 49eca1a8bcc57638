"""Composite primary keys: the admin refuses StockLevel, so a lab page shows why; StockMovement is ordinary."""

from django.contrib import admin
from django.db import connection

from playground.labkit import labs
from playground.labkit.admin_mixins import DeletePreviewMixin
from relations import composite_keys_lab
from relations.models import StockMovement


@admin.register(StockMovement)
class StockMovementAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Its own key is an integer; ``stock`` is the two-column relation (shown, joined, never edited)."""

    list_display = ["__str__", "warehouse", "sku", "change", "stock"]
    list_select_related = ["stock"]
    list_filter = ["warehouse"]
    search_fields = ["sku", "note"]


def composite_keys_view(request):
    return labs.render_lab(
        request,
        "composite-keys",
        "relations/labs/composite_keys.html",
        {
            "tried": composite_keys_lab.try_orm(),
            "admin_refusal": composite_keys_lab.admin_refusal(),
            "fk_check": composite_keys_lab.foreign_key_check(),
            "ddl": composite_keys_lab.key_ddl(),
            "delete_report": composite_keys_lab.delete_report(),
            "connection_vendor": connection.vendor,
        },
    )


labs.register(
    labs.Lab(
        app_label="relations",
        slug="composite-keys",
        title="Composite primary keys",
        description=(
            "StockLevel is keyed by (warehouse, sku) with CompositePrimaryKey; StockMovement refers to it through "
            "ForeignObject. What the ORM does with the key and what the admin and ForeignKey refuse, tried now, "
            "with the errors Django raises and the key's DDL."
        ),
        view=composite_keys_view,
        order=60,
        # It reads (and, rolled back, writes) stock rows: viewing stock movements is the nearest admin right.
        permissions=("relations.view_stockmovement",),
    )
)
