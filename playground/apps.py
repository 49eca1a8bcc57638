from django.contrib.admin import apps as admin_apps


class PlaygroundAdminConfig(admin_apps.AdminConfig):
    """Installs the playground's AdminSite as the default `admin.site` (project configuration, not a lesson)."""

    default = False
    default_site = "playground.admin_site.PlaygroundAdminSite"
