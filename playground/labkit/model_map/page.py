"""The model map's admin page: the diagram (the full map or a focused view), rendered by Mermaid
from static files, its legend, and the form whose every answer is a permalink (``focus.MapView``)."""

from __future__ import annotations

from django.apps import apps

from playground.labkit import labs
from playground.labkit.model_map.focus import MAX_HOPS, MapView, lessons
from playground.labkit.model_map.graph import EDGE_KINDS, NODE_KINDS, ON_DELETE_STYLES, build

FOCUS_STYLE = "stroke:#212121,stroke-width:4px"  # the focused model's box stands out among its neighbours


def legend() -> dict[str, list[tuple[str, str, str]]]:
    """The colours and shapes the map uses, for the page's legend: (name, css of a sample, meaning)."""
    on_delete = [
        (name, f"border-top: {width}px solid {colour}", name) for name, (colour, width) in ON_DELETE_STYLES.items()
    ]
    edges = []
    for arrow, colour, meaning in EDGE_KINDS.values():
        line = "dashed" if "." in arrow else "solid"
        width = 3 if "=" in arrow else 1.5
        edges.append((arrow, f"border-top: {width}px {line} {colour or '#000'}", meaning))
    nodes = [
        (
            kind,
            style.replace("fill:", "background:").replace("stroke:", "border: 1px solid ").replace(",", ";"),
            meaning,
        )
        for kind, (_o, _c, style, meaning) in NODE_KINDS.items()
    ]
    return {"on_delete": on_delete, "edges": edges, "nodes": nodes}


def map_source(view: MapView, with_columns: bool = False) -> tuple[str, object, object]:
    """(Mermaid source, the map drawn, the full map) for ``view``."""
    full = build(with_columns=with_columns)
    shown = full if view.is_full else view.apply(full)
    source = shown.mermaid()
    for node in shown.nodes.values():
        if node.name == view.focus:
            source += f"    style {node.id} {FOCUS_STYLE}\n"
    return source, shown, full


def model_map_view(request):
    """The admin lab page: the map of every model, or the part the URL asks for."""
    with_columns = request.GET.get("columns") == "1"
    view = MapView.from_query(request.GET)
    source, shown, full = map_source(view, with_columns)
    toggled = request.GET.copy()
    if with_columns:
        toggled.pop("columns")
    else:
        toggled["columns"] = "1"
    return labs.render_lab(
        request,
        "model-map",
        "labkit/model_map.html",
        {
            "source": source,
            "model_map": shown,
            "view": view,
            "with_columns": with_columns,
            "legend": legend(),
            "model_count": _models_in(shown),
            "total_count": _models_in(full),
            "apps": sorted({(n.app_label, full.app_names.get(n.app_label, n.app_label)) for n in full.nodes.values()}),
            "lessons": sorted(lessons().values(), key=lambda lesson: lesson.title),
            "model_labels": sorted(m._meta.label for m in apps.get_models()),
            "max_hops": MAX_HOPS,
            "columns_link": "?" + toggled.urlencode(),
        },
    )


def _models_in(model_map) -> int:
    return sum(1 for n in model_map.nodes.values() if n.kind not in ("abstract", "any"))
