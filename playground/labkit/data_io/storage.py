"""Where an uploaded file waits between the preview and Confirm: a folder of its own, emptied as it goes.

The library's ``TempFolderStorage`` writes each upload to the system's temp folder and
removes it only after a confirmed import: every preview nobody confirmed stays there
for good. It also opens whatever path the confirm form names. Here each file goes to
``IMPORT_TMP_DIR`` (default: ``<tempdir>/playground-imports``) under a random name;
every save first removes files older than ``IMPORT_TMP_MAX_AGE_SECONDS`` (one hour by
default), and only names this storage made are opened.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import TempFolderStorage

DEFAULT_MAX_AGE_SECONDS = 3600
_NAME = re.compile(r"import-[0-9a-f]{32}")


class ExpiredImportFile(LookupError):
    """The preview's file is gone (expired, or never made here): upload the file again."""


def tmp_dir() -> Path:
    return Path(getattr(settings, "IMPORT_TMP_DIR", None) or Path(tempfile.gettempdir()) / "playground-imports")


def max_age_seconds() -> int:
    return getattr(settings, "IMPORT_TMP_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS)


def purge_expired(now: float | None = None) -> int:
    """Remove the waiting files older than the maximum age; return how many were removed."""
    folder, cutoff = tmp_dir(), (now or time.time()) - max_age_seconds()
    removed = 0
    for path in folder.glob("import-*") if folder.is_dir() else ():
        try:
            if _NAME.fullmatch(path.name) and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by a concurrent request meanwhile
            continue
    return removed


class ExpiringTempFolderStorage(TempFolderStorage):
    """The admin's temp storage: own folder, random names, files older than the maximum age purged."""

    def save(self, data):
        purge_expired()
        folder = tmp_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.name = f"import-{uuid.uuid4().hex}"
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.get_full_path(), mode, encoding=None if mode == "wb" else self.encoding) as file:
            file.write(data)

    def read(self):
        try:
            return super().read()
        except FileNotFoundError:
            raise ExpiredImportFile(self.name) from None

    def remove(self):
        try:
            os.remove(self.get_full_path())
        except (FileNotFoundError, ExpiredImportFile):
            pass

    def get_full_path(self):
        if not self.name or not _NAME.fullmatch(self.name):
            # The name comes back from a hidden form field: never a path of the client's choosing.
            raise ExpiredImportFile(self.name)
        return str(tmp_dir() / self.name)
