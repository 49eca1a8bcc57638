"""Admin for the ManyToMany shapes: auto through table, explicit through model, self-M2M."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import Club, Interest, Member, MemberProfile, Membership


class MembershipInline(admin.TabularInline):
    """The through model inline: role and joined date are edited with the relation itself."""

    model = Membership
    fk_name = "club"
    fields = ["member", "role", "joined_on", "invited_by"]
    autocomplete_fields = ["member", "invited_by"]
    extra = 0


class MemberMembershipInline(admin.TabularInline):
    """The same through model seen from the member (fk_name: it has two keys to Member)."""

    model = Membership
    fk_name = "member"
    fields = ["club", "role", "joined_on", "invited_by"]
    autocomplete_fields = ["club", "invited_by"]
    extra = 0


class MemberProfileInline(admin.StackedInline):
    """The one-to-one profile, edited on the member's page."""

    model = MemberProfile
    extra = 0


@admin.register(Interest)
class InterestAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The far side of an auto-created through table."""

    list_display = ["name", "member_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="Members", ordering="member_count")
    def member_count(self, interest):
        return interest.member_count


@admin.register(Member)
class MemberAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Self-M2M both ways (friends symmetrical, following not), interests, profile and memberships inline."""

    list_display = ["name", "has_profile", "interest_count", "friend_count", "follower_count"]
    list_filter = ["interests", "clubs"]
    list_select_related = ["profile"]
    search_fields = ["name"]
    autocomplete_fields = ["interests", "friends", "following"]
    inlines = [MemberProfileInline, MemberMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                interest_count=Count("interests", distinct=True),
                friend_count=Count("friends", distinct=True),
                follower_count=Count("followers", distinct=True),
            )
        )

    @admin.display(description="Profile", boolean=True)
    def has_profile(self, member):
        # Reverse one-to-one: reading member.profile raises when there is none.
        return MemberProfile.of(member) is not None

    @admin.display(description="Interests", ordering="interest_count")
    def interest_count(self, member):
        return member.interest_count

    @admin.display(description="Friends", ordering="friend_count")
    def friend_count(self, member):
        return member.friend_count

    @admin.display(description="Followers", ordering="follower_count")
    def follower_count(self, member):
        return member.follower_count


@admin.register(Club)
class ClubAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """An M2M through a model with extra fields, edited as an inline."""

    list_display = ["name", "member_count"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description="Members", ordering="member_count")
    def member_count(self, club):
        return club.member_count


@admin.register(Membership)
class MembershipAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """The through model on its own: one row per member per club."""

    list_display = ["member", "club", "role", "joined_on", "invited_by"]
    list_filter = ["role", "club"]
    list_select_related = ["member", "club", "invited_by"]
    search_fields = ["member__name", "club__name"]
    autocomplete_fields = ["member", "club", "invited_by"]
