"""Formats, spreadsheet formula escaping, and the size-limited import form."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from import_export.formats import base_formats
from import_export.forms import ImportForm

from playground.labkit.data_io.reading import escape_formula, read_csv, read_json, read_xlsx

DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024
DEFAULT_PREVIEW_DIFF_MAX_ROWS = 1000
DEFAULT_LOG_ENTRY_MAX_ROWS = 1000


def preview_diff_max_rows() -> int:
    return getattr(settings, "IMPORT_PREVIEW_DIFF_MAX_ROWS", DEFAULT_PREVIEW_DIFF_MAX_ROWS)


def log_entry_max_rows() -> int:
    return getattr(settings, "IMPORT_LOG_ENTRY_MAX_ROWS", DEFAULT_LOG_ENTRY_MAX_ROWS)


def max_import_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_FILE_BYTES", DEFAULT_MAX_IMPORT_BYTES)


# --- Formats ----------------------------------------------------------------


class _SpreadsheetFormulaEscape:
    """Replaces the library's escaping (run when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on)."""

    def _escape_formulae(self, dataset):
        escaped = [[escape_formula(cell) for cell in row] for row in dataset]
        del dataset[:]
        for row in escaped:
            dataset.append(row)


# Each format reads with a row limit (and formula escaping undone): see reading.py.


class CSV(_SpreadsheetFormulaEscape, base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return read_csv(in_stream)


class XLSX(_SpreadsheetFormulaEscape, base_formats.XLSX):
    def create_dataset(self, in_stream):
        return read_xlsx(in_stream)


class JSON(base_formats.JSON):
    def _escape_formulae(self, dataset):
        # Nothing executes JSON: keep numbers, nulls and leading "=" exactly as they are.
        pass

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return read_json(in_stream)


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
