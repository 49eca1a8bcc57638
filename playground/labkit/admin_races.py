"""When two admin users race: the database's refusal becomes a message, not a 500.

Django's admin checks a form against the database, then writes; another user can delete
or edit a row in between (the parent of the child being saved, a child pointing at the
parent being deleted). The database then refuses the write with an ``IntegrityError``
(PostgreSQL's foreign keys are checked at commit), and the admin answers 500. A
``DO_NOTHING`` child makes the same happen without any race. ``RaceSafeMixin`` catches
it around the three views that write — the change form, the delete page and the
changelist's actions — after their transaction was rolled back, says what happened and
sends the user back to the page, recomputed from the current rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect


class RaceSafeMixin:
    """A ModelAdmin whose writes answer an IntegrityError with a message and a fresh page."""

    def _refused(self, request, what: str, error: IntegrityError):
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        self.message_user(
            request,
            f"Nothing was {what}: the database refused it ({first_line}). Another change may have "
            "happened meanwhile (a row deleted, or a new row referring to this one); the page below "
            "shows the rows as they are now.",
            level=messages.ERROR,
        )
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            return self._refused(request, "saved", error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except IntegrityError as error:
            return self._refused(request, "deleted", error)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except IntegrityError as error:
            return self._refused(request, "changed", error)
