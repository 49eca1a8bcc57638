"""Which index serves "the comments of one object"? The database's own plan, and the dangling generic comments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, models

from playground.labkit.capture import Capture, run
from relations.comments_lab.designs import DESIGNS, TARGETS, TargetNames, comments_for, constraints
from relations.models import GenericComment


@dataclass
class PlanRow(TargetNames):
    design: str
    target: type[models.Model]
    table: str
    indexes: list[str]
    used: list[str]
    capture: Capture

    @property
    def _target_model(self):
        return self.target

    @property
    def plan(self) -> str:
        return self.capture.result or ""


def _indexes(table: str) -> list[str]:
    return sorted(name for name, info in constraints(table).items() if info["index"] and not info["primary_key"])


def explain_lookups() -> list[PlanRow]:
    rows = []
    for target in TARGETS:
        obj = target._default_manager.order_by("pk").first()
        pk = obj.pk if obj else 1
        for design in DESIGNS:
            queryset = comments_for(design, target, pk)
            table = queryset.model._meta.db_table

            def explain(queryset=queryset):
                if connection.vendor == "postgresql":
                    # The demo tables are tiny, so PostgreSQL rightly prefers a sequential scan;
                    # switched off (for this rolled-back transaction only) to see the index it
                    # would pick on a big table.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL enable_seqscan = off")
                return queryset.explain()

            capture = run(explain)
            indexes = _indexes(table)
            plan = capture.result or ""
            used = [name for name in indexes if re.search(rf"\b{re.escape(name)}\b", plan)]
            rows.append(PlanRow(design, target, table, indexes, used, capture))
    return rows


def dangling_generic_now() -> list[tuple[str, int]]:
    """Dangling generic comments in the database right now, per target type."""
    counts = (
        GenericComment.objects.dangling()
        .values_list("content_type__app_label", "content_type__model")
        .annotate(n=models.Count("pk"))
        .order_by("content_type__app_label", "content_type__model")
    )
    return [(f"{app}.{model}", n) for app, model, n in counts]
