"""Can the database enforce the reference? Read back through introspection, proven by inserting an orphan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max

from playground.labkit.capture import Capture, run
from relations.comments_lab.designs import (
    ARC,
    ARC_FIELD,
    DESIGNS,
    GENERIC,
    TABLE_FOR,
    TARGETS,
    TargetNames,
    constraints,
    reference,
)
from relations.models import ArcComment, Author, Blog, GenericComment


@dataclass
class ReferenceCheck(TargetNames):
    design: str
    target: type[models.Model]
    table: str
    column: str
    constraint: str | None  # the foreign key constraint read back from the database
    references: str | None  # "table.column" it points at
    orphan_insert: Capture  # inserting a comment that points at a missing row

    @property
    def _target_model(self):
        return self.target

    @property
    def enforced(self) -> bool:
        return self.constraint is not None

    @property
    def orphan_refused(self) -> bool:
        return self.orphan_insert.exception is not None


@dataclass
class ArcConstraintCheck:
    name: str | None  # the CHECK constraint read back from the database
    zero_targets: Capture
    two_targets: Capture


def _missing_pk(model) -> int:
    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1000


def _orphan(design: str, target_model) -> Callable:
    missing = _missing_pk(target_model)
    note = {"commenter": "Lab", "body": f"points at a {target_model._meta.verbose_name} that does not exist"}
    if design == GENERIC:
        ct = ContentType.objects.get_for_model(target_model)
        return lambda: GenericComment.objects.create(content_type=ct, object_id=missing, **note)
    if design == ARC:
        return lambda: ArcComment.objects.create(**{f"{ARC_FIELD[target_model]}_id": missing}, **note)
    return lambda: TABLE_FOR[target_model].objects.create(target_id=missing, **note)


def reference_checks() -> list[ReferenceCheck]:
    checks = []
    for target in TARGETS:
        for design in DESIGNS:
            model, column, _field = reference(design, target)
            table = model._meta.db_table
            fk = next(
                (
                    (name, info["foreign_key"])
                    for name, info in constraints(table).items()
                    if info["foreign_key"] and info["columns"] == [column]
                ),
                (None, None),
            )
            checks.append(
                ReferenceCheck(
                    design=design,
                    target=target,
                    table=table,
                    column=column,
                    constraint=fk[0],
                    references=".".join(fk[1]) if fk[1] else None,
                    orphan_insert=run(_orphan(design, target)),
                )
            )
    return checks


def arc_constraint_check() -> ArcConstraintCheck:
    table = ArcComment._meta.db_table
    name = next((n for n, info in constraints(table).items() if info["check"] and "exactly_one" in n), None)
    blog, author = Blog.objects.order_by("pk").first(), Author.objects.order_by("pk").first()
    note = {"commenter": "Lab", "body": "breaks the arc"}
    # objects.create() skips full_clean(): only the database stands between these rows and the table.
    return ArcConstraintCheck(
        name=name,
        zero_targets=run(lambda: ArcComment.objects.create(**note)),
        two_targets=run(lambda: ArcComment.objects.create(blog=blog, author=author, **note)),
    )
