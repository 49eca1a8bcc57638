"""The admin's delete preview: the report of the very delete "Yes, I'm sure" would run.

``DeletePreviewMixin`` (``playground.labkit.admin_mixins``) calls these with the admin's
own ``delete_model`` / ``delete_queryset``; the template
``labkit/includes/delete_preview.html`` renders the ``DeleteReport`` they return.
Receivers connected to pre/post_delete are *not* called: a rollback cannot undo what
they do outside the database. They stay connected, so Django takes exactly the code
path (and sends exactly the SQL) of the real delete.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.db import models, router

from playground.labkit.deletion.observe import observe_delete
from playground.labkit.deletion.report import DeleteReport


def preview_instance_delete(
    obj: models.Model, delete: Callable[[models.Model], Any] | None = None, **kw
) -> DeleteReport:
    """Report ``obj.delete()`` (or ``delete(copy_of_obj)``); ``obj`` itself is left untouched."""
    # Django clears the pk of what it deletes, even when the transaction is rolled back.
    target = copy.copy(obj)
    action = (lambda: delete(target)) if delete else target.delete
    return observe_delete(action, type(obj), using=obj._state.db or router.db_for_write(type(obj)), **kw)


def preview_queryset_delete(
    queryset: models.QuerySet, delete: Callable[[models.QuerySet], Any] | None = None, **kw
) -> DeleteReport:
    """Report ``queryset.delete()`` (or ``delete(queryset)``)."""
    target = queryset._chain()
    action = (lambda: delete(target)) if delete else target.delete
    return observe_delete(action, queryset.model, using=queryset.db, **kw)
