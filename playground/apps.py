from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PlaygroundAdminConfig(admin_apps.AdminConfig):
    """Installs the playground's AdminSite as the default `admin.site`."""

    default = False
    default_site = "playground.admin_site.PlaygroundAdminSite"


class PlaygroundConfig(AppConfig):
    default = True
    name = "playground"
    verbose_name = "Playground: queries, migrations and shared tools"
    # Shown under the app's heading on the admin index: what this lab teaches.
    lab_description = (
        "The ORM under the microscope: recipes with their SQL, query plans, "
        "fetch modes, async ORM and the project's migration history."
    )
    lab_order = 30
