"""Admin for the primary-key comparison: the same invoices keyed by integer and by UUID, and lines on a UUID key."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import IntegerKeyedInvoice, InvoiceComment, InvoiceLine, TypedKeyComment, UUIDKeyedInvoice


class InvoiceCommentInline(GenericTabularInline):
    """Generic comments on an invoice: object_id holds its key as text, integer or UUID alike."""

    model = InvoiceComment
    fields = ["commenter", "body"]
    extra = 0


class IntegerTypedKeyCommentInline(GenericTabularInline):
    """Typed-key comments on an integer-keyed invoice: its key goes into the bigint object_id."""

    model = TypedKeyComment
    ct_fk_field = "object_id"
    fields = ["commenter", "body"]
    extra = 0


class UUIDTypedKeyCommentInline(IntegerTypedKeyCommentInline):
    """Typed-key comments on a UUID-keyed invoice: its key goes into the uuid object_uuid."""

    ct_fk_field = "object_uuid"


class InvoiceAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The same list for both: only the id column (and the change page URL) differs."""

    list_display = ["number", "id", "issued_at"]
    list_filter = ["issued_at"]
    list_select_related = []
    search_fields = ["number"]
    inlines = [InvoiceCommentInline]


class InvoiceLineInline(admin.TabularInline):
    """Lines whose foreign key holds the invoice's UUID."""

    model = InvoiceLine
    extra = 0


@admin.register(IntegerKeyedInvoice)
class IntegerKeyedInvoiceAdmin(InvoiceAdmin):
    """An integer key: the change page URL shows a guessable, sequential id."""

    inlines = [InvoiceCommentInline, IntegerTypedKeyCommentInline]


@admin.register(UUIDKeyedInvoice)
class UUIDKeyedInvoiceAdmin(InvoiceAdmin):
    """A UUID key: the change page URL shows an unguessable id chosen before the INSERT."""

    inlines = [InvoiceLineInline, InvoiceCommentInline, UUIDTypedKeyCommentInline]


@admin.register(InvoiceLine)
class InvoiceLineAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A foreign key to a UUID primary key: invoice_id is a uuid (PostgreSQL) or char(32) (SQLite) column."""

    list_display = ["description", "amount", "invoice", "invoice_id"]
    list_select_related = ["invoice"]
    autocomplete_fields = ["invoice"]
    search_fields = ["description"]


@admin.register(InvoiceComment)
class InvoiceCommentAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A GenericForeignKey with a text object_id: "2" and a UUID side by side in one column."""

    list_display = ["commenter", "body", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    list_select_related = ["content_type"]
    search_fields = ["commenter", "body", "object_id"]


@admin.register(TypedKeyComment)
class TypedKeyCommentAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Two typed generic keys: a bigint object_id or a uuid object_uuid, the CheckConstraint's message if not one."""

    list_display = ["commenter", "body", "content_type", "object_id", "object_uuid", "created_at"]
    list_filter = ["content_type", ("object_uuid", admin.EmptyFieldListFilter)]
    list_select_related = ["content_type"]
    search_fields = ["commenter", "body"]
