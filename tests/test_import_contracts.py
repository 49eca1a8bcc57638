"""The one-way house is enforced: a lesson import inside the toolkit fails `lint-imports`."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))

pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed in this environment")


def lint_imports() -> subprocess.CompletedProcess:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_contracts_hold_on_the_project_as_it_is():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_toolkit_module_importing_a_lesson_breaks_both_contracts():
    probe = ROOT / "playground" / "labkit" / "wrong_import_probe.py"
    probe.write_text("from relations.models import Blog  # noqa: F401\n")
    try:
        result = lint_imports()
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "playground.labkit.wrong_import_probe -> relations.models" in result.stdout
    assert "0 kept, 2 broken" in result.stdout
