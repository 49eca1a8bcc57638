"""A delete's blast radius, drawn: a Mermaid flowchart made from the ``DeleteReport`` alone.

The preview's tables tell what a delete does; this draws the same report so that it can be
seen at a glance. Nothing is observed twice and nothing is typed in:

- the root is the table of the rows asked to be deleted (their names, their count);
- one box per table the delete touches, with its row counts — never one box per row, so a
  delete of 10,000 children is one box saying "10,000 deleted";
- an arrow per relation that reached a table, labelled with its rule and field: CASCADE,
  SET_NULL, SET(value), DB_CASCADE "by the database", a GenericRelation's cleanup, a
  multi-table parent row; PROTECT / RESTRICT as a stopping arrow (cross end) into the rows
  that block; DO_NOTHING as a broken (dotted) arrow into the rows left dangling;
- colours are the model map's on_delete legend (``model_map.graph.ON_DELETE_STYLES``).

The arrows join the report's tables through the relations the app registry knows, choosing
only those whose rule is the one the report gives for that group of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from playground.labkit.deletion.report import BY_DATABASE, DeleteReport
from playground.labkit.deletion.rows import GENERIC_RELATION, MULTI_TABLE_PARENT, generic_relations_into, on_delete_name
from playground.labkit.model_map.graph import EDGE_KINDS, ON_DELETE_STYLES

SAMPLE = 3  # row names shown in a box
NAME_CHARS = 28  # ... each cut to this length, so that boxes stay narrow at 1280 px
# Box kinds, from the strongest claim to the weakest: a table that plays several parts shows the first.
NODE_STYLES = {
    "root": "fill:#ffffff,stroke:#212121,stroke-width:3px",
    "blocking": f"fill:#fff3e0,stroke:{ON_DELETE_STYLES['PROTECT'][0]},stroke-width:3px",
    "database": f"fill:#fce4ec,stroke:{ON_DELETE_STYLES['DB_CASCADE'][0]},stroke-width:3px",
    "deleted": f"fill:#ffebee,stroke:{ON_DELETE_STYLES['CASCADE'][0]}",
    "updated": f"fill:#e3f2fd,stroke:{ON_DELETE_STYLES['SET_NULL'][0]}",
    "dangling": f"fill:#f5f5f5,stroke:{ON_DELETE_STYLES['DO_NOTHING'][0]},stroke-dasharray:5 4",
    "uncounted": "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:3 3",
}
# Edge kind -> Mermaid arrow: blockers stop (cross end), dangling references are broken (dotted).
ARROWS = {"deleted": "-->", "database": "==>", "updated": "-->", "blocking": "--x", "dangling": "-.->", "path": "-.->"}
EXTRA_COLOURS = {GENERIC_RELATION: EDGE_KINDS["generic_relation"][1], MULTI_TABLE_PARENT: EDGE_KINDS["mti"][1]}


@dataclass
class RadiusNode:
    id: str
    label: str  # the model, "relations.CascadeChild"
    table: str
    counts: dict[str, int] = field(default_factory=dict)  # part ("deleted", "updated", ...) -> rows
    lines: list[str] = field(default_factory=list)  # what happened to the rows, one line per group
    rows: list[str] = field(default_factory=list)  # a few of their names

    @property
    def kind(self) -> str:
        return next((kind for kind in NODE_STYLES if kind in self.counts), "uncounted")


@dataclass(frozen=True)
class RadiusEdge:
    source: str
    target: str
    kind: str  # a key of ARROWS
    rule: str  # CASCADE, SET_NULL, DB_CASCADE, PROTECT, DO_NOTHING, GenericRelation, ...
    field: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return " · ".join(part for part in (self.rule, self.field, self.note) if part)

    @property
    def style(self) -> str:
        colour, width = ON_DELETE_STYLES.get(self.rule.split("(")[0], (EXTRA_COLOURS.get(self.rule, "#616161"), 1.5))
        dashes = ",stroke-dasharray:2 6" if self.kind == "dangling" else ""
        return f"stroke:{colour},stroke-width:{max(width, 2)}px,color:{colour}{dashes}"


@dataclass
class BlastRadius:
    root: str  # the id of the root box
    nodes: dict[str, RadiusNode] = field(default_factory=dict)
    edges: list[RadiusEdge] = field(default_factory=list)

    def node(self, model: type[models.Model]) -> RadiusNode:
        key = node_id(model)
        if key not in self.nodes:
            concrete = model._meta.concrete_model
            self.nodes[key] = RadiusNode(key, concrete._meta.label, concrete._meta.db_table)
        return self.nodes[key]

    def add(self, model, part: str, count: int, line: str, rows: Sequence[str] = ()) -> RadiusNode:
        node = self.node(model)
        node.counts[part] = node.counts.get(part, 0) + count
        node.lines.append(f"{count:,} {line}")
        node.rows.extend(r for r in rows if r not in node.rows)
        return node

    def connect(self, source, target, kind: str, rule: str, field_name: str = "", note: str = "") -> None:
        edge = RadiusEdge(self.node(source).id, self.node(target).id, kind, rule, field_name, note)
        if edge not in self.edges:
            self.edges.append(edge)

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(rule, css of a line sample) for each rule drawn: the model map's colours, in the page's words."""
        styles = {edge.rule: edge.style.split(",")[0].replace("stroke:", "") for edge in self.edges}
        return [(rule, f"border-top: 3px solid {colour}") for rule, colour in styles.items()]

    def mermaid(self) -> str:
        lines = ["flowchart LR"]
        lines += [f"    classDef {kind} {style}" for kind, style in NODE_STYLES.items()]
        for node in self.nodes.values():
            lines.append(f'    {node.id}["{_box(node)}"]:::{"root" if node.id == self.root else node.kind}')
        for edge in self.edges:
            lines.append(f'    {edge.source} {ARROWS[edge.kind]}|"{mermaid_text(edge.label)}"| {edge.target}')
        lines += [f"    linkStyle {index} {edge.style}" for index, edge in enumerate(self.edges)]
        return "\n".join(lines) + "\n"


