"""The "N+1" panel of the debug toolbar: which relation a page loads one row at a time, and the fix, measured.

The toolbar's SQL panel groups similar queries; this one says *why* they repeat and *what
to change*. ``diagnose()`` takes the queries the SQL panel recorded for a request (and the
response, to see whether it was an admin changelist) and returns one finding per relation:

* ``analysis``: group the SQL by shape and by the Python line that sent it (pure functions);
* ``naming``: map a repeat's tables and WHERE column back to a model relation
  (``Blog.author``, ``Author.blog_set``, ``Member.interests``, ``GenericComment.target``,
  a polymorphic child);
* ``hints``: the fix that fits where it happened, each measured on the page's own queryset
  in a rolled-back transaction;
* ``panel``: the toolbar ``Panel`` (enabled only where the toolbar is, see settings.py).

``recording.record_queries()`` records queries in the SQL panel's format without the
toolbar, which is how the tests feed ``diagnose()``.
"""

from __future__ import annotations

from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet

from playground.labkit.toolbar_n_plus_one import analysis, hints, naming


def changelist_of(response) -> ChangeList | None:
    context = getattr(response, "context_data", None) or {}
    changelist = context.get("cl")
    return changelist if isinstance(changelist, ChangeList) else None


def _group(repeats, changelist):
    """Repeats merged per relation (a generic key reads several tables; polymorphic, several children)."""
    source = changelist.model if changelist else None
    prefer = tuple(changelist.list_display) if changelist else ()
    groups: dict[tuple, dict] = {}
    for repeat in repeats:
        relation = naming.name_relation(repeat.table, repeat.where_table, repeat.where_column, source, prefer)
        key = (relation.model, relation.accessor, relation.kind) if relation else ("?", repeat.shape, "")
        group = groups.setdefault(key, {"relation": relation, "repeats": [], "targets": []})
        group["repeats"].append(repeat)
        if relation and relation.target not in group["targets"]:
            group["targets"].append(relation.target)
    return groups.values()


def _finding(group, changelist) -> dict:
    relation, repeats = group["relation"], group["repeats"]
    count = sum(repeat.count for repeat in repeats)
    first = repeats[0]
    finding = {
        "relation": relation.label if relation else f"unknown: repeated reads of {first.table}",
        "kind": relation.kind if relation else "",
        "queries": count,
        # One query per shape would remain with a prefetch; a join needs none: count the rest.
        "extra": count - len(repeats),
        "line": first.frame.location if first.frame else "",
        "code": first.frame.code if first.frame else "",
        "sql": first.sql,
        "admin": type(changelist.model_admin).__name__ if changelist else "",
        "admin_file": hints.admin_source(changelist.model_admin) if changelist else "",
        "fixes": [],
    }
    if relation is None:
        return finding
    model_admin = changelist.model_admin if changelist else None
    relation_fixes = hints.fixes(relation, group["targets"], model_admin)
    measured = None
    if changelist is not None and isinstance(changelist.result_list, QuerySet):
        measured = hints.measure(changelist, relation_fixes)
        finding["rows_queries"] = measured[0]
    for i, fix in enumerate(relation_fixes):
        finding["fixes"].append({"name": fix.name, "code": fix.code, "queries": measured[1][i] if measured else None})
    return finding


def diagnose(queries, response=None) -> dict:
    """The panel's report for one request: findings per relation and the totals for the sidebar."""
    changelist = changelist_of(response)
    findings = [_finding(group, changelist) for group in _group(analysis.find_repeats(queries), changelist)]
    return {
        "findings": findings,
        "relations": len(findings),
        "extra": sum(finding["extra"] for finding in findings),
        "total": len(queries),
    }
