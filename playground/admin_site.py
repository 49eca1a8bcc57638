"""The playground's AdminSite: its own header, the index grouped per lab and by topic, lab pages."""

import django
from django.apps import apps
from django.contrib import admin
from django.urls import Resolver404, get_urlconf, path, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import cache_page

from playground.labkit import labs


class PlaygroundAdminSite(admin.AdminSite):
    site_header = "Django ORM Playground"
    site_title = "ORM Playground"
    index_title = "Labs: click, delete, compare — and read the SQL"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._superuser_app_lists = {}

    def get_urls(self):
        # Staff only (admin_view), then the lab's own permissions and bounds (labs.guarded).
        lab_urls = [
            path(f"labs/{lab.slug}/", self.admin_view(labs.guarded(lab)), name=lab.url_name) for lab in labs.all_labs()
        ]
        return lab_urls + super().get_urls()

    # Every change form and changelist loads the admin's JavaScript catalog, which Django
    # builds from the .mo files on each request. It is the same for a given Django version
    # (one language here: no LocaleMiddleware), so it is built once and the browser keeps it
    # for a day, as Django's i18n docs advise. The staff check of admin_view still runs first.
    @method_decorator(cache_page(24 * 60 * 60, key_prefix=f"jsi18n-{django.get_version()}"))
    def i18n_javascript(self, request, extra_context=None):
        return super().i18n_javascript(request, extra_context)

    def get_app_list(self, request, app_label=None):
        user = request.user
        if not (user.is_active and user.is_staff and user.is_superuser):
            return self._lab_app_list(request, app_label)
        try:
            # django-polymorphic's child admins hide from lists shown inside the admin only. The
            # handler has resolved the path already; a request built by hand (tests) has not.
            match = request.resolver_match or resolve(request.path_info)
        except Resolver404:
            return self._lab_app_list(request, app_label)
        inside_admin = match.namespace == self.name
        # An active superuser may do everything, so every superuser's list is the same one. The
        # sidebar asks for it on every admin page, and building it (two reverse() per model)
        # is a tenth of a page's rendering: it is built once per URLconf, language and side.
        key = (app_label, get_urlconf(), get_language(), inside_admin)
        if key not in self._superuser_app_lists:
            self._superuser_app_lists[key] = self._lab_app_list(request, app_label)
        return [{**app, "models": list(app["models"])} for app in self._superuser_app_lists[key]]

    def _lab_app_list(self, request, app_label):
        """Django's app list, with each app's lab pages, description, order and model groups."""
        app_list = super().get_app_list(request, app_label)
        known = {app["app_label"] for app in app_list}
        allowed = labs.allowed_labs(request.user)
        for lab in allowed:
            # An app whose only content is lab pages still gets its box.
            if lab.app_label not in known and (app_label is None or app_label == lab.app_label):
                config = apps.get_app_config(lab.app_label)
                app_list.append(
                    {
                        "name": config.verbose_name,
                        "app_label": lab.app_label,
                        "app_url": "",
                        "has_module_perms": True,
                        "models": [],
                    }
                )
                known.add(lab.app_label)
        for app in app_list:
            config = apps.get_app_config(app["app_label"])
            app["lab_description"] = getattr(config, "lab_description", "")
            app["lab_order"] = getattr(config, "lab_order", 1000)
            app["groups"] = model_groups(app["models"], getattr(config, "admin_groups", ()))
            app["labs"] = [
                {"title": lab.title, "description": lab.description, "url": reverse(f"admin:{lab.url_name}")}
                for lab in allowed
                if lab.app_label == app["app_label"]
            ]
        app_list.sort(key=lambda app: (app["lab_order"], app["name"]))
        return app_list


def model_groups(models: list[dict], declared) -> list[dict]:
    """The app's models under the sub-headings its AppConfig declares (``admin_groups``), in that order.

    A model no group names is listed under "more" at the end, so nothing disappears from the index.
    """
    by_name = {model["object_name"].lower(): model for model in models}
    groups = []
    for title, names in declared:
        members = [by_name.pop(name) for name in names if name in by_name]
        if members:
            groups.append({"title": title, "models": members})
    if by_name:
        groups.append({"title": "more" if groups else "", "models": list(by_name.values())})
    return groups
