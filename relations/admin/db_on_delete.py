"""Admin for the database-level on_delete models: the database acts, Django is not told."""

from django.contrib import admin

from playground.labkit.admin_mixins import DeletePreviewMixin, RowDeleteLinkMixin
from relations.admin.on_delete import children_count
from relations.models import DbCascadeChild, DbCascadeGrandchild, DbParent, DbSetDefaultChild, DbSetNullChild


class DbChildInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    fields = ["name"]


class DbCascadeChildInline(DbChildInline):
    """DB_CASCADE children: the database deletes them."""

    model = DbCascadeChild


class DbSetNullChildInline(DbChildInline):
    """DB_SET_NULL children: the database empties their key."""

    model = DbSetNullChild


class DbSetDefaultChildInline(DbChildInline):
    """DB_SET_DEFAULT children: the database writes the column DEFAULT."""

    model = DbSetDefaultChild


@admin.register(DbParent)
class DbParentAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """Database-level on_delete: Django's own confirmation misses what the database will do; the preview shows it."""

    list_display = ["name", "slug", "db_cascade_count", "db_set_null_count", "db_set_default_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DbCascadeChildInline, DbSetNullChildInline, DbSetDefaultChildInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                db_cascade_count=children_count(DbCascadeChild, "db_cascade"),
                db_set_null_count=children_count(DbSetNullChild, "db_set_null"),
                db_set_default_count=children_count(DbSetDefaultChild, "db_set_default", to_field="slug"),
            )
        )

    @admin.display(description="DB_CASCADE", ordering="db_cascade_count")
    def db_cascade_count(self, parent):
        return parent.db_cascade_count

    @admin.display(description="DB_SET_NULL", ordering="db_set_null_count")
    def db_set_null_count(self, parent):
        return parent.db_set_null_count

    @admin.display(description="DB_SET_DEFAULT", ordering="db_set_default_count")
    def db_set_default_count(self, parent):
        return parent.db_set_default_count


class DbCascadeGrandchildInline(admin.TabularInline):
    """The second level of a database cascade."""

    model = DbCascadeGrandchild
    extra = 0


@admin.register(DbCascadeChild)
class DbCascadeChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """DB_CASCADE, with the grandchildren the database deletes in the same statement."""

    list_display = ["name", "db_cascade"]
    list_filter = ["db_cascade"]
    list_select_related = ["db_cascade"]
    search_fields = ["name"]
    autocomplete_fields = ["db_cascade"]
    inlines = [DbCascadeGrandchildInline]


@admin.register(DbCascadeGrandchild)
class DbCascadeGrandchildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """Two levels of ON DELETE CASCADE: gone without Django reading a row."""

    list_display = ["name", "db_cascade"]
    list_filter = ["db_cascade"]
    list_select_related = ["db_cascade"]
    search_fields = ["name"]
    autocomplete_fields = ["db_cascade"]


@admin.register(DbSetNullChild)
class DbSetNullChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """DB_SET_NULL: ON DELETE SET NULL in the schema."""

    list_display = ["name", "db_set_null"]
    list_filter = ["db_set_null"]
    list_select_related = ["db_set_null"]
    search_fields = ["name"]
    autocomplete_fields = ["db_set_null"]


@admin.register(DbSetDefaultChild)
class DbSetDefaultChildAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """DB_SET_DEFAULT: ON DELETE SET DEFAULT, with the default in the schema (db_default)."""

    list_display = ["name", "db_set_default"]
    list_filter = ["db_set_default"]
    list_select_related = ["db_set_default"]
    search_fields = ["name"]
    autocomplete_fields = ["db_set_default"]
