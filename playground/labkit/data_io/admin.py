"""DataIOAdminMixin: import and export in a ModelAdmin, all or nothing, with a size limit."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR, Action, ActionLocation
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ExportActionMixin, ImportMixin

from playground.labkit.data_io.formats import (
    FORMATS,
    SizeLimitedImportForm,
    log_entry_max_rows,
    preview_diff_max_rows,
)
from playground.labkit.data_io.reading import ImportLimitError
from playground.labkit.data_io.storage import ExpiredImportFile, ExpiringTempFolderStorage

# --- The admin ------------------------------------------------------------------


class DataIOAdminMixin(ImportMixin, ExportActionMixin):
    """Import (dry run, then confirm) and export (button, change form and action) on a ModelAdmin.

    The import page needs add, change or delete permission; each row then needs its own
    (``PlaygroundResource``: creating needs add, updating change, deleting delete).
    Exporting needs IMPORT_EXPORT_EXPORT_PERMISSION_CODE ("view").
    """

    import_formats = FORMATS
    export_formats = FORMATS
    # Both buttons on the changelist (each shown only with its permission).
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_form_class = SizeLimitedImportForm
    import_template_name = "labkit/admin/import.html"
    tmp_storage_class = ExpiringTempFolderStorage

    @property
    def import_error_display(self):
        # Tracebacks name server paths and code: for the developer at DEBUG only.
        return ("message", "row", "traceback") if settings.DEBUG else ("message", "row")

    def has_import_permission(self, request):
        # Any write permission opens the page; each row is then checked against its own.
        opts = self.opts
        return any(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("add", "change", "delete")
        )

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except ExpiredImportFile:
            self.message_user(
                request,
                "The previewed file is no longer kept (previews expire after an hour, "
                "IMPORT_TMP_MAX_AGE_SECONDS). Upload it again; nothing was imported.",
                level=messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = (getattr(response, "context_data", None) or {}).get("result")
        if result is not None:
            # Every row was checked; listing thousands of them only slows the page down.
            rows, limit = result.valid_rows(), preview_diff_max_rows()
            totals = result.totals
            summary = (
                f"{totals['new']:,} new, {totals['update']:,} updated, {totals['skip']:,} unchanged, "
                f"{totals['delete']:,} deleted."
            )
            if len(rows) > limit:
                hidden = len(rows) - limit
                summary += f" Showing the first {limit:,} rows; {hidden:,} more were checked and are not listed."
            response.context_data.update(preview_rows=rows[:limit], preview_summary=summary)
        return response

    def generate_log_entries(self, result, request):
        # One history entry per imported row, as the library writes them, up to
        # IMPORT_LOG_ENTRY_MAX_ROWS; above it one entry for the whole import: 10,000 entries
        # cost a third of the confirm and bury "Recent actions".
        totals = result.totals
        changed = totals["new"] + totals["update"] + totals["delete"]
        if changed <= log_entry_max_rows() or self.get_skip_admin_log():
            return super().generate_log_entries(result, request)
        if totals["update"] or (totals["new"] and totals["delete"]):
            action_flag = CHANGE
        else:
            action_flag = ADDITION if totals["new"] else DELETION
        LogEntry.objects.create(
            user_id=request.user.pk,
            content_type=ContentType.objects.get_for_model(self.model),
            object_repr=f"{changed:,} {self.model._meta.verbose_name_plural} imported",
            action_flag=action_flag,
            change_message=(
                f"Imported through import_export: {totals['new']:,} new, {totals['update']:,} updated, "
                f"{totals['skip']:,} unchanged, {totals['delete']:,} deleted."
            ),
        )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # import-export's get_actions() predates Django 6.1's action_location (and warns on
        # every page); add its export action here as a proper Action, on the changelist only.
        actions = admin.ModelAdmin.get_actions(self, request, action_location=action_location)
        offered = (
            action_location == ActionLocation.CHANGE_LIST
            and self.actions is not None
            and IS_POPUP_VAR not in request.GET
            and self.has_export_permission(request)
        )
        if offered:
            description = "Export selected %(verbose_name_plural)s"
            actions["export_admin_action"] = Action(
                func=type(self).export_admin_action,
                name="export_admin_action",
                description=description,
                plural_description=description,
                locations=[ActionLocation.CHANGE_LIST],
            )
        return actions

    def get_valid_export_item_pks(self, request):
        # The library lists every pk of the table to validate the selection (a million at
        # scale); only the pks the action posted need checking.
        posted = request.POST.getlist("export_items")
        return self.get_export_queryset(request).filter(pk__in=posted).values_list("pk", flat=True)

    def add_data_read_fail_error_to_form(self, form, e):
        # The library says only "'UnicodeDecodeError' encountered while trying to read file".
        if isinstance(e, ImportLimitError):
            message = str(e)
        elif isinstance(e, UnicodeDecodeError):
            message = (
                f"The file is not UTF-8 text (byte 0x{e.object[e.start]:02x} at position {e.start} is not valid "
                'UTF-8). Save it as UTF-8 (Excel: "CSV UTF-8") and upload it again. Nothing was imported.'
            )
        else:
            fmt = form.cleaned_data.get("format")
            title = self.get_import_formats()[int(fmt)]().get_title().upper() if fmt not in (None, "") else "the format"
            message = (
                f"This file cannot be read as {title} ({type(e).__name__}: {e}). Check that it is a {title} file "
                "and that the format chosen matches it. Nothing was imported."
            )
        form.add_error("import_file", message)

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        # The library passes this only to the preview. The confirmed import needs it most:
        # rows may have become invalid since the preview (someone took that email meanwhile).
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            bad_rows = len(result.invalid_rows) + len(result.row_errors())
            detail = "; ".join(str(e.error) for e in result.base_errors[:3])
            self.message_user(
                request,
                f"Import rolled back, nothing was changed: {bad_rows} row(s) failed since the preview."
                + (f" {detail}" if detail else ""),
                level=messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
