"""An object id a fixture may give as the target's natural key, resolved by Django's own ``loaddata``.

A GenericForeignKey's ``object_id`` is a plain column: Django's deserializer passes its
fixture value to ``to_python()`` without knowing the content type, so a natural key
(``"object_id": ["grace@example.com"]``) is normally refused ("value must be an integer").
``NaturalKeyObjectIdMixin`` makes ``to_python()`` keep such a list as a ``NaturalKey``,
and resolves it in a ``pre_save`` receiver — which Django sends for fixture saves too
(``raw=True``) — through the instance's content type and the target's
``get_by_natural_key()``. So ``manage.py loaddata`` and ``setup_demo`` load the same file.
A value that is still a ``NaturalKey`` when it reaches the database is refused clearly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.base import DeserializationError
from django.db import models
from django.db.models.signals import pre_save


@dataclass(frozen=True)
class NaturalKey:
    """A target named by its natural key, until the content type says which model it is."""

    values: tuple

    def __str__(self):
        return str(list(self.values))


class NaturalKeyObjectIdMixin:
    """For the object id field of a GenericForeignKey; ``ct_field`` names its content type field."""

    def __init__(self, *args, ct_field: str = "content_type", **kwargs):
        self.ct_field = ct_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.ct_field != "content_type":
            kwargs["ct_field"] = self.ct_field
        return name, path, args, kwargs

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return NaturalKey(tuple(value))
        return super().to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, NaturalKey):
            raise ValueError(f"{self.model._meta.label}.{self.name}: natural key {value} was never resolved.")
        return super().get_prep_value(value)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not cls._meta.abstract:
            uid = f"natural-key-object-id:{cls._meta.label}.{name}"
            pre_save.connect(self._resolve_before_save, sender=cls, weak=False, dispatch_uid=uid)

    def _resolve_before_save(self, sender, instance, using=None, **kwargs):
        resolve_natural_key(instance, self, using)


def resolve_natural_key(instance: models.Model, field: NaturalKeyObjectIdMixin, using: str | None = None) -> None:
    """Replace ``instance``'s natural-key object id by the target's pk; DeserializationError if none matches."""
    value = getattr(instance, field.attname)
    if not isinstance(value, NaturalKey):
        return
    content_type = getattr(instance, field.ct_field)
    target = content_type.model_class()
    manager = target._default_manager.db_manager(using or instance._state.db)
    try:
        pk = manager.get_by_natural_key(*value.values).pk
    except (AttributeError, ObjectDoesNotExist) as err:
        raise DeserializationError(
            f"{instance._meta.label} {field.name}: no {target._meta.label} with natural key {value} ({err})"
        ) from err
    setattr(instance, field.attname, field.to_python(pk))


def resolve_natural_keys(instance: models.Model, using: str | None = None) -> None:
    """Resolve every natural-key object id of ``instance`` now (before comparing it with the database)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, NaturalKeyObjectIdMixin):
            resolve_natural_key(instance, field, using)


class NaturalKeyObjectIdField(NaturalKeyObjectIdMixin, models.PositiveBigIntegerField):
    """An integer object id that a fixture may give as the target's natural key."""
