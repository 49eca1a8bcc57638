"""Import and export that every lab's admin shares: spreadsheets in and out, safely.

What django-import-export gives out of the box, and what this module adds:

* **Formats** (``FORMATS``): CSV, XLSX and JSON. CSV and XLSX cells that a spreadsheet
  would execute (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
  prefixed with ``'``; the library's own escaping only strips a leading ``=`` and turns
  every cell into a string. JSON is data, not a spreadsheet: exported as is.
* **A size limit** (``IMPORT_MAX_FILE_BYTES``, 5 MB by default): the whole file is read
  into a ``tablib.Dataset`` and every row is kept in the preview, so memory grows with
  the file; a bigger file is refused on the form before anything is parsed.
* **Columns are checked** (``PlaygroundResource``): a file with an unknown column or
  without a required one is refused as a whole, with the column names, instead of being
  silently half-read.
* **Foreign keys by a natural field, in one query** (``PrefetchedForeignKeyWidget``):
  every value of the column is looked up at once, and an unknown value is a row error
  that names it.
* **Duplicates inside the file** are row errors, not a silent second update.
* **All or nothing**: the confirmed import also rolls back on validation errors (the
  library only does that for the preview), and the admin says so instead of "finished".
* **Quick at 10,000 rows** (``benchmarks/import_csv.py``): the preview lists the first
  rows only, a bulk resource's preview checks rows without writing them, a big import
  gets one history entry, and per-row work the library repeats for every row (field
  order, which columns the file has, integer parsing through ``Decimal``) is done once.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR, Action, ActionLocation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from import_export import resources
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.widgets import DateTimeWidget, ForeignKeyWidget, IntegerWidget, ManyToManyWidget

DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024
DEFAULT_PREVIEW_DIFF_MAX_ROWS = 1000
DEFAULT_LOG_ENTRY_MAX_ROWS = 1000

# OWASP's list for CSV injection: what a spreadsheet treats as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def preview_diff_max_rows() -> int:
    return getattr(settings, "IMPORT_PREVIEW_DIFF_MAX_ROWS", DEFAULT_PREVIEW_DIFF_MAX_ROWS)


def log_entry_max_rows() -> int:
    return getattr(settings, "IMPORT_LOG_ENTRY_MAX_ROWS", DEFAULT_LOG_ENTRY_MAX_ROWS)


def max_import_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_FILE_BYTES", DEFAULT_MAX_IMPORT_BYTES)


def escape_formula(value):
    """``'=1+2`` instead of ``=1+2``; numbers (also negative ones) stay numbers."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


# --- Formats ----------------------------------------------------------------


class _SpreadsheetFormulaEscape:
    """Replaces the library's escaping (run when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on)."""

    def _escape_formulae(self, dataset):
        escaped = [[escape_formula(cell) for cell in row] for row in dataset]
        del dataset[:]
        for row in escaped:
            dataset.append(row)


class CSV(_SpreadsheetFormulaEscape, base_formats.CSV):
    pass


class XLSX(_SpreadsheetFormulaEscape, base_formats.XLSX):
    pass


class JSON(base_formats.JSON):
    def _escape_formulae(self, dataset):
        # Nothing executes JSON: keep numbers, nulls and leading "=" exactly as they are.
        pass


FORMATS = [CSV, XLSX, JSON]


# --- The import form ----------------------------------------------------------


