"""Admin for the relationship options: follows edited as rows of their through model, labels per child table."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import Bookmark, Follow, Reader, ReadingLabel, ReadingNote


class FollowInline(admin.TabularInline):
    """The readers this one follows: rows of Follow (a through model's M2M cannot be a plain widget)."""

    model = Follow
    fk_name = "follower"
    extra = 0
    autocomplete_fields = ["followed"]


@admin.register(Reader)
class ReaderAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """invited_by has related_name='+': an invited reader's page has no list of invitees to show."""

    list_display = ["name", "invited_by", "following", "followed_by"]
    list_select_related = ["invited_by"]
    search_fields = ["name"]
    autocomplete_fields = ["invited_by"]
    inlines = [FollowInline]

    @admin.display(description="follows")
    def following(self, obj):
        return ", ".join(r.name for r in obj.follows.all()) or "—"

    @admin.display(description="followed by")
    def followed_by(self, obj):
        return ", ".join(r.name for r in obj.followers.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("follows", "followers")


@admin.register(Follow)
class FollowAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """One row per follow, with its date and reason; following oneself is a form error."""

    list_display = ["follower", "followed", "since", "reason"]
    list_select_related = ["follower", "followed"]
    autocomplete_fields = ["follower", "followed"]
    search_fields = ["follower__name", "followed__name", "reason"]


@admin.register(ReadingLabel)
class ReadingLabelAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Reverse names from the abstract base: relations_bookmark_items and relations_readingnote_items."""

    list_display = ["name", "bookmark_count", "note_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        # Counted in the list's own query (one per page, not one per row); distinct because two
        # joins to two join tables multiply each other's rows.
        return (
            super()
            .get_queryset(request)
            .annotate(
                bookmarks=Count("relations_bookmark_items", distinct=True),
                notes=Count("relations_readingnote_items", distinct=True),
            )
        )

    @admin.display(description="bookmarks (relations_bookmark_items)", ordering="bookmarks")
    def bookmark_count(self, obj):
        return obj.bookmarks

    @admin.display(description="notes (relations_readingnote_items)", ordering="notes")
    def note_count(self, obj):
        return obj.notes


@admin.register(Bookmark)
class BookmarkAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """reader.bookmarks comes from Meta.default_related_name."""

    list_display = ["url", "reader"]
    list_select_related = ["reader"]
    filter_horizontal = ["labels"]
    search_fields = ["url"]


@admin.register(ReadingNote)
class ReadingNoteAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The abstract base's M2M again, in this child's own join table."""

    list_display = ["__str__", "reader"]
    list_select_related = ["reader"]
    filter_horizontal = ["labels"]
    search_fields = ["text"]
