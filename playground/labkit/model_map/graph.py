"""The model map's graph: nodes and edges read from the app registry, written as Mermaid source."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.urls import NoReverseMatch, reverse

from playground.labkit.on_delete import written_on_delete

try:  # django-polymorphic is a dependency, but the map must not break without it
    from polymorphic.models import PolymorphicModel
except ImportError:  # pragma: no cover
    PolymorphicModel = None

ANY_ROW = "generic_any_row"

# on_delete -> colour (and width): Python-level options in the usual warning colours,
# the database-level DB_* ones thicker, in colours no Python-level option uses.
ON_DELETE_STYLES = {
    "CASCADE": ("#c62828", 1.5),
    "PROTECT": ("#ef6c00", 1.5),
    "RESTRICT": ("#8d6e63", 1.5),
    "SET_NULL": ("#1565c0", 1.5),
    "SET_DEFAULT": ("#00838f", 1.5),
    "SET": ("#6a1b9a", 1.5),
    "DO_NOTHING": ("#757575", 1.5),
    "DB_CASCADE": ("#ad1457", 3.5),
    "DB_SET_NULL": ("#283593", 3.5),
    "DB_SET_DEFAULT": ("#2e7d32", 3.5),
}
# kind -> (arrow, colour or None to colour by on_delete, meaning)
EDGE_KINDS = {
    "fk": ("-->", None, "ForeignKey (colour: on_delete)"),
    "o2o": ("==>", None, "OneToOneField (colour: on_delete)"),
    "m2m": ("<-->", "#455a64", "ManyToManyField"),
    "mti": ("--o", "#37474f", "multi-table inheritance (child → parent, implicit one-to-one parent link)"),
    "polymorphic": ("--o", "#8e24aa", "django-polymorphic inheritance (child → parent)"),
    "proxy": ("-.-o", "#0277bd", "proxy model (same table)"),
    "abstract": ("-.->", "#9e9e9e", "abstract base (fields copied, no table)"),
    "generic": ("-.-x", "#f9a825", "GenericForeignKey (content_type + object_id, no constraint)"),
    "generic_relation": ("<-.->", "#f9a825", "GenericRelation (reverse of a GenericForeignKey; cascades deletes)"),
}
# node kind -> (Mermaid shape opening, closing, style, meaning)
NODE_KINDS = {
    "concrete": ('["', '"]', "fill:#ffffff,stroke:#37474f", "model with its own table"),
    "polymorphic": ('[["', '"]]', "fill:#f3e5f5,stroke:#8e24aa", "django-polymorphic model"),
    "proxy": ('(["', '"])', "fill:#e1f5fe,stroke:#0277bd", "proxy model (no table of its own)"),
    "through": ('{{"', '"}}', "fill:#eceff1,stroke:#455a64", "explicit many-to-many through model"),
    "abstract": ('[/"', '"/]', "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:4 3", "abstract base (no table)"),
    "any": ('(("', '"))', "fill:#fff8e1,stroke:#f9a825", "any row of any table"),
}


@dataclass(frozen=True)
class Node:
    id: str
    name: str  # app_label.ModelName
    kind: str
    app_label: str
    table: str | None
    url: str | None = None  # the admin changelist, when the model has one
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    field: str  # the field (or parent link) that makes the relation; "" for proxy/abstract
    on_delete: str | None = None
    note: str = ""

    @property
    def label(self) -> str:
        parts = [self.field] if self.field else []
        if self.on_delete:
            parts.append(self.on_delete)
        if self.note:
            parts.append(self.note)
        return " · ".join(parts) or self.kind


@dataclass
class ModelMap:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    app_names: dict[str, str] = field(default_factory=dict)

    def add_node(self, node: Node) -> None:
        self.nodes.setdefault(node.id, node)

    def mermaid(self, direction: str = "LR") -> str:
        lines = [f"flowchart {direction}"]
        for kind, (_open, _close, style, _meaning) in NODE_KINDS.items():
            lines.append(f"    classDef {kind} {style}")
        for app_label in sorted({n.app_label for n in self.nodes.values()}):
            title = _escape(self.app_names.get(app_label, app_label))
            lines.append(f'    subgraph app_{app_label}["{title}"]')
            for node in sorted((n for n in self.nodes.values() if n.app_label == app_label), key=lambda n: n.id):
                opening, closing, _style, _meaning = NODE_KINDS[node.kind]
                lines.append(f"        {node.id}{opening}{_node_label(node)}{closing}:::{node.kind}")
            lines.append("    end")
        for edge in self.edges:
            arrow = EDGE_KINDS[edge.kind][0]
            lines.append(f'    {edge.source} {arrow}|"{_escape(edge.label)}"| {edge.target}')
        for index, edge in enumerate(self.edges):
            colour, width = edge_colour(edge)
            lines.append(f"    linkStyle {index} stroke:{colour},stroke-width:{width}px,color:{colour}")
        for node in sorted(self.nodes.values(), key=lambda n: n.id):
            if node.url:
                lines.append(f'    click {node.id} href "{node.url}" "Open the {_escape(node.name)} changelist"')
        return "\n".join(lines) + "\n"


def edge_colour(edge: Edge) -> tuple[str, float]:
    _arrow, colour, _meaning = EDGE_KINDS[edge.kind]
    if colour is None:
        return ON_DELETE_STYLES.get(edge.on_delete or "", ("#000000", 1.5))
    return colour, 1.5


def on_delete_name(relation_field) -> str:
    """CASCADE, PROTECT, SET(...), DB_CASCADE…: the on_delete option as it is written in the model."""
    handler = written_on_delete(relation_field)
    if hasattr(handler, "deconstruct"):  # models.SET(value) returns a fresh function
        return "SET"
    return getattr(handler, "__name__", str(handler))


def node_id(model) -> str:
    if model._meta.abstract:
        return f"abstract_{model._meta.app_label}_{model.__name__.lower()}"
    return f"{model._meta.app_label}_{model._meta.model_name}"


def build(app_registry=global_apps, site=None, with_columns: bool = False) -> ModelMap:
    """Walk every model in the registry and return its nodes and edges."""
    site = site or admin.site
    model_map = ModelMap(app_names={c.label: c.verbose_name for c in app_registry.get_app_configs()})
    all_models = app_registry.get_models()
    through_models = {
        f.remote_field.through
        for m in all_models
        for f in m._meta.local_many_to_many
        if not f.remote_field.through._meta.auto_created
    }
    for model in all_models:
        model_map.add_node(
            Node(
                id=node_id(model),
                name=model._meta.label,
                kind=_node_kind(model, through_models),
                app_label=model._meta.app_label,
                table=None if model._meta.proxy else model._meta.db_table,
                url=_changelist_url(model, site),
                columns=_columns(model) if with_columns else (),
            )
        )
        _add_inheritance(model_map, model)
        _add_relations(model_map, model)
    return model_map


def _node_kind(model, through_models) -> str:
    if model._meta.proxy:
        return "proxy"
    if PolymorphicModel is not None and issubclass(model, PolymorphicModel):
        return "polymorphic"
    if model in through_models:
        return "through"
    return "concrete"


def _changelist_url(model, site) -> str | None:
    if not site.is_registered(model):
        return None
    try:
        return reverse(f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return None


def _columns(model) -> tuple[str, ...]:
    if model._meta.proxy:
        return ()
    return tuple(f"{f.column}: {f.get_internal_type()}" for f in model._meta.local_concrete_fields)


def _add_inheritance(model_map: ModelMap, model) -> None:
    if model._meta.proxy:
        parent = model._meta.proxy_for_model
        model_map.edges.append(Edge(node_id(model), node_id(parent), "proxy", "", note="proxy"))
    for parent, link in model._meta.parents.items():
        if link is None or model._meta.proxy:
            continue
        polymorphic = PolymorphicModel is not None and issubclass(parent, PolymorphicModel)
        note = "implicit parent link" if link.auto_created else "parent_link=True"
        kind = "polymorphic" if polymorphic else "mti"
        model_map.edges.append(Edge(node_id(model), node_id(parent), kind, link.name, note=note))
    _add_abstract_bases(model_map, model)


def _add_abstract_bases(model_map: ModelMap, cls) -> None:
    """Edges to the abstract classes among a class's direct bases, then up their own chain."""
    for base in cls.__bases__:
        if not (isinstance(base, type) and issubclass(base, models.Model)) or base is models.Model:
            continue
        if not base._meta.abstract:
            continue
        base_id = node_id(base)
        edge = Edge(node_id(cls), base_id, "abstract", "", note="abstract base")
        if edge in model_map.edges:
            continue
        model_map.add_node(
            Node(base_id, f"{base._meta.app_label}.{base.__name__}", "abstract", base._meta.app_label, None)
        )
        model_map.edges.append(edge)
        _add_abstract_bases(model_map, base)


