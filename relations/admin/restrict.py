"""Admin for the RESTRICT case: delete an Artist (allowed) and an Album (refused)."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit.admin_mixins import DeletePreviewMixin, RowDeleteLinkMixin
from relations.models import Album, Artist, Song


class AlbumInline(admin.TabularInline):
    """An artist's albums (CASCADE from the artist)."""

    model = Album
    extra = 0
    show_change_link = True


class SongInline(admin.TabularInline):
    """An album's songs (RESTRICT to the album, CASCADE to the artist)."""

    model = Song
    fk_name = "album"
    fields = ["title", "artist"]
    autocomplete_fields = ["artist"]
    extra = 0


@admin.register(Artist)
class ArtistAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """The RESTRICT-via-CASCADE delete: allowed, and the preview says why."""

    list_display = ["name", "album_count", "song_count"]
    search_fields = ["name"]
    inlines = [AlbumInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(album_count=Count("albums", distinct=True), song_count=Count("songs", distinct=True))
        )

    @admin.display(description="Albums", ordering="album_count")
    def album_count(self, artist):
        return artist.album_count

    @admin.display(description="Songs", ordering="song_count")
    def song_count(self, artist):
        return artist.song_count


@admin.register(Album)
class AlbumAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """A RESTRICT target: its delete is refused while songs point at it."""

    list_display = ["title", "artist"]
    list_filter = ["artist"]
    list_select_related = ["artist"]
    search_fields = ["title", "artist__name"]
    autocomplete_fields = ["artist"]
    inlines = [SongInline]


@admin.register(Song)
class SongAdmin(RowDeleteLinkMixin, DeletePreviewMixin, admin.ModelAdmin):
    """Two foreign keys with different rules to one delete graph."""

    list_display = ["title", "album", "artist"]
    list_filter = ["artist", "album"]
    list_select_related = ["album", "artist"]
    search_fields = ["title"]
    autocomplete_fields = ["album", "artist"]
