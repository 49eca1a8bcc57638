"""Admin for Comments: GenericForeignKey, exclusive arc and per-target tables, and the comparison lab."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import connection

from playground.labkit import labs, limits
from playground.labkit.admin_mixins import DeletePreviewMixin
from playground.labkit.admin_scale import ScaleAdminMixin
from relations import comments_lab
from relations.models import ArcComment, AuthorComment, BlogComment, GenericComment, Photo, PhotoComment


class GenericCommentInline(GenericTabularInline):
    """Generic comments edited on their target's page; works with or without a GenericRelation."""

    model = GenericComment
    fields = ["commenter", "body"]
    extra = 0


class ArcCommentInline(admin.TabularInline):
    """The exclusive arc's comments on a photo: a plain reverse FK (``photo.arc_comments``)."""

    model = ArcComment
    fk_name = "photo"
    fields = ["commenter", "body"]
    extra = 0


class PhotoCommentInline(admin.TabularInline):
    """The per-target table's comments on a photo (``photo.table_comments``)."""

    model = PhotoComment
    fields = ["commenter", "body"]
    extra = 0


@admin.register(Photo)
class PhotoAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A comment target without GenericRelation: the same comments in all three designs, inline."""

    list_display = ["title", "taken_on", "created_at"]
    list_filter = ["taken_on"]
    search_fields = ["title", "caption"]
    inlines = [GenericCommentInline, ArcCommentInline, PhotoCommentInline]


class TargetExistsFilter(admin.SimpleListFilter):
    """Finds dangling generic comments: nothing in the database prevents them."""

    title = "target exists"
    parameter_name = "target_exists"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No (dangling)")]

    def queryset(self, request, queryset):
        # Not target_exists (a CASE evaluated for every row): the anti-joins of dangling_pks().
        if self.value() == "no":
            return queryset.filter(pk__in=GenericComment.objects.dangling_pks())
        if self.value() == "yes":
            return queryset.exclude(pk__in=GenericComment.objects.dangling_pks())
        return queryset


@admin.register(GenericComment)
class GenericCommentAdmin(DeletePreviewMixin, ScaleAdminMixin, admin.ModelAdmin):
    """A GenericForeignKey in a changelist: the target's name annotated in one query, dangling rows filtered.

    ``manage.py seed`` makes half a million of these, so the changelist counts from statistics.
    """

    list_display = ["commenter", "body", "content_type", "object_id", "target_label", "target_exists"]
    list_filter = [TargetExistsFilter, "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["commenter", "body"]

    def get_queryset(self, request):
        # with_target(): a CASE of correlated subqueries, because a generic key cannot be joined.
        return super().get_queryset(request).with_target()

    @admin.display(description="Target", ordering="target_label")
    def target_label(self, comment):
        return comment.target_label or "—"

    @admin.display(description="Target exists", boolean=True, ordering="target_exists")
    def target_exists(self, comment):
        return comment.target_exists


@admin.register(ArcComment)
class ArcCommentAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """An exclusive arc: three nullable FKs joined in one query; the CheckConstraint's message on bad input."""

    list_display = ["commenter", "body", "blog", "author", "photo"]
    list_filter = [
        ("blog", admin.EmptyFieldListFilter),
        ("author", admin.EmptyFieldListFilter),
        ("photo", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["blog", "author", "photo"]
    search_fields = ["commenter", "body"]
    autocomplete_fields = ["blog", "author", "photo"]


class TargetCommentAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """One table per target: a plain FK, joined with list_select_related."""

    list_display = ["commenter", "body", "target", "created_at"]
    list_filter = ["created_at"]
    list_select_related = ["target"]
    search_fields = ["commenter", "body"]
    autocomplete_fields = ["target"]


@admin.register(BlogComment)
class BlogCommentAdmin(TargetCommentAdmin):
    """Comments on blogs, in their own table."""


@admin.register(AuthorComment)
class AuthorCommentAdmin(TargetCommentAdmin):
    """Comments on authors, in their own table."""


@admin.register(PhotoComment)
class PhotoCommentAdmin(TargetCommentAdmin):
    """Comments on photos, in their own table."""


def tables_beyond_the_sample() -> list[str]:
    """The comment and target tables holding more rows than the lab's sample (one indexed probe each)."""
    limit = limits.sample_rows()
    models = (*comments_lab.TARGETS, GenericComment, ArcComment, *comments_lab.TABLE_FOR.values())
    return [
        str(m._meta.verbose_name_plural) for m in models if m._default_manager.order_by()[limit : limit + 1].exists()
    ]


def uuid_target_context() -> dict:
    """Section 6: generic comments on a UUID-keyed target, measured now."""
    invoice_number, ways = comments_lab.uuid_ways()
    return {
        "uuid_integer_attempt": comments_lab.integer_column_attempt(),
        "uuid_forms": comments_lab.stored_forms(),
        "uuid_invoice_number": invoice_number,
        "uuid_ways": ways,
        "uuid_designs": comments_lab.design_columns(ways),
    }


def comments_comparison_view(request):
    n, n_error = comments_lab.parse_listing_size(request.GET.get("n"))
    # The deletion runs, the dangling count and the listing's top_up() read whole tables (80 s
    # at a million blogs): above the sample they are skipped here, and the page says so.
    too_big = tables_beyond_the_sample()
    scale_note = (
        f"{', '.join(too_big).capitalize()} hold more than {limits.sample_rows():,} rows (LAB_SAMPLE_ROWS): "
        "the deletion runs, the dangling count and the listing read whole tables, so they are skipped on "
        "this database. Try them on the demo data (manage.py setup_demo on a fresh database)."
        if too_big
        else ""
    )
    return labs.render_lab(
        request,
        "comments-comparison",
        "relations/comments_comparison.html",
        {
            "designs": comments_lab.DESIGNS,
            "reference_by_target": comments_lab.by_target(comments_lab.reference_checks()),
            "arc_check": comments_lab.arc_constraint_check(),
            "deletions": [] if too_big else comments_lab.deletion_runs(),
            "listing": comments_lab.ListingReport(n=n, added={}, results=[])
            if too_big
            else comments_lab.measure_listing(n),
            "plans_by_target": comments_lab.by_target(comments_lab.explain_lookups()),
            "joins": comments_lab.try_joins(),
            "connection_vendor": connection.vendor,
            "dangling_now": None if too_big else comments_lab.dangling_generic_now(),
            "n_error": n_error,
            "listing_max": comments_lab.LISTING_MAX,
            "scale_note": scale_note,
            **uuid_target_context(),
        },
    )


labs.register(
    labs.Lab(
        app_label="relations",
        slug="comments-comparison",
        title="Comments: GenericForeignKey vs its alternatives",
        description=(
            "The same comments stored three ways — a GenericForeignKey, an exclusive arc of foreign keys, "
            "one table per target — compared live: what the database enforces, what a delete leaves behind, "
            "the queries a list costs and the index a lookup uses."
        ),
        view=comments_comparison_view,
        order=50,
        permissions=tuple(
            f"relations.view_{name}"
            for name in (
                "genericcomment",
                "arccomment",
                "blogcomment",
                "authorcomment",
                "photocomment",
                # section 6: comments on integer- and UUID-keyed invoices, in both designs
                "invoicecomment",
                "typedkeycomment",
                "integerkeyedinvoice",
                "uuidkeyedinvoice",
            )
        ),
    )
)