def blast_radius(report: DeleteReport, asked: Sequence[str] = (), asked_count: int | None = None) -> BlastRadius:
    """The picture of ``report``; ``asked``/``asked_count`` name the rows asked for (shown when refused)."""
    root_model = apps.get_model(report.model)
    radius = BlastRadius(root=node_id(root_model))
    root = radius.node(root_model)
    deleted_models = {apps.get_model(g.label)._meta.concrete_model for g in report.deleted}
    for group in report.deleted:
        model = apps.get_model(group.label)
        names = [_name(row) for row in group.rows[:SAMPLE]]
        if group.by == BY_DATABASE:
            radius.add(model, "database", group.count, "deleted by the database", names)
        else:
            radius.add(model, "deleted", group.count, "deleted", names)
        _deleted_edges(radius, model, group, deleted_models)
    if not root.counts:  # refused before anything was deleted: say what was asked for
        count = asked_count if asked_count is not None else len(asked)
        radius.add(root_model, "root", count, "asked for: the delete is refused", [_cut(a) for a in asked[:SAMPLE]])
    for group in report.updated:
        model, fk = _field_by_column(group.label, group.column)
        note = "by the database" if group.by == BY_DATABASE else ""
        radius.add(model, "updated", group.count, f"updated: {group.column} → {_cut(group.new_value)}")
        radius.connect(fk.remote_field.model, model, "updated", group.rule, fk.name, note)
    for group in report.blocking:
        model = apps.get_model(group.label)
        radius.add(model, "blocking", group.count, f"block the delete ({group.rule})", [_name(r) for r in group.rows])
        for name in group.fields:
            _connect_reached(radius, model._meta.get_field(name).remote_field.model, root_model, deleted_models)
            radius.connect(model._meta.get_field(name).remote_field.model, model, "blocking", group.rule, name, "stops")
    for group in report.dangling:
        model, fk = _field_by_column(group.label, group.column)
        consequence = "IntegrityError at commit" if group.constrained else "no constraint"
        radius.add(model, "dangling", group.count, f"left dangling ({consequence})", [f"#{r.pk}" for r in group.rows])
        radius.connect(fk.remote_field.model, model, "dangling", "DO_NOTHING", fk.name, "dangling")
    return radius


def node_id(model: type[models.Model]) -> str:
    """One box per table: the id is the table's name."""
    return "t_" + "".join(c if c.isalnum() else "_" for c in model._meta.concrete_model._meta.db_table)


def _deleted_edges(radius: BlastRadius, model, group, deleted_models) -> None:
    """The relations from the deleted tables that brought ``group``'s rows in, under the report's rules."""
    kind = "database" if group.by == BY_DATABASE else "deleted"
    note = "by the database" if group.by == BY_DATABASE else ""
    for rule in filter(None, group.rule.split(", ")):
        if rule == GENERIC_RELATION:
            for relation in generic_relations_into(model, deleted_models):
                radius.connect(relation.model, model, kind, rule, relation.name)
        elif rule == MULTI_TABLE_PARENT:
            for child in deleted_models:
                link = child._meta.parents.get(model._meta.concrete_model)
                if link is not None:
                    radius.connect(child, model, kind, rule, link.name)
        else:
            for fk in model._meta.concrete_fields:
                target = fk.remote_field.model._meta.concrete_model if fk.remote_field else None
                if target in deleted_models and on_delete_name(fk) == rule:
                    radius.connect(target, model, kind, rule, fk.name, note)


def _connect_reached(radius: BlastRadius, source, root_model, deleted_models) -> None:
    """A refused delete counts nothing beyond its root: a blocker further down hangs off an uncounted box."""
    concrete = source._meta.concrete_model
    if concrete is not root_model._meta.concrete_model and concrete not in deleted_models:
        radius.node(source).lines.append("reached on the way (not counted: the delete was refused first)")
        radius.connect(root_model, source, "path", "…", note="through cascades")


def _field_by_column(label: str, column: str) -> tuple[type[models.Model], models.Field]:
    model = apps.get_model(label)
    return model, next(f for f in model._meta.concrete_fields if f.column == column)


def _name(row) -> str:
    return _cut(row.text or f"#{row.pk}")


def _cut(text: str) -> str:
    text = str(text)
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"


def _box(node: RadiusNode) -> str:
    parts = [f"<b>{mermaid_text(node.label)}</b>", f"<i>{mermaid_text(node.table)}</i>"]
    parts += [mermaid_text(line) for line in node.lines]
    if node.rows:
        total = sum(node.counts.values())
        more = f", … {total - SAMPLE:,} more" if total > SAMPLE and len(node.rows) >= SAMPLE else ""
        parts.append(mermaid_text(", ".join(node.rows[:SAMPLE]) + more))
    return "<br/>".join(parts)


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: Mermaid's own entity codes for what it would read as markup."""
    codes = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;", "|": "#124;"}
    return "".join(codes.get(char, char) for char in str(text))
