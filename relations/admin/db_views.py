"""Admin for a model over a database view: read-only, with the view's SQL and the refused writes above the list."""

from django.contrib import admin
from django.db import connection
from django.utils.functional import cached_property

from playground.labkit.admin_keyset import KeysetMixin
from playground.labkit.admin_scale import EstimatedCountPaginator, ScaleAdminMixin
from relations import db_views_lab
from relations.models import Author, AuthorBlogSummary


class OneRowPerAuthorPaginator(KeysetMixin, EstimatedCountPaginator):
    """Counts the unfiltered view on the authors' table, which has as many rows and is a plain table.

    ``COUNT(*)`` over the view runs its whole GROUP BY over every blog; the authors' table is
    counted (or, past ``exact_below``, estimated from statistics) without touching a blog.
    Pages reached by next/previous are read by keyset, as the blogs' are, so they never make the
    view compute the rows an OFFSET would skip.
    """

    @cached_property
    def count(self):
        if self.object_list.query.where:
            return super().count
        authors = EstimatedCountPaginator(Author.objects.using(self.object_list.db).all(), self.per_page)
        self.is_estimated = bool(authors.count) and authors.is_estimated
        return authors.count


@admin.register(AuthorBlogSummary)
class AuthorBlogSummaryAdmin(ScaleAdminMixin, admin.ModelAdmin):
    """managed=False over a view: no add, change or delete (the database refuses them), so no delete preview."""

    change_list_template = "admin/relations/db_view_change_list.html"
    list_display = ["author_name", "author", "blogs", "published_blogs", "total_views", "last_published_at"]
    # No filter on a computed column: it would run the per-author subqueries for every author.
    list_select_related = ["author"]
    # In the key's order, PostgreSQL reads the page's authors by primary key and runs the view's
    # per-author subqueries for those rows only. ("author" would sort by Author.Meta.ordering,
    # the name, and make it compute every author's row before the LIMIT.)
    ordering = ["author_id"]
    paginator = OneRowPerAuthorPaginator
    show_full_result_count = False
    search_fields = ["author_name"]
    # Shown, never edited: the author is a link, not a <select> of every author.
    readonly_fields = ["author", "author_name", "blogs", "published_blogs", "total_views", "last_published_at"]

    # The rows are computed by the database from relations_author and relations_blog: there is
    # nothing to add, change or delete here (change the authors and blogs instead).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        migration, steps = db_views_lab.migration_steps()
        extra = {
            "view_definition": db_views_lab.view_definition(),
            "migration_name": migration,
            "migration_steps": steps,
            "write_attempts": db_views_lab.write_attempts(),
            "connection_vendor": connection.vendor,
        }
        return super().changelist_view(request, {**(extra_context or {}), **extra})
