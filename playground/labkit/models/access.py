"""Permissions that belong to no lesson: who may run the lab pages that commit or hold many connections.

A custom permission needs a model to hang on. ``LabAccess`` is that model and nothing
else: unmanaged (no table), without Django's add/change/delete/view permissions. Its one
permission reads ``labkit.run_writing_labs`` wherever it is checked, in the toolkit that
owns the lab registry, rather than ``users.…`` on the user model, which is a lesson of
its own (and which the toolkit may not import).
"""

from django.db import models


class LabAccess(models.Model):
    """Demonstrates a custom permission on an unmanaged model with no table and no default permissions."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("run_writing_labs", "Can run labs that write or hold many connections"),
        ]
        verbose_name = "lab access"
        verbose_name_plural = "lab access"

    def __str__(self) -> str:
        return "lab access"
