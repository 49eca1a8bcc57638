"""The project URLs plus the debug toolbar's, as playground/urls.py has them with DEBUG on (for tests)."""

from debug_toolbar.toolbar import debug_toolbar_urls

from playground.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, *debug_toolbar_urls()]
