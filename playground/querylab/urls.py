"""Async lab pages, outside the admin's URLs (admin_view() does not keep a view async)."""

from django.urls import path

from playground.querylab import async_views

app_name = "querylab-async"

urlpatterns = [
    path("", async_views.listing, name="listing"),
    path("compare/", async_views.compare, name="compare"),
    path("writes/", async_views.writes, name="writes"),
]
