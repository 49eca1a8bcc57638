"""The registry of lab pages: admin views that each lab adds to the admin index.

An app registers its pages from its admin.py:

    labs.register(Lab(app_label="relations", slug="ondelete-matrix",
                      title="on_delete matrix", description="...", view=matrix_view))

The admin site serves each at /admin/labs/<slug>/ (URL name ``admin:lab-<slug>``),
wrapped in ``admin_view`` (staff only), and lists it in its app's box on the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Lab:
    app_label: str
    slug: str
    title: str
    description: str
    view: Callable
    order: int = 100

    @property
    def url_name(self) -> str:
        return f"lab-{self.slug}"


_labs: dict[str, Lab] = {}


def register(lab: Lab) -> Lab:
    if lab.slug in _labs and _labs[lab.slug].view is not lab.view:
        raise ValueError(f"A lab with slug {lab.slug!r} is already registered.")
    _labs[lab.slug] = lab
    return lab


def all_labs() -> list[Lab]:
    return sorted(_labs.values(), key=lambda lab: (lab.app_label, lab.order, lab.title))


def app_url(app_label: str) -> str:
    """The app's own admin page, or its box on the index when it has no model to list."""
    try:
        return reverse("admin:app_list", kwargs={"app_label": app_label})
    except NoReverseMatch:
        return f"{reverse('admin:index')}#app-{app_label}"


def render_lab(request, lab_slug: str, template: str, context: dict | None = None) -> TemplateResponse:
    """Render a lab page inside the admin: site context, title, breadcrumbs to its app."""
    from django.apps import apps
    from django.contrib import admin

    lab = _labs[lab_slug]
    app_config = apps.get_app_config(lab.app_label)
    full_context = {
        **admin.site.each_context(request),
        "title": lab.title,
        "lab": lab,
        "app_label": lab.app_label,
        "app_verbose_name": app_config.verbose_name,
        "app_url": app_url(lab.app_label),
        **(context or {}),
    }
    return TemplateResponse(request, template, full_context)
