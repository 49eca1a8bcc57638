"""The custom user model in the admin, exactly as Django's own UserAdmin shows auth.User."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from playground.labkit.admin_mixins import DeletePreviewMixin
from playground.users.models import User


@admin.register(User)
class UserAdmin(DeletePreviewMixin, DjangoUserAdmin):
    """Demonstrates a custom user model in Django's UserAdmin; deleting one previews the SET_NULL on reviewed blogs."""
