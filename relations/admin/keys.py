"""Admin for the primary-key comparison: the same invoices keyed by integer and by UUID."""

from django.contrib import admin

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import IntegerKeyedInvoice, UUIDKeyedInvoice


class InvoiceAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The same list for both: only the id column (and the change page URL) differs."""

    list_display = ["number", "id", "issued_at"]
    list_filter = ["issued_at"]
    list_select_related = []
    search_fields = ["number"]


@admin.register(IntegerKeyedInvoice)
class IntegerKeyedInvoiceAdmin(InvoiceAdmin):
    """An integer key: the change page URL shows a guessable, sequential id."""


@admin.register(UUIDKeyedInvoice)
class UUIDKeyedInvoiceAdmin(InvoiceAdmin):
    """A UUID key: the change page URL shows an unguessable id chosen before the INSERT."""
