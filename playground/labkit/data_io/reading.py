"""Reading an uploaded file into a Dataset without letting a small file grow without limit.

The size limit on the upload (``IMPORT_MAX_FILE_BYTES``) is checked on the file as sent;
an XLSX file is a zip archive, and a 37 KB one can hold 100,000 rows (a 95 s preview,
1.27 GB of memory, measured). So each reader counts while it reads and stops at the first
row over ``IMPORT_MAX_ROWS``, before any dataset is built from what it read:

* **XLSX**: the archive's declared uncompressed size is checked first
  (``IMPORT_MAX_UNCOMPRESSED_BYTES``), then the sheet is streamed row by row
  (openpyxl ``read_only``), never loaded whole;
* **CSV**: read line by line with the ``csv`` module;
* **JSON**: parsed (the upload limit bounds it) and its row count checked before the
  dataset is filled.

Cells of CSV and XLSX files also lose the ``'`` that the export put before a would-be
formula (``unescape_formula``): an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat

DEFAULT_MAX_ROWS = 50_000
DEFAULT_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024

# OWASP's list for CSV injection: what a spreadsheet treats as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ImportLimitError(ValueError):
    """The file holds more than the admin imports at once: nothing was read into a dataset."""


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_uncompressed_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES)


def _too_many_rows(limit: int) -> ImportLimitError:
    return ImportLimitError(
        f"This file has more than {limit:,} rows; the admin imports at most {limit:,} rows at once "
        "(IMPORT_MAX_ROWS). Split the file, or import it from a script with the resource in bulk mode. "
        "Nothing was imported."
    )


# --- Formula escaping, both ways --------------------------------------------------------


def _is_formula(value: str) -> bool:
    if not value.startswith(FORMULA_PREFIXES):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False  # -42, +1.5: numbers stay numbers


def _looks_escaped(value: str) -> bool:
    return value.startswith("'") and _is_formula(value.lstrip("'"))


def escape_formula(value):
    """``'=1+2`` instead of ``=1+2``; numbers (also negative ones) stay numbers.

    A value that already looks escaped (``'=x``) gets one more ``'``, so that
    ``unescape_formula`` can always give back exactly what was exported.
    """
    if isinstance(value, str) and (_is_formula(value) or _looks_escaped(value)):
        return "'" + value
    return value


def unescape_formula(value):
    """The inverse of ``escape_formula``: ``unescape_formula(escape_formula(v)) == v`` for every v."""
    if isinstance(value, str) and _looks_escaped(value):
        return value[1:]
    return value


# --- Readers --------------------------------------------------------------------------------


def read_csv(text: str) -> tablib.Dataset:
    limit = max_rows()
    reader = csv.reader(io.StringIO(text, newline=""))
    headers = next(reader, None)
    rows = []
    for row in reader:
        if len(rows) >= limit:
            raise _too_many_rows(limit)
        rows.append([unescape_formula(cell) for cell in row])
    return _dataset(headers, rows)


def read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl

    limit, byte_limit = max_rows(), max_uncompressed_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise ValueError(f"not an XLSX file ({err})") from err
    with archive:
        # The sizes the archive declares; _count_rows reads at most that much per sheet.
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > byte_limit:
            raise ImportLimitError(
                f"This XLSX file unpacks to {filesizeformat(unpacked)}; the admin reads at most "
                f"{filesizeformat(byte_limit)} (IMPORT_MAX_UNCOMPRESSED_BYTES). Nothing was imported."
            )
        # openpyxl needs seconds for 50,000 rows; counting <row> tags in the XML takes milliseconds.
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                _count_rows(archive, name, limit)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.active
        values = sheet.iter_rows(values_only=True)
        headers = next(values, None)
        rows = []
        for row in values:
            if len(rows) >= limit:
                raise _too_many_rows(limit)
            rows.append([unescape_formula(cell) for cell in row])
    finally:
        book.close()
    return _dataset(list(headers) if headers else None, rows)


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")


def _count_rows(archive: zipfile.ZipFile, name: str, limit: int) -> None:
    """Stream one worksheet's XML and stop at the first row over the limit (header row included)."""
    rows, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            rows += len(_ROW_TAG.findall(window))
            # Keep the end of the window: a tag cut in two is counted with the next chunk,
            # and one found whole in the kept part is not counted twice.
            cut = max(0, len(window) - 32)
            cut = window.rfind(b"<", cut) if window.rfind(b"<", cut) != -1 else len(window)
            rows -= len(_ROW_TAG.findall(window[cut:]))
            tail = window[cut:]
            if rows - 1 > limit:
                raise _too_many_rows(limit)


def read_json(text: str) -> tablib.Dataset:
    limit = max_rows()
    data = json.loads(text)
    if isinstance(data, list) and len(data) > limit:
        raise _too_many_rows(limit)
    return tablib.import_set(text, format="json")


def _dataset(headers, rows) -> tablib.Dataset:
    """As tablib's CSV reader builds it: empty lines skipped, short rows padded (a long one is an error)."""
    dataset = tablib.Dataset()
    if headers is None:
        return dataset
    dataset.headers = list(headers)
    width = len(dataset.headers)
    for row in rows:
        if not row or all(cell is None for cell in row):
            continue
        dataset.append(list(row) + [""] * (width - len(row)) if len(row) < width else row)
    return dataset
