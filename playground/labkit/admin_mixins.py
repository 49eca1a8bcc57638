"""Admin mixins any lab's ModelAdmin can use.

``DeletePreviewMixin`` adds the truthful delete preview (``playground.labkit.deletion``)
to both delete confirmation pages, beside Django's own list:

    @admin.register(Parent)
    class ParentAdmin(DeletePreviewMixin, admin.ModelAdmin):
        ...

It previews exactly what the admin will run on "Yes, I'm sure": ``delete_model()``
for one object and ``delete_queryset()`` for the "delete selected" action, and draws the
same report as the delete's blast radius (``playground.labkit.deletion.blast_radius``).

``RowDeleteLinkMixin`` puts a "delete" link on every changelist row, so that the confirmation
page (and its preview) is two clicks from the index's list instead of three.

A delete the database refuses at COMMIT (a DO_NOTHING reference left behind: Django's
foreign keys are checked at COMMIT) ends in an error message on the same page, not in
a server error; the "deleted successfully" message Django queued before the COMMIT is
dropped, since nothing was deleted.
"""

import dataclasses

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import quote
from django.db import IntegrityError, router, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from playground.labkit.admin_races import RaceSafeMixin
from playground.labkit.capture import run
from playground.labkit.deletion import blast_radius, preview_instance_delete, preview_queryset_delete

ASKED_NAMES = 3  # rows named in the blast radius's root box when the delete is refused

_HELD = "_labkit_messages_held_until_commit"


def commit_or_message(modeladmin, request, view):
    """Run ``view()`` in a transaction; if its COMMIT fails, say so and return to the same page."""
    held = []
    setattr(request, _HELD, held)
    try:
        with transaction.atomic(using=router.db_for_write(modeladmin.model)):
            response = view()
    except IntegrityError as err:
        delattr(request, _HELD)
        modeladmin.message_user(
            request, f"Nothing was deleted: the database refused it at COMMIT ({err}).", messages.ERROR
        )
        return HttpResponseRedirect(request.get_full_path())
    delattr(request, _HELD)
    for args, kwargs in held:
        modeladmin.message_user(request, *args, **kwargs)
    return response


def delete_selected_with_preview(modeladmin, request, queryset):
    """Django's delete_selected action, with the preview added to its confirmation page."""
    if request.POST.get("post"):  # "Yes, I'm sure"
        return commit_or_message(modeladmin, request, lambda: delete_selected(modeladmin, request, queryset))
    response = delete_selected(modeladmin, request, queryset)
    # None means the deletion was confirmed and done; only the confirmation page gets a preview.
    if isinstance(response, TemplateResponse):
        report = preview_queryset_delete(queryset, delete=lambda qs: modeladmin.delete_queryset(request, qs))
        response.context_data["delete_preview"] = report
        # Django's own listing has already read the selected rows: these reuse them.
        asked = [str(obj) for obj in queryset[:ASKED_NAMES]]
        response.context_data["delete_diagram"] = blast_radius(report, asked, queryset.count())
    return response


delete_selected_with_preview.allowed_permissions = delete_selected.allowed_permissions
delete_selected_with_preview.short_description = delete_selected.short_description
if hasattr(delete_selected, "locations"):
    delete_selected_with_preview.locations = delete_selected.locations


class DeletePreviewMixin(RaceSafeMixin):
    """Delete confirmation pages that show what the delete really does (rolled back).

    A delete the database refuses after all (a race, a DO_NOTHING child) is a message,
    not a 500 (``RaceSafeMixin``).
    """

    delete_confirmation_template = "labkit/admin/delete_confirmation.html"
    delete_selected_confirmation_template = "labkit/admin/delete_selected_confirmation.html"

    def get_deleted_objects(self, objs, request):
        # Django's own list runs the on_delete handlers to collect; SET(callable) calls the
        # callable then, and a get_or_create sentinel (the documented pattern) would be
        # INSERTed by merely opening the confirmation page. Roll that back too.
        listing = run(
            lambda: super(DeletePreviewMixin, self).get_deleted_objects(objs, request), check_constraints=False
        )
        if listing.exception is not None:
            raise listing.exception
        return listing.result

    def delete_view(self, request, object_id, extra_context=None):
        view = super().delete_view
        if request.method != "POST":
            return view(request, object_id, extra_context)
        return commit_or_message(self, request, lambda: view(request, object_id, extra_context))

    def message_user(self, request, *args, **kwargs):
        held = getattr(request, _HELD, None)
        if held is not None:  # inside commit_or_message: said only once the COMMIT succeeded
            held.append((args, kwargs))
            return
        super().message_user(request, *args, **kwargs)

    def render_delete_form(self, request, context):
        obj = context.get("object")
        if obj is not None:
            report = preview_instance_delete(obj, delete=lambda target: self.delete_model(request, target))
            context["delete_preview"] = report
            context["delete_diagram"] = blast_radius(report, [str(obj)], 1)
        return super().render_delete_form(request, context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            actions["delete_selected"] = dataclasses.replace(
                actions["delete_selected"], func=delete_selected_with_preview
            )
        return actions


class RowDeleteLinkMixin:
    """A "delete" column on the changelist, for users who may delete: the lesson is the delete page."""

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if self.has_delete_permission(request):
            display.append("delete_link")
        return display

    @admin.display(description="Delete")
    def delete_link(self, obj):
        opts = self.model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_delete", args=[quote(obj.pk)], current_app=self.admin_site.name
        )
        return format_html('<a class="deletelink row-delete" href="{}">delete</a>', url)
