"""The three comment designs and the three targets they comment on."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from relations.models import ArcComment, Author, AuthorComment, Blog, BlogComment, GenericComment, Photo, PhotoComment

GENERIC, ARC, TABLE = "generic", "arc", "table"
DESIGNS = {
    GENERIC: "GenericForeignKey",
    ARC: "Exclusive arc",
    TABLE: "One table per target",
}
TARGETS = [Blog, Author, Photo]
TABLE_FOR = {Blog: BlogComment, Author: AuthorComment, Photo: PhotoComment}
ARC_FIELD = {Blog: "blog", Author: "author", Photo: "photo"}


def comment_models(design: str) -> list[type[models.Model]]:
    return {GENERIC: [GenericComment], ARC: [ArcComment], TABLE: list(TABLE_FOR.values())}[design]


def comments_for(design: str, target_model: type[models.Model], pk) -> models.QuerySet:
    """The comments on one target, in one design."""
    if design == GENERIC:
        content_type = ContentType.objects.get_for_model(target_model)
        return GenericComment.objects.filter(content_type=content_type, object_id=pk)
    if design == ARC:
        return ArcComment.objects.filter(**{f"{ARC_FIELD[target_model]}_id": pk})
    return TABLE_FOR[target_model].objects.filter(target_id=pk)


def has_generic_relation(target_model: type[models.Model]) -> bool:
    """Does the target declare a GenericRelation to GenericComment (and so cascade its deletes)?"""
    return any(
        isinstance(f, GenericRelation) and f.related_model is GenericComment for f in target_model._meta.private_fields
    )


def reference(design: str, target_model) -> tuple[type[models.Model], str, models.Field]:
    """The comment model, the column that holds a reference to a target, and its field."""
    if design == GENERIC:
        model, name = GenericComment, "object_id"
    elif design == ARC:
        model, name = ArcComment, ARC_FIELD[target_model]
    else:
        model, name = TABLE_FOR[target_model], "target"
    field = model._meta.get_field(name)
    return model, field.column, field


def constraints(table: str) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


class TargetNames:
    """Names of the target model for templates (a model class itself must not reach a template: it is callable)."""

    @property
    def target_key(self) -> str:
        return self._target_model._meta.model_name

    @property
    def target_title(self) -> str:
        return self._target_model._meta.verbose_name.capitalize()


def by_target(rows: list) -> list[tuple[str, list]]:
    """Rows that have a ``target`` model, grouped under its verbose name, in TARGETS order."""
    return [
        (target._meta.verbose_name.capitalize(), [row for row in rows if row.target is target]) for target in TARGETS
    ]
