"""Admin mixins any lab's ModelAdmin can use.

``DeletePreviewMixin`` adds the truthful delete preview (``playground.labkit.delete_preview``)
to both delete confirmation pages, beside Django's own list:

    @admin.register(Parent)
    class ParentAdmin(DeletePreviewMixin, admin.ModelAdmin):
        ...

It previews exactly what the admin will run on "Yes, I'm sure": ``delete_model()``
for one object and ``delete_queryset()`` for the "delete selected" action.
"""

import dataclasses

from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import ActionLocation
from django.template.response import TemplateResponse

from playground.labkit.admin_races import RaceSafeMixin
from playground.labkit.capture import run
from playground.labkit.delete_preview import preview_instance_delete, preview_queryset_delete


def delete_selected_with_preview(modeladmin, request, queryset):
    """Django's delete_selected action, with the preview added to its confirmation page."""
    response = delete_selected(modeladmin, request, queryset)
    # None means the deletion was confirmed and done; only the confirmation page gets a preview.
    if isinstance(response, TemplateResponse):
        response.context_data["delete_preview"] = preview_queryset_delete(
            queryset, delete=lambda qs: modeladmin.delete_queryset(request, qs)
        )
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

    def render_delete_form(self, request, context):
        obj = context.get("object")
        if obj is not None:
            context["delete_preview"] = preview_instance_delete(
                obj, delete=lambda target: self.delete_model(request, target)
            )
        return super().render_delete_form(request, context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            actions["delete_selected"] = dataclasses.replace(
                actions["delete_selected"], func=delete_selected_with_preview
            )
        return actions
