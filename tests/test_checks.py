"""The project passes Django's system checks and its models match its migrations."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_system_checks_are_clean():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # --check exits non-zero (SystemExit) if any model change lacks a migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
