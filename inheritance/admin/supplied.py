"""What every admin of rows with a supplier shares: the supplier filtered, joined and picked by autocomplete."""

from django.contrib import admin

from playground.labkit.admin_mixins import DeletePreviewMixin


class SuppliedAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Rows with a supplier and a name: one JOIN for the supplier, never a <select> of every supplier."""

    list_filter = ["supplier"]
    list_select_related = ["supplier"]
    search_fields = ["name"]
    autocomplete_fields = ["supplier"]
