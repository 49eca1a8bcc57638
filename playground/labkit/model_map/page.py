"""The model map's admin page: the diagram, rendered by Mermaid from static files, and its legend."""

from __future__ import annotations

from playground.labkit import labs
from playground.labkit.model_map.graph import EDGE_KINDS, NODE_KINDS, ON_DELETE_STYLES, build


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


def model_map_view(request):
    """The admin lab page: the map of every model, rendered by Mermaid from static files."""
    with_columns = request.GET.get("columns") == "1"
    model_map = build(with_columns=with_columns)
    return labs.render_lab(
        request,
        "model-map",
        "labkit/model_map.html",
        {
            "source": model_map.mermaid(),
            "model_map": model_map,
            "with_columns": with_columns,
            "legend": legend(),
            "model_count": sum(1 for n in model_map.nodes.values() if n.kind not in ("abstract", "any")),
        },
    )
