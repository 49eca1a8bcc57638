"""Admin for the Python-level on_delete models: delete a Parent and read the preview."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from playground.labkit.admin_mixins import DeletePreviewMixin, RowDeleteLinkMixin
from relations.models import (
    CascadeChild,
    CascadeGrandchild,
    DoNothingChild,
    Parent,
    ProtectChild,
    RestrictChild,
    SetCallableChild,
    SetDefaultChild,
    SetNullChild,
    SetValueChild,
)


def children_count(model, fk_name, to_field="pk"):
    """A correlated COUNT: one query for the whole changelist, however many rows it shows."""
    counted = model.objects.filter(**{fk_name: OuterRef(to_field)}).order_by().values(fk_name)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


class ChildInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    fields = ["name"]


class CascadeChildInline(ChildInline):
    """CASCADE children: deleted with the parent."""

    model = CascadeChild


class ProtectChildInline(ChildInline):
    """PROTECT children: the parent cannot be deleted while they exist."""

    model = ProtectChild


class RestrictChildInline(ChildInline):
    """RESTRICT children: block the parent's delete unless a CASCADE takes them too."""

    model = RestrictChild


class SetNullChildInline(ChildInline):
    """SET_NULL children: keep living with an empty foreign key."""

    model = SetNullChild


class SetDefaultChildInline(ChildInline):
    """SET_DEFAULT children: move to the parent with slug "default"."""

    model = SetDefaultChild


class SetValueChildInline(ChildInline):
    """SET(value) children: move to the parent with slug "archive"."""

    model = SetValueChild


class SetCallableChildInline(ChildInline):
    """SET(callable) children: move to the sentinel parent the callable returns."""

    model = SetCallableChild


class DoNothingChildInline(ChildInline):
    """DO_NOTHING children: left pointing at a deleted parent, so the database refuses."""

    model = DoNothingChild


@admin.register(Parent)
class ParentAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """Every Python-level on_delete option as an inline; the delete page previews what each does."""

    list_display = ["name", "slug", "cascade_count", "protect_count", "restrict_count", "set_null_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [
        CascadeChildInline,
        ProtectChildInline,
        RestrictChildInline,
        SetNullChildInline,
        SetDefaultChildInline,
        SetValueChildInline,
        SetCallableChildInline,
        DoNothingChildInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                cascade_count=children_count(CascadeChild, "cascade"),
                protect_count=children_count(ProtectChild, "protect"),
                restrict_count=children_count(RestrictChild, "restrict"),
                set_null_count=children_count(SetNullChild, "set_null"),
            )
        )

    @admin.display(description="CASCADE", ordering="cascade_count")
    def cascade_count(self, parent):
        return parent.cascade_count

    @admin.display(description="PROTECT", ordering="protect_count")
    def protect_count(self, parent):
        return parent.protect_count

    @admin.display(description="RESTRICT", ordering="restrict_count")
    def restrict_count(self, parent):
        return parent.restrict_count

    @admin.display(description="SET_NULL", ordering="set_null_count")
    def set_null_count(self, parent):
        return parent.set_null_count


class CascadeGrandchildInline(admin.TabularInline):
    """Grandchildren: the second level of the cascade."""

    model = CascadeGrandchild
    extra = 0


@admin.register(CascadeChild)
class CascadeChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """CASCADE, with its grandchildren inline (a multi-level cascade)."""

    list_display = ["name", "cascade"]
    list_filter = ["cascade"]
    list_select_related = ["cascade"]
    search_fields = ["name"]
    autocomplete_fields = ["cascade"]
    inlines = [CascadeGrandchildInline]


@admin.register(CascadeGrandchild)
class CascadeGrandchildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """The second level of a cascade: deleted when its Parent is."""

    list_display = ["name", "cascade"]
    list_filter = ["cascade"]
    list_select_related = ["cascade"]
    search_fields = ["name"]
    autocomplete_fields = ["cascade"]


@admin.register(ProtectChild)
class ProtectChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """PROTECT: delete this child first, then its parent can go."""

    list_display = ["name", "protect"]
    list_filter = ["protect"]
    list_select_related = ["protect"]
    search_fields = ["name"]
    autocomplete_fields = ["protect"]


@admin.register(RestrictChild)
class RestrictChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """RESTRICT: like PROTECT here, since nothing else cascades to these rows."""

    list_display = ["name", "restrict"]
    list_filter = ["restrict"]
    list_select_related = ["restrict"]
    search_fields = ["name"]
    autocomplete_fields = ["restrict"]


@admin.register(SetNullChild)
class SetNullChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """SET_NULL: the list shows "-" for children whose parent was deleted."""

    list_display = ["name", "set_null"]
    list_filter = ["set_null"]
    list_select_related = ["set_null"]
    search_fields = ["name"]
    autocomplete_fields = ["set_null"]


@admin.register(SetDefaultChild)
class SetDefaultChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """SET_DEFAULT: orphans are gathered under the parent with slug "default"."""

    list_display = ["name", "set_default"]
    list_filter = ["set_default"]
    list_select_related = ["set_default"]
    search_fields = ["name"]
    autocomplete_fields = ["set_default"]


@admin.register(SetValueChild)
class SetValueChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """SET(value): orphans are gathered under the parent with slug "archive"."""

    list_display = ["name", "set_value"]
    list_filter = ["set_value"]
    list_select_related = ["set_value"]
    search_fields = ["name"]
    autocomplete_fields = ["set_value"]


@admin.register(SetCallableChild)
class SetCallableChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """SET(callable): orphans go to the sentinel parent, created on first need."""

    list_display = ["name", "set_callable"]
    list_filter = ["set_callable"]
    list_select_related = ["set_callable"]
    search_fields = ["name"]
    autocomplete_fields = ["set_callable"]


@admin.register(DoNothingChild)
class DoNothingChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """DO_NOTHING: the parent's delete fails at commit while this row points at it."""

    list_display = ["name", "do_nothing"]
    list_filter = ["do_nothing"]
    list_select_related = ["do_nothing"]
    search_fields = ["name"]
    autocomplete_fields = ["do_nothing"]