def _add_relations(model_map: ModelMap, model) -> None:
    if model._meta.proxy:
        return  # a proxy shares its concrete model's fields: drawn once, there
    source = node_id(model)
    for f in model._meta.local_fields:
        if not f.is_relation or not f.concrete:
            continue
        if isinstance(f, models.OneToOneField):
            if f.remote_field.parent_link:
                continue  # drawn as inheritance
            model_map.edges.append(Edge(source, node_id(f.related_model), "o2o", f.name, on_delete_name(f)))
        elif f.many_to_one:
            model_map.edges.append(Edge(source, node_id(f.related_model), "fk", f.name, on_delete_name(f)))
    for f in model._meta.local_many_to_many:
        through = f.remote_field.through
        note = (
            f"auto table {through._meta.db_table}"
            if through._meta.auto_created
            else f"through {through._meta.object_name}"
        )
        model_map.edges.append(Edge(source, node_id(f.related_model), "m2m", f.name, note=note))
    for f in model._meta.private_fields:
        if getattr(f, "mti_inherited", False):
            continue
        if isinstance(f, GenericForeignKey):
            model_map.add_node(Node(ANY_ROW, "any row", "any", "contenttypes", None))
            note = f"GenericForeignKey: {f.ct_field} + {f.fk_field}"
            model_map.edges.append(Edge(source, ANY_ROW, "generic", f.name, note=note))
        elif isinstance(f, GenericRelation):
            note = f"GenericRelation to {f.related_model._meta.label}"
            model_map.edges.append(Edge(source, node_id(f.related_model), "generic_relation", f.name, note=note))


def _node_label(node: Node) -> str:
    parts = [f"<b>{_escape(node.name)}</b>"]
    if node.table:
        parts.append(f"<i>{_escape(node.table)}</i>")
    parts += [_escape(column) for column in node.columns]
    return "<br/>".join(parts)


def _escape(text: str) -> str:
    # A double quote would end the quoted label: Mermaid's entity code for it instead.
    return str(text).replace('"', "#quot;")
