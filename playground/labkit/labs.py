"""The registry of lab pages: admin views that each lab adds to the admin index.

An app registers its pages from its admin.py:

    labs.register(Lab(app_label="relations", slug="ondelete-matrix",
                      title="on_delete matrix", description="...", view=matrix_view,
                      permissions=("relations.view_parent",)))

Every lab declares the permissions it needs (``register`` refuses one that does not):
a read-only lab needs view permission on the models it shows, a lab that commits writes
or holds many connections needs ``labkit.run_writing_labs`` (``WRITING_LABS``). ``()``
is a declaration too: staff only, for a page that shows no rows.

The admin site serves each at /admin/labs/<slug>/ (URL name ``admin:lab-<slug>``)
through ``guarded(lab)`` — staff only (``admin_view``), the lab's permissions (403
otherwise), inside ``limits.statement_timeout()`` — and lists on the index only the labs
the user may open.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from playground.labkit import limits

WRITING_LABS = "labkit.run_writing_labs"


@dataclass(frozen=True)
class Lab:
    app_label: str
    slug: str
    title: str
    description: str
    view: Callable
    order: int = 100
    # Permissions the user needs, all of them; None means "not declared", which register() refuses.
    permissions: tuple[str, ...] | None = None

    @property
    def url_name(self) -> str:
        return f"lab-{self.slug}"

    def allows(self, user) -> bool:
        return bool(user.is_active and user.is_staff and user.has_perms(self.permissions or ()))


_labs: dict[str, Lab] = {}


def register(lab: Lab) -> Lab:
    if lab.permissions is None:
        raise ValueError(f"Lab {lab.slug!r} declares no permissions: say what it needs (or () for staff only).")
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


def get(slug: str) -> Lab:
    return _labs[slug]


def allowed_labs(user) -> list[Lab]:
    return [lab for lab in all_labs() if lab.allows(user)]


def guarded(lab: Lab) -> Callable:
    """The lab's view behind its permissions, inside the lab-wide statement timeout."""

    @functools.wraps(lab.view)
    def view(request, *args, **kwargs):
        if not lab.allows(request.user):
            raise PermissionDenied(f"This lab needs: {', '.join(lab.permissions) or 'staff status'}.")
        try:
            with limits.statement_timeout():
                return lab.view(request, *args, **kwargs)
        except DatabaseError as err:
            if not limits.is_statement_timeout(err):
                raise
            return render_lab(request, lab.slug, "labkit/lab_base.html", {"lab_stopped": limits.timeout_message()})

    return view


def guarded_async(lab_slug: str, extra_permissions: Iterable[str] = ()) -> Callable:
    """``guarded`` for an async view served outside the admin (use under ``staff_member_required``)."""

    def decorate(async_view):
        @functools.wraps(async_view)
        async def view(request, *args, **kwargs):
            lab, user = _labs[lab_slug], await request.auser()
            needed = (*(lab.permissions or ()), *extra_permissions)
            if not await sync_to_async(lambda: lab.allows(user) and user.has_perms(needed))():
                raise PermissionDenied(f"This page needs: {', '.join(needed) or 'staff status'}.")
            # The async ORM runs its queries in one thread per request: set the timeout there.
            timeout = limits.statement_timeout()
            await sync_to_async(timeout.__enter__)()
            try:
                return await async_view(request, *args, **kwargs)
            except DatabaseError as err:
                if not limits.is_statement_timeout(err):
                    raise
                context = {"lab_stopped": limits.timeout_message()}
                return await sync_to_async(render_lab)(request, lab_slug, "labkit/lab_base.html", context)
            finally:
                await sync_to_async(timeout.__exit__)(None, None, None)

        return view

    return decorate


def render_lab(request, lab_slug: str, template: str, context: dict | None = None) -> TemplateResponse:
    """Render a lab page inside the admin: site context, title, breadcrumbs to its app, its bounds."""
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
        "lab_limits": limits.describe(),
        **(context or {}),
    }
    return TemplateResponse(request, template, full_context)
