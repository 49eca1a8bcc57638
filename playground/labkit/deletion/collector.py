"""What the collector gathered, and what the database then did to it.

``observe_delete()`` hands this observer the collector just before it writes
(``before``) and calls ``after`` just after: before, it notes the rows Django will
delete or rewrite, and — with its own bookkeeping queries — the rows the database-level
rules (DB_CASCADE, DB_SET_NULL, DB_SET_DEFAULT) and DO_NOTHING keys will touch; after,
it reads those rows back inside the transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import signals
from django.db.models.deletion import (
    DO_NOTHING,
    RESTRICT,
    Collector,
    DatabaseOnDelete,
    get_candidate_relations_to_delete,
)

from playground.labkit.deletion.report import (
    BY_DATABASE,
    BY_DJANGO,
    BY_FAST_PATH,
    DanglingGroup,
    DeletedGroup,
    UpdatedGroup,
)
from playground.labkit.deletion.rows import (
    GENERIC_RELATION,
    MULTI_TABLE_PARENT,
    NOT_DELETING,
    describe_value,
    field_default,
    generic_relations_into,
    key_row,
    on_delete_name,
    row,
    rule_from_query,
    sample_and_total,
)
from playground.labkit.on_delete import written_on_delete

DB_DEPTH_LIMIT = 6  # levels of database-level cascade followed


class CollectorObserver:
    """Notes what one delete's collector(s) gathered, and what the database did to it."""

    def __init__(self, root: type[models.Model], using: str, row_limit: int):
        self.root = root._meta.concrete_model
        self.using = using
        self.row_limit = row_limit
        self.returned = None
        self.deleted: list[DeletedGroup] = []
        self.updated: list[UpdatedGroup] = []
        self.dangling: list[DanglingGroup] = []
        self.notes: list[str] = []
        self.muted: set[str] = set()
        self._reread_updates: list[tuple[UpdatedGroup, type[models.Model], str]] = []
        self._reread_deletes: list[tuple[DeletedGroup, type[models.Model]]] = []

    # Before the collector writes -------------------------------------------------
    def before(self, collector: Collector) -> None:
        sources = self._note_collected(collector) + self._note_fast_deletes(collector)
        for (fk, value), batches in collector.field_updates.items():
            self._note_field_update(fk, value, batches)
        for source_model, source in sources:
            self._note_database_rules(source_model, source, depth=0)
            self._note_do_nothing(source_model, source)
        self._note_restrict_satisfied(collector, {model._meta.concrete_model for model, _ in sources})

    def _note_collected(self, collector: Collector) -> list[tuple[type[models.Model], Any]]:
        sources = []
        collected = {m._meta.concrete_model for m, instances in collector.data.items() if instances}
        for model, instances in collector.data.items():
            instances = sorted(instances, key=lambda obj: (str(type(obj.pk)), obj.pk))
            if not instances:
                continue
            self.deleted.append(
                DeletedGroup(
                    label=model._meta.label,
                    table=model._meta.db_table,
                    count=len(instances),
                    by=BY_DJANGO,
                    rule=self._rule_into(model, collected),
                    rows=[row(obj) for obj in instances[: self.row_limit]],
                )
            )
            if signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model):
                self.muted.add(model._meta.label)
            sources.append((model, instances))
        return sources

    def _note_fast_deletes(self, collector: Collector) -> list[tuple[type[models.Model], Any]]:
        sources = []
        fast_groups: dict[type[models.Model], DeletedGroup] = {}
        for qs in collector.fast_deletes:
            model = qs.model
            # No COUNT here: the DELETE's own rowcount gives the total afterwards (observe_delete()).
            sample = list(qs.order_by("pk")[: self.row_limit])
            if not sample:
                continue
            group = fast_groups.get(model)
            if group is None:
                group = fast_groups[model] = DeletedGroup(
                    label=model._meta.label, table=model._meta.db_table, count=0, by=BY_FAST_PATH
                )
                self.deleted.append(group)
            group.rule = ", ".join(dict.fromkeys(filter(None, [*group.rule.split(", "), rule_from_query(qs)])))
            group.rows = (group.rows + [row(obj) for obj in sample])[: self.row_limit]
            group.count = max(group.count, len(group.rows))
            sources.append((model, qs))
        return sources

    def _rule_into(self, model, collected) -> str:
        """How collected rows of ``model`` got into the delete: "" for the rows deleted on purpose.

        Only rules that delete count: a SET_NULL key to a deleted row did not bring this row in."""
        if model._meta.concrete_model is self.root:
            return ""
        rules = [
            on_delete_name(f)
            for f in model._meta.concrete_fields
            if f.remote_field is not None
            and f.remote_field.model._meta.concrete_model in collected
            and on_delete_name(f) not in NOT_DELETING
        ]
        if generic_relations_into(model, collected):
            rules.append(GENERIC_RELATION)
        if model._meta.concrete_model in {p._meta.concrete_model for m in collected for p in m._meta.all_parents}:
            rules.append(MULTI_TABLE_PARENT)
        return ", ".join(dict.fromkeys(rules))

    def _note_field_update(self, fk, value, batches) -> None:
        model = fk.model
        count, rows = 0, []
        for batch in batches:
            if isinstance(batch, models.QuerySet):
                count += batch.count()
                sample = batch.order_by("pk").values_list("pk", fk.attname)[: self.row_limit - len(rows)]
                rows.extend(key_row(model, pk, before) for pk, before in sample)
            else:
                count += len(batch)
                rows.extend(key_row(model, obj.pk, getattr(obj, fk.attname)) for obj in batch)
        if count:
            self._add_update(model, fk, BY_DJANGO, describe_value(value, fk), count, rows[: self.row_limit])

    def _add_update(self, model, fk, by: str, new_value: str, count: int, rows: list) -> None:
        group = UpdatedGroup(
            label=model._meta.label,
            table=model._meta.db_table,
            column=fk.column,
            rule=on_delete_name(fk),
            by=by,
            new_value=new_value,
            default=field_default(fk),
            count=count,
            rows=rows,
        )
        self.updated.append(group)
        self._reread_updates.append((group, model, fk.attname))

    def _note_database_rules(self, source_model, source, depth: int) -> None:
        if depth >= DB_DEPTH_LIMIT:
            self.notes.append("Database-level cascades go deeper than this preview follows; the row counts show all.")
            return
        for related in get_candidate_relations_to_delete(source_model._meta):
            fk, model = related.field, related.related_model
            on_delete = written_on_delete(fk)
            if not isinstance(on_delete, DatabaseOnDelete):
                continue
            affected = model._base_manager.using(self.using).filter(**{f"{fk.name}__in": source})
            if on_delete.operation == "CASCADE":
                self._note_database_cascade(model, fk, affected, depth)
                continue
            sample, count = sample_and_total(affected, self.row_limit, "pk", fk.attname)
            if count:
                becomes = "NULL" if on_delete.operation == "SET NULL" else f"the column's DEFAULT ({fk.db_default!r})"
                rows = [key_row(model, pk, before) for pk, before in sample]
                self._add_update(model, fk, BY_DATABASE, becomes, count, rows)

    def _note_database_cascade(self, model, fk, affected, depth: int) -> None:
        sample, count = sample_and_total(affected, self.row_limit)
        if not count:
            return
        group = DeletedGroup(
            label=model._meta.label,
            table=model._meta.db_table,
            count=count,
            by=BY_DATABASE,
            rule=on_delete_name(fk),
            rows=[row(obj) for obj in sample],
        )
        self.deleted.append(group)
        self._reread_deletes.append((group, model))
        self._note_database_rules(model, affected, depth + 1)

    def _note_do_nothing(self, source_model, source) -> None:
        for related in get_candidate_relations_to_delete(source_model._meta):
            fk, model = related.field, related.related_model
            if written_on_delete(fk) is not DO_NOTHING:
                continue
            affected = model._base_manager.using(self.using).filter(**{f"{fk.name}__in": source})
            sample, count = sample_and_total(affected, self.row_limit, "pk", fk.attname)
            if count:
                rows = [key_row(model, pk, before) for pk, before in sample]
                for listed in rows:
                    listed.after = listed.before
                group = DanglingGroup(
                    label=model._meta.label, column=fk.column, constrained=fk.db_constraint, count=count, rows=rows
                )
                self.dangling.append(group)

    def _note_restrict_satisfied(self, collector: Collector, deleted_models: set) -> None:
        for model in list(collector.data):
            for fk in model._meta.concrete_fields:
                if fk.remote_field is None or written_on_delete(fk) is not RESTRICT:
                    continue
                if fk.remote_field.model._meta.concrete_model in deleted_models:
                    self.notes.append(
                        f"{model._meta.label}.{fk.name} is RESTRICT, yet the delete is allowed: the "
                        f"{model._meta.verbose_name_plural} it guards are deleted too, through another "
                        f"(CASCADE) path, so none would be left pointing at a deleted row."
                    )

    # After the collector wrote ---------------------------------------------------------
    def after(self) -> None:
        for group, model, attname in self._reread_updates:
            pks = [listed.pk for listed in group.rows]
            now = dict(model._base_manager.using(self.using).filter(pk__in=pks).values_list("pk", attname))
            for listed in group.rows:
                listed.after = now.get(listed.pk)
            group.classify()
        for group, model in self._reread_deletes:
            pks = [listed.pk for listed in group.rows]
            group.verified_gone = not model._base_manager.using(self.using).filter(pk__in=pks).exists()
