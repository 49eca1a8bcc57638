"""Admin for the primary-key comparison: the same invoices keyed by integer and by UUID."""

from django.contrib import admin

from playground.admin_mixins import DeletePreviewMixin
from relations.models import IntegerKeyedInvoice, UUIDKeyedInvoice


@admin.register(IntegerKeyedInvoice)
class IntegerKeyedInvoiceAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """An integer key: the change page URL shows a guessable, sequential id."""

    list_display = ["number", "id", "issued_at"]
    list_filter = ["issued_at"]
    list_select_related = []
    search_fields = ["number"]


@admin.register(UUIDKeyedInvoice)
class UUIDKeyedInvoiceAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A UUID key: the change page URL shows an unguessable id chosen before the INSERT."""

    list_display = ["number", "id", "issued_at"]
    list_filter = ["issued_at"]
    list_select_related = []
    search_fields = ["number"]
