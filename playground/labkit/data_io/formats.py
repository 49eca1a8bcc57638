"""Formats, spreadsheet formula escaping, and the size-limited import form."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from import_export.formats import base_formats
from import_export.forms import ImportForm

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
