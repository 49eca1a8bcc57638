"""The model map: an entity-relationship diagram of every model, built from the app registry.

Nothing is drawn by hand and nothing is checked in: ``build()`` walks ``apps.get_models()``
each time it is called and ``ModelMap.mermaid()`` writes Mermaid flowchart source, which
the admin page renders in the browser (Mermaid is served from the project's static files,
so it works offline and without Graphviz) and ``manage.py model_map`` prints for docs.

What is drawn, and how:
- every concrete, proxy and polymorphic model, grouped per app; abstract bases as
  parallelograms (they have no table);
- ForeignKey (arrow) and OneToOneField (thick arrow), coloured by on_delete, the
  database-level DB_* options thicker and in colours of their own;
- ManyToManyField (double arrow), naming the through model or the auto-created table;
- inheritance, child to parent: multi-table (circle end), polymorphic (circle end, purple),
  proxy (dotted, circle end), abstract (dotted arrow to the abstract base);
- GenericForeignKey (dotted, cross end, to "any row") and GenericRelation (dotted double arrow).

``focus`` narrows the map to an app, a lesson (declared by the lesson apps) or one model and
its neighbours within N hops; the page's URL says which (``?focus=relations.Parent&hops=1``),
so every change form links to its model's place on the map.
"""

from playground.labkit.model_map.focus import MapView, lessons, neighbourhood
from playground.labkit.model_map.graph import ON_DELETE_STYLES, Edge, ModelMap, Node, build
from playground.labkit.model_map.page import legend, model_map_view

__all__ = [
    "ON_DELETE_STYLES",
    "Edge",
    "MapView",
    "ModelMap",
    "Node",
    "build",
    "legend",
    "lessons",
    "model_map_view",
    "neighbourhood",
]
