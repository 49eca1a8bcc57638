"""Admin for the constraint models: each changelist shows its constraint's DDL, each form its violation."""

from django.contrib import admin
from django.db import connection

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.constraints_lab import constraint_ddl
from relations.models import LeaderboardEntry, ParkingPermit, Post, RoomBooking, Stay


class ConstraintAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The model's Meta.constraints as this database writes them, above the list."""

    change_list_template = "admin/relations/constraint_change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra = {"constraint_ddl": constraint_ddl(self.model), "connection_vendor": connection.vendor}
        return super().changelist_view(request, {**(extra_context or {}), **extra})


@admin.register(Post)
class PostAdmin(ConstraintAdmin):
    """Publish a second post with the same slug: the form says no; drafts may share it."""

    list_display = ["slug", "title", "published"]
    list_filter = ["published"]
    search_fields = ["slug", "title"]


@admin.register(ParkingPermit)
class ParkingPermitAdmin(ConstraintAdmin):
    """A second every-zone (empty zone) permit for a plate collides: NULLs are not distinct here."""

    list_display = ["plate", "zone"]
    search_fields = ["plate"]


@admin.register(LeaderboardEntry)
class LeaderboardEntryAdmin(ConstraintAdmin):
    """One rank per player; the database checks it at COMMIT (deferred), so a swap can pass through a tie."""

    list_display = ["rank", "player"]
    search_fields = ["player"]


@admin.register(Stay)
class StayAdmin(ConstraintAdmin):
    """A stay ending before it starts is refused by a CheckConstraint across the two dates."""

    list_display = ["guest", "starts_on", "ends_on"]
    search_fields = ["guest"]


# RoomBooking's table exists on PostgreSQL only (Meta.required_db_vendor), so its admin does too.
if connection.vendor == RoomBooking._meta.required_db_vendor:

    @admin.register(RoomBooking)
    class RoomBookingAdmin(ConstraintAdmin):
        """An overlapping booking of the same room is refused by the exclusion constraint."""

        list_display = ["room", "during"]
        list_filter = ["room"]
        search_fields = ["room"]
