"""Admin for the one-to-one profile pattern."""

from django.contrib import admin

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import MemberProfile


@admin.register(MemberProfile)
class MemberProfileAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A OneToOneField: at most one profile per member."""

    list_display = ["member", "website"]
    list_filter = ["member__clubs"]
    list_select_related = ["member"]
    search_fields = ["member__name", "website"]
    autocomplete_fields = ["member"]
