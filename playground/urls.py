from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

# Admin pages of models that moved app when the project took its current layout: the old
# URLs (bookmarks, links in notes) redirect permanently to the new ones.
MOVED_MODELS = {
    ("playground", "release"): "migrations_lab",
    ("playground", "releasenote"): "migrations_lab",
    ("auth", "user"): "users",
    **{
        ("inheritance", model): "relations"
        for model in ("genericcomment", "arccomment", "blogcomment", "authorcomment", "photocomment", "photo")
    },
}

moved_admin_urls = [
    re_path(
        rf"^admin/{old_app}/{model}/(?P<rest>.*)$",
        RedirectView.as_view(url=f"/admin/{new_app}/{model}/%(rest)s", permanent=True, query_string=True),
    )
    for (old_app, model), new_app in MOVED_MODELS.items()
] + [path("admin/playground/", RedirectView.as_view(pattern_name="admin:index", permanent=True))]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (JSON, the async labs):
    # without it every such page logs a 404 in the console.
    path("favicon.ico", RedirectView.as_view(url=static("labkit/favicon.ico"), permanent=False)),
    *moved_admin_urls,
    path("admin/", admin.site.urls),
    # Async views of the query lab: admin_view() would wrap them in a sync function.
    path("labs/async/", include("playground.querylab.urls")),
]

if settings.DEBUG_TOOLBAR:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()
