"""What is left of each design's comments after deleting a target, read from the toolkit's delete report.

Each target is deleted once with ``obj.delete()`` through
``playground.labkit.deletion.observe_delete`` (rolled back), following each design's
comments on it (``Track``): the report says, in the toolkit's one vocabulary, whether
they were deleted with it, left dangling, or blocked the delete.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, router

from playground.labkit.capture import Capture
from playground.labkit.deletion import DeleteReport, Track, Tracked, observe_delete
from relations.comments_lab.designs import (
    DESIGNS,
    TABLE_FOR,
    TARGETS,
    TargetNames,
    comment_models,
    comments_for,
    has_generic_relation,
    reference,
)
from relations.models import ArcComment, GenericComment


@dataclass
class DeletionOutcome:
    """One design's comments on the deleted target, as the report tracked them."""

    design: str
    tracked: Tracked
    table_delta: int  # change in the design's comment table(s), from row counts

    @property
    def before(self) -> int:  # comments on the target before the delete
        return len(self.tracked.before)

    @property
    def after(self) -> int:  # comments still pointing at its id afterwards
        return self.tracked.left

    @property
    def outcome(self) -> str:
        return self.tracked.outcome


@dataclass
class DeletionRun(TargetNames):
    target_model: type[models.Model]
    target: str
    pk: int
    report: DeleteReport
    outcomes: list[DeletionOutcome] = field(default_factory=list)
    dangling_generic_after: int = 0  # dangling generic comments in the whole table, found by anti-join

    @property
    def _target_model(self):
        return self.target_model

    @property
    def capture(self) -> Capture:
        return self.report.capture

    @property
    def has_generic_relation(self) -> bool:
        return has_generic_relation(self.target_model)

    def outcome(self, design: str) -> DeletionOutcome:
        return next(o for o in self.outcomes if o.design == design)


def deletion_target(model):
    """The first target that has generic comments (the interesting case), else the first one."""
    ct = ContentType.objects.get_for_model(model)
    commented = GenericComment.objects.filter(content_type=ct).values("object_id")
    return (
        model._default_manager.filter(pk__in=commented).order_by("pk").first()
        or model._default_manager.order_by("pk").first()
    )


def _track(design: str, model: type[models.Model], pk) -> Track:
    """Follow one design's comments on the target by the column that refers to it."""
    reference_field = reference(design, model)[2]
    return Track(design, comments_for(design, model, pk), reference_field.attname, points_to=model)


def delete_target(obj) -> DeletionRun:
    """Delete one target through the ORM (rolled back) and read what happened to each design's comments."""
    model, pk, label = type(obj), obj.pk, str(obj)
    report = observe_delete(
        obj.delete,
        model,
        using=obj._state.db or router.db_for_write(model),
        watch=[GenericComment, ArcComment, *TABLE_FOR.values()],
        track=[_track(design, model, pk) for design in DESIGNS],
        call_receivers=True,
        inspect=lambda: GenericComment.objects.dangling().count(),
    )
    result = DeletionRun(model, label, pk, report, dangling_generic_after=report.capture.inspection)
    for design in DESIGNS:
        delta = sum(report.capture.change_for(m).delta for m in comment_models(design))
        result.outcomes.append(DeletionOutcome(design, report.tracked[design], delta))
    return result


def deletion_runs() -> list[DeletionRun]:
    return [delete_target(obj) for model in TARGETS if (obj := deletion_target(model)) is not None]
