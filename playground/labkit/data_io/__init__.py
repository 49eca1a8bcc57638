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

from playground.labkit.data_io.admin import (
    DataIOAdminMixin,
)
from playground.labkit.data_io.formats import (
    CSV,
    DEFAULT_LOG_ENTRY_MAX_ROWS,
    DEFAULT_MAX_IMPORT_BYTES,
    DEFAULT_PREVIEW_DIFF_MAX_ROWS,
    FORMATS,
    JSON,
    XLSX,
    SizeLimitedImportForm,
    log_entry_max_rows,
    max_import_bytes,
    preview_diff_max_rows,
)
from playground.labkit.data_io.reading import (
    FORMULA_PREFIXES,
    ImportLimitError,
    escape_formula,
    unescape_formula,
)
from playground.labkit.data_io.resources import (
    ImportColumnsError,
    PlaygroundResource,
)
from playground.labkit.data_io.widgets import (
    INTEGER_FIELDS,
    ISODateTimeWidget,
    PlainIntegerWidget,
    PrefetchedForeignKeyWidget,
    StrictManyToManyWidget,
)

__all__ = [
    "CSV",
    "DEFAULT_LOG_ENTRY_MAX_ROWS",
    "DEFAULT_MAX_IMPORT_BYTES",
    "DEFAULT_PREVIEW_DIFF_MAX_ROWS",
    "FORMATS",
    "FORMULA_PREFIXES",
    "JSON",
    "SizeLimitedImportForm",
    "XLSX",
    "escape_formula",
    "unescape_formula",
    "ImportLimitError",
    "log_entry_max_rows",
    "max_import_bytes",
    "preview_diff_max_rows",
    "INTEGER_FIELDS",
    "ISODateTimeWidget",
    "PlainIntegerWidget",
    "PrefetchedForeignKeyWidget",
    "StrictManyToManyWidget",
    "ImportColumnsError",
    "PlaygroundResource",
    "DataIOAdminMixin",
]