class SizeLimitedImportForm(ImportForm):
    """The admin's import form, refusing a file too big to preview in memory."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = max_import_bytes()
        if upload.size > limit:
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; the admin imports files of at most "
                f"{filesizeformat(limit)} (IMPORT_MAX_FILE_BYTES), because it previews every row in "
                "memory. Split the file, or import it from the command line.",
                code="too_big",
            )
        return upload


# --- Widgets and resources ----------------------------------------------------


class PrefetchedForeignKeyWidget(ForeignKeyWidget):
    """A ForeignKeyWidget that looks every value of its column up in one query.

    ``PlaygroundResource.before_import`` fills the cache; without it (an export, or a
    resource used directly) the widget falls back to one query per row.
    """

    def prefetch(self, values) -> None:
        wanted = {str(v).strip() for v in values if v not in (None, "")}
        self._cache = {}
        chunk = 5000  # stays under SQLite's limit on query parameters
        ordered = sorted(wanted)
        for start in range(0, len(ordered), chunk):
            for obj in self.model._default_manager.filter(**{f"{self.field}__in": ordered[start : start + chunk]}):
                self._cache[str(getattr(obj, self.field))] = obj

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        cache = getattr(self, "_cache", None)
        if cache is None:
            try:
                return super().clean(value, row, **kwargs)
            except self.model.DoesNotExist:
                raise ValueError(self._unknown(value)) from None
        try:
            return cache[str(value).strip()]
        except KeyError:
            raise ValueError(self._unknown(value)) from None

    def _unknown(self, value) -> str:
        return f"No {self.model._meta.verbose_name} with {self.field} {value!r}."


class StrictManyToManyWidget(ManyToManyWidget):
    """ManyToManyWidget that refuses unknown values instead of dropping them silently.

    The library's widget filters ``field__in=[...]``: a misspelt tag simply vanishes from
    the row. Here it is a row error naming the values that were not found.
    """

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        wanted = [v.strip() for v in str(value).split(self.separator) if v.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        known = {str(v) for v in found.values_list(self.field, flat=True)}
        missing = [v for v in wanted if v not in known]
        if missing:
            raise ValueError(f"No {self.model._meta.verbose_name} with {self.field} {', '.join(map(repr, missing))}.")
        return found


class ISODateTimeWidget(DateTimeWidget):
    """DATETIME_INPUT_FORMATS as the library reads them, plus ISO 8601 (``2025-03-04T12:00:00+02:00``).

    JSON exports and most other systems write ISO 8601, which the library's formats
    (``%Y-%m-%d %H:%M:%S``…) refuse.
    """

    def clean(self, value, row=None, **kwargs):
        # ISO first: one regex, where the library tries strptime() format after format.
        if isinstance(value, str) and value.strip():
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:  # well-formed but impossible, e.g. month 13
                parsed = None
            if parsed is not None:
                return timezone.make_aware(parsed) if settings.USE_TZ and timezone.is_naive(parsed) else parsed
        return super().clean(value, row, **kwargs)


class PlainIntegerWidget(IntegerWidget):
    """The library's IntegerWidget with a fast path for what files almost always hold: ``42``.

    The library parses every number through localisation (``sanitize_separators``) and
    ``Decimal``: right for ``1.234,5`` and ``4e3``, a twentieth of a 10,000-row import for
    plain digits. Anything but plain ASCII digits still goes the library's way.
    """

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            digits = value.strip()
            if digits.isascii() and digits.removeprefix("-").isdigit() and len(digits) <= 18:
                return int(digits)
        elif isinstance(value, int) and not isinstance(value, bool):
            return value
        return super().clean(value, row, **kwargs)


INTEGER_FIELDS = [name for name, widget in resources.ModelResource.WIDGETS_MAP.items() if widget is IntegerWidget]


class ImportColumnsError(ValueError):
    """The file's header row does not fit the resource: nothing is imported."""


