"""Loading the demo data: every fixture, in dependency order (computed), idempotently.

This is ``loaddata`` with two differences a playground needs: it compares each
object with the row already in the database and writes only what differs (so a
second run reports "nothing changed"), and it runs in one transaction with the
foreign keys checked before commit (so a broken fixture changes nothing).

A GenericForeignKey's object id may be written as the target's natural key
(``"object_id": ["grace@example.com"]``): the field resolves it through the content type
(``playground.labkit.models.fields``), here and in Django's own ``loaddata`` alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, connection, router, transaction

from playground.labkit.fixture_order import FixtureOrderError, ordered_fixtures
from playground.labkit.models.fields import resolve_natural_keys


class DemoDataError(Exception):
    """A fixture could not be loaded; nothing was written."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    superuser_created: bool = False
    fixtures: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.superuser_created)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1


def fixture_path(name: str) -> Path:
    for directory in settings.FIXTURE_DIRS:
        candidate = Path(directory) / name
        if candidate.exists():
            return candidate
    raise DemoDataError(f"Fixture {name!r} was not found in FIXTURE_DIRS ({settings.FIXTURE_DIRS}).")


def demo_fixtures() -> list[Path]:
    """Every fixture file in FIXTURE_DIRS, in an order computed from what each refers to."""
    try:
        return ordered_fixtures()
    except FixtureOrderError as err:
        raise DemoDataError(str(err)) from err


def load_demo_data(fixtures: list[str] | None = None, *, create_superuser: bool = True) -> LoadReport:
    """Load the demo fixtures; raise DemoDataError (and write nothing) if any is broken."""
    report = LoadReport()
    try:
        with transaction.atomic():
            paths = [fixture_path(name) for name in fixtures] if fixtures else demo_fixtures()
            for path in paths:
                _load_fixture(path, report)
            report.fixtures = len(paths)
            # Foreign keys are deferred: check them now, while we can still say which file.
            connection.check_constraints()
            _reset_sequences(report)
            if create_superuser:
                report.superuser_created = _ensure_superuser()
    except DemoDataError:
        raise
    except IntegrityError as err:
        raise DemoDataError(f"The demo fixtures refer to rows that do not exist: {err}") from err
    except DatabaseError as err:
        raise DemoDataError(f"The database refused the demo data: {err}") from err
    return report


def _load_fixture(path: Path, report: LoadReport) -> None:
    # Objects are saved one by one as they are read: a natural foreign key is looked up
    # while deserializing, so it can only point at rows saved before it.
    deserialized = None
    try:
        with path.open(encoding="utf-8") as stream:
            objects = json.load(stream)
        for deserialized in serializers.deserialize("python", objects, handle_forward_references=False):
            _save_if_changed(deserialized, report)
    except (DeserializationError, ObjectDoesNotExist, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DemoDataError(f"{path.name} is not a valid fixture: {err}") from err
    except (ValidationError, DatabaseError, ValueError, TypeError) as err:
        where = f" at {deserialized.object!r}" if deserialized is not None else ""
        raise DemoDataError(f"{path.name}: cannot save{where}: {err}") from err


def _save_if_changed(deserialized, report: LoadReport) -> None:
    obj = deserialized.object
    resolve_natural_keys(obj)  # a generic object id given by natural key, before comparing
    model = type(obj)
    if not router.allow_migrate_model(connection.alias, model):
        return  # a table this database does not have (Meta.required_db_vendor), as loaddata skips it
    label = model._meta.label
    existing = model._base_manager.filter(pk=obj.pk).first() if obj.pk is not None else None
    if existing is None:
        deserialized.save()
        report.count(report.created, label)
        return
    # Only the model's own columns: a multi-table child's fixture object carries its own
    # table's fields (its parent's are a separate object), and a raw save writes only those.
    differs = any(
        f.value_from_object(existing) != f.value_from_object(obj)
        for f in model._meta.local_concrete_fields
        if not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    )
    m2m_differs = any(
        {str(pk) for pk in getattr(existing, name).values_list("pk", flat=True)} != {str(v) for v in values}
        for name, values in (deserialized.m2m_data or {}).items()
    )
    if differs or m2m_differs:
        deserialized.save()
        report.count(report.updated, label)
    else:
        report.unchanged += 1


def _reset_sequences(report: LoadReport) -> None:
    """As loaddata does: rows saved with explicit pks leave PostgreSQL's sequences behind."""
    labels = set(report.created) | set(report.updated)
    models = [apps.get_model(label) for label in sorted(labels)]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def demo_admin_refusal() -> str:
    """Why the demo superuser must not be created now ("" when it may be).

    In production mode (DEBUG off when the settings were read) there is no default
    password, and the one given must pass AUTH_PASSWORD_VALIDATORS: admin/admin on a
    deployed admin is the first thing anyone tries.
    """
    if not getattr(settings, "PRODUCTION_MODE", False):
        return ""
    how = "Set DEMO_ADMIN_PASSWORD to a strong password and run setup_demo again, or run createsuperuser."
    password = settings.DEMO_ADMIN_PASSWORD
    if not password:
        return f"No demo superuser created: DEBUG is off and DEMO_ADMIN_PASSWORD is not set. {how}"
    User = get_user_model()
    candidate = User(username=settings.DEMO_ADMIN_USERNAME, email=settings.DEMO_ADMIN_EMAIL)
    try:
        validate_password(password, user=candidate)
    except ValidationError as err:
        return f"No demo superuser created: DEMO_ADMIN_PASSWORD is refused ({' '.join(err.messages)}) {how}"
    return ""


def _ensure_superuser() -> bool:
    User = get_user_model()
    if User.objects.filter(username=settings.DEMO_ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(
        username=settings.DEMO_ADMIN_USERNAME,
        email=settings.DEMO_ADMIN_EMAIL,
        password=settings.DEMO_ADMIN_PASSWORD,
    )
    return True
