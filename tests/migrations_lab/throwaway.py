"""A throwaway Django project with one app, ``shop``, run through real ``manage.py`` processes.

The fake and conflict scenarios need what a developer has: a project, an app whose
models change, a database, and a shell to type commands into. This builds exactly
that in a temporary folder, with its own database (a SQLite file there, or a
PostgreSQL database created for it and dropped after), so that nothing a scenario
does can reach the playground's data or its test database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql as pgsql

MANAGE_PY = """\
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scenario_settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

SETTINGS = """\
SECRET_KEY = "throwaway-scenario"
INSTALLED_APPS = ["shop"]
DATABASES = {{"default": {database!r}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
"""

PRODUCT_V1 = """\
class Product(models.Model):
    name = models.CharField(max_length=100)
"""


@dataclass
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class ThrowawayProject:
    def __init__(self, root: Path, database: dict):
        self.root = root
        self.database = database
        (root / "manage.py").write_text(MANAGE_PY)
        (root / "scenario_settings.py").write_text(SETTINGS.format(database=database))
        (root / "shop" / "migrations").mkdir(parents=True)
        (root / "shop" / "__init__.py").write_text("")
        (root / "shop" / "migrations" / "__init__.py").write_text("")
        self.write_models(PRODUCT_V1)

    @property
    def migrations_dir(self) -> Path:
        return self.root / "shop" / "migrations"

    def migration_names(self) -> list[str]:
        return sorted(p.stem for p in self.migrations_dir.glob("0*.py"))

    def write_models(self, body: str) -> None:
        source = "from django.db import models\n\n\n" + textwrap.dedent(body)
        (self.root / "shop" / "models.py").write_text(source)
        # A rewritten file can keep its old mtime-second: drop stale bytecode.
        shutil.rmtree(self.root / "shop" / "__pycache__", ignore_errors=True)

    def manage(self, *args: str, stdin: str | None = None) -> Result:
        """``python manage.py <args>`` in the project folder, as a developer would type it."""
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        env["PYTHONPATH"] = os.pathsep.join([str(self.root), str(Path(__file__).resolve().parents[2])])
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.root,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return Result(args, completed.returncode, completed.stdout, completed.stderr)

    def ok(self, *args: str, stdin: str | None = None) -> Result:
        result = self.manage(*args, stdin=stdin)
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.output}"
        return result


def sqlite_database(root: Path) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(root / "scenario.sqlite3")}


class ThrowawayPostgres:
    """A PostgreSQL database of its own, created on the test server and dropped afterwards."""

    def __init__(self, settings_dict: dict):
        self.params = {
            "host": settings_dict.get("HOST") or None,
            "port": settings_dict.get("PORT") or None,
            "user": settings_dict.get("USER") or None,
            "password": settings_dict.get("PASSWORD") or None,
        }
        self.name = f"{settings_dict['NAME']}_scenario_{uuid.uuid4().hex[:8]}"
        self.engine = settings_dict["ENGINE"]

    def _execute(self, statement) -> None:
        conn = psycopg2.connect(dbname="postgres", **{k: v for k, v in self.params.items() if v})
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(statement)
        finally:
            conn.close()

    def create(self) -> dict:
        self._execute(pgsql.SQL("CREATE DATABASE {}").format(pgsql.Identifier(self.name)))
        return {
            "ENGINE": self.engine,
            "NAME": self.name,
            "HOST": self.params["host"] or "",
            "PORT": str(self.params["port"] or ""),
            "USER": self.params["user"] or "",
            "PASSWORD": self.params["password"] or "",
        }

    def drop(self) -> None:
        self._execute(pgsql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(pgsql.Identifier(self.name)))