class PlaygroundResource(resources.ModelResource):
    """A ModelResource that refuses bad files as a whole and reports bad rows one by one."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **dict.fromkeys(INTEGER_FIELDS, PlainIntegerWidget),
        "DateTimeField": ISODateTimeWidget,
    }

    class Meta:
        # full_clean() on every row: an invalid email or a too-long title is a row error
        # with the field's own message, not a database error halfway through.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def required_columns(self) -> list[str]:
        """Columns without which a new row could not be valid (no default, not blank)."""
        required = []
        for name, field in self.fields.items():
            if name in self.get_import_id_fields() or not field.attribute or field.readonly:
                continue
            try:
                model_field = self._meta.model._meta.get_field(field.attribute)
            except FieldDoesNotExist:  # a computed column
                continue
            if model_field.many_to_many or model_field.blank or model_field.null or model_field.has_default():
                continue
            required.append(field.column_name)
        return required

    def get_import_fields(self):
        # The library works the field order out again for every row of every import; within
        # one import it cannot change (before_import starts each import afresh).
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    _import_fields = None
    _row_fields = None

    def import_instance(self, instance, row, **kwargs):
        """The library's loop over the fields, minus what the header row already settled.

        The library asks, for every field of every row, whether it has an attribute and a
        column in this file (and builds a debug message when not); every row of a file has
        the same columns (the header row's, as written), so the first row settles it. A
        resource that overrides ``import_field`` keeps the library's loop.
        """
        if type(self).import_field is not resources.ModelResource.import_field:
            return super().import_instance(instance, row, **kwargs)
        if self._row_fields is None:
            self._row_fields = [
                field
                for field in self.get_import_fields()
                if field.attribute and field.column_name in row and not isinstance(field.widget, ManyToManyWidget)
            ]
        errors = {}
        for field in self._row_fields:
            try:
                field.save(instance, row, **kwargs)
            except ValueError as e:
                errors[field.attribute] = ValidationError(force_str(e), code="invalid")
        if errors:
            raise ValidationError(errors)

    # The dry run (the admin's preview) writes each row and rolls back, so that save(), the
    # signals and the database itself have their say. A bulk resource has no save() or
    # signals to run, so its preview can stop after the widgets and full_clean(): the
    # INSERTs would only be rolled back (they were a third of a 10,000-row preview), and a
    # database error at confirm still rolls back the whole import.
    preview_writes_rows = True

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run and not self.preview_writes_rows:
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run and not self.preview_writes_rows:
            self.update_instances.clear()
            return
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)

    def before_import(self, dataset, **kwargs):
        self._import_fields = self._row_fields = None
        headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
        if dataset.headers:
            # "views " is the views column: the rows are keyed by these names from here on.
            dataset.headers = headers
        known = {field.column_name for field in self.get_import_fields()}
        unknown = [h for h in headers if h not in known]
        missing = [c for c in self.required_columns() if c not in headers]
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            problems.append(f"missing required column(s) {', '.join(map(repr, missing))}")
        if problems:
            raise ImportColumnsError(
                f"The file does not fit {self._meta.model._meta.verbose_name} rows: {'; '.join(problems)}. "
                f"Expected columns: {', '.join(sorted(known))}. Nothing was imported."
            )
        for field in self.fields.values():
            if isinstance(field.widget, PrefetchedForeignKeyWidget) and field.column_name in headers:
                field.widget.prefetch(dataset[field.column_name])
        self._seen_keys = {}
        if len(dataset) > preview_diff_max_rows() and not self._meta.skip_diff:
            # Nobody reads a before/after of thousands of rows, and computing it is a third of
            # the import's time: a long file's preview lists each row's outcome and errors only.
            self._meta = copy.copy(self._meta)
            self._meta.skip_diff = True
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """As the library does, but without full_clean()'s one SELECT per row and foreign key.

        The prefetching widgets have just read the rows those keys point at, so checking
        their existence again is skipped; everything else (formats, lengths, unique) is checked.
        """
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            prefetched = self._prefetched_fk_attributes
            resolved = {name for name in prefetched if getattr(instance, f"{name}_id", None) is not None}
            # A new row whose only unique field is its (not yet assigned) primary key has
            # nothing to check: skip the per-row work of finding that out.
            validate_unique = validate_unique and (instance.pk is not None or self._has_unique_beyond_pk)
            try:
                instance.full_clean(exclude=set(errors) | resolved, validate_unique=validate_unique)
            except ValidationError as err:
                errors = err.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @cached_property
    def _prefetched_fk_attributes(self) -> list[str]:
        return [f.attribute for f in self.fields.values() if isinstance(f.widget, PrefetchedForeignKeyWidget)]

    @cached_property
    def _has_unique_beyond_pk(self) -> bool:
        try:
            unique_checks, date_checks = self._meta.model()._get_unique_checks()
        except Exception:  # noqa: BLE001 — a model that cannot be built bare: always validate
            return True
        return bool(date_checks) or any(fields != (model._meta.pk.name,) for model, fields in unique_checks)

    @cached_property
    def _id_fields(self) -> list:
        return [self.fields[name] for name in self.get_import_id_fields() if name in self.fields]

    def before_import_row(self, row, **kwargs):
        id_fields = self._id_fields
        if id_fields and all(f.column_name in row for f in id_fields):
            key = tuple(str(row[f.column_name]).strip().lower() for f in id_fields)
            if any(key):
                number = kwargs.get("row_number")
                first = self._seen_keys.setdefault(key, number)
                if first != number:
                    columns = ", ".join(f.column_name for f in id_fields)
                    raise ValidationError(
                        {id_fields[0].attribute: f"{columns} {row[id_fields[0].column_name]!r} is also on row {first}."}
                    )
        super().before_import_row(row, **kwargs)


# --- The admin ------------------------------------------------------------------


class DataIOAdminMixin(ImportMixin, ExportActionMixin):
    """Import (dry run, then confirm) and export (button, change form and action) on a ModelAdmin.

    Permissions come from settings: IMPORT_EXPORT_IMPORT_PERMISSION_CODE ("add") and
    IMPORT_EXPORT_EXPORT_PERMISSION_CODE ("view").
    """

    import_formats = FORMATS
    export_formats = FORMATS
    # Both buttons on the changelist (each shown only with its permission).
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_form_class = SizeLimitedImportForm
    import_template_name = "labkit/admin/import.html"

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
        if isinstance(e, UnicodeDecodeError):
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
