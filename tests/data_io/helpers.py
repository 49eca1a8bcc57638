"""Helpers for the data in/out tests: uploading through the real admin views, table snapshots."""

import io

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from playground.labkit.data_io import FORMATS

FORMAT_INDEX = {fmt().get_title(): str(i) for i, fmt in enumerate(FORMATS)}


PROJECT_APPS = ("inheritance", "migrations_lab", "querylab", "relations", "users")


def project_models():
    """Every concrete model of the project's own apps (what fixtures and imports cover)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model._meta.proxy
        # A PostgreSQL-only model (Meta.required_db_vendor) has no table on SQLite.
        and model._meta.can_migrate(connection)
    ]


def snapshot():
    """Every row of every project table, to prove that a failed operation changed nothing."""
    return {model._meta.label: sorted(model._base_manager.values_list(), key=repr) for model in project_models()}


def admin_url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def upload(content, name="data.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content)


def preview(client, model, content, *, name="data.csv", fmt="csv", resource=0):
    """Step 1 of the admin import: upload, get the dry-run preview (a TemplateResponse)."""
    return client.post(
        admin_url(model, "import"),
        {"resource": str(resource), "format": FORMAT_INDEX[fmt], "import_file": upload(content, name)},
    )


def confirm(client, model, preview_response):
    """Step 2: post the confirm form the preview rendered, as the Confirm button does."""
    form = preview_response.context["confirm_form"]
    assert form is not None, "the preview offered no confirm button"
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(admin_url(model, "process_import"), data)


def xlsx_bytes(rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def grant(user, *codenames):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
