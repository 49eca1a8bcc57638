"""Admin for the self-referential tree."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import Category


class SubcategoryInline(admin.TabularInline):
    """A node's direct children."""

    model = Category
    fk_name = "parent"
    extra = 0
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A self-referential FK: delete a node to see the cascade go down every level."""

    list_display = ["name", "parent", "child_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    inlines = [SubcategoryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(child_count=Count("children"))

    @admin.display(description="Children", ordering="child_count")
    def child_count(self, category):
        return category.child_count
