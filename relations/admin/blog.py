"""Admin for the relations lab: reads like configuration."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Now

from playground.labkit.admin_mixins import DeletePreviewMixin
from playground.labkit.admin_scale import ScaleAdminMixin
from playground.labkit.data_io import DataIOAdminMixin
from relations.admin.comments import GenericCommentInline
from relations.models import Author, Blog
from relations.resources import AuthorResource, BlogBulkResource, BlogResource


class BlogInline(admin.TabularInline):
    """Blogs written by an author, edited in place (the default reverse FK, ``blog_set``)."""

    model = Blog
    fk_name = "author"
    fields = ["title", "status", "published_at", "editor"]
    autocomplete_fields = ["editor"]
    extra = 0
    show_change_link = True


@admin.register(Author)
class AuthorAdmin(DeletePreviewMixin, DataIOAdminMixin, ScaleAdminMixin, admin.ModelAdmin):
    """Reverse access in the admin: an annotated blog count and the blogs inline."""

    resource_classes = [AuthorResource]

    list_display = ["name", "email", "born_on", "blog_count", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "email"]
    inlines = [BlogInline, GenericCommentInline]

    def get_queryset(self, request):
        # One query instead of one COUNT per row. A correlated subquery rather than
        # Count("blog") over a join: the join aggregates every blog of every author before
        # the page can be cut, which is what makes a million-row changelist slow.
        blogs = Blog.objects.filter(author=OuterRef("pk")).order_by().values("author").annotate(n=Count("pk"))
        count = Coalesce(Subquery(blogs.values("n"), output_field=IntegerField()), 0)
        return super().get_queryset(request).annotate(blog_count=count)

    @admin.display(description="Blogs", ordering="blog_count")
    def blog_count(self, author):
        return author.blog_count


@admin.register(Blog)
class BlogAdmin(DeletePreviewMixin, DataIOAdminMixin, ScaleAdminMixin, admin.ModelAdmin):
    """Related fields in the list without N+1 (list_select_related), autocomplete for FKs."""

    resource_classes = [BlogResource, BlogBulkResource]

    list_display = ["title", "author", "editor", "status", "published_at", "views"]
    list_filter = ["status", "published_at"]
    list_select_related = ["author", "editor"]
    search_fields = ["title", "author__name", "author__email"]
    autocomplete_fields = ["author", "editor"]
    date_hierarchy = "published_at"
    inlines = [GenericCommentInline]
    actions = ["publish_selected"]

    @admin.action(description="Publish the selected blogs now")
    def publish_selected(self, request, queryset):
        # One UPDATE for the whole selection; keeps an existing publication date.
        updated = queryset.update(status=Blog.Status.PUBLISHED, published_at=Coalesce("published_at", Now()))
        self.message_user(request, f"{updated} blog(s) published.")
