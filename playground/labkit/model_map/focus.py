"""Focusing the model map: one app, one lesson, or one model and its neighbours within N hops.

The full map draws some 70 models; a learner looking for the on_delete family or for one
model's relations needs less. A view is a set of models, and the map drawn is the part of
the full map between them (every relation among the models kept, none to a model left out).
Each view is a URL, so it can be linked from anywhere (a change form's "Show on the map"):

    ?app=<app_label>                       every model of one app
    ?lesson=<slug>                         the models of one lesson (below)
    ?focus=<app_label.Model>&hops=N        one model and its neighbours within N relations (default 1)

The filters combine (each narrows the view). Lessons are declared by the lesson apps, never
here (the toolkit knows no lesson): an AppConfig may name the modules whose models make a lesson,

    map_lessons = {"on-delete": ("The on_delete family", ["relations.models.on_delete", ...])}

and a model belongs to it when it is defined in one of those modules (or a module under them),
so a model added to a lesson's module joins the lesson's map without being listed anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as global_apps

from playground.labkit.model_map.graph import ModelMap

DEFAULT_HOPS = 1
MAX_HOPS = 6


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    app_label: str
    modules: tuple[str, ...]

    def teaches(self, model) -> bool:
        return any(model.__module__ == m or model.__module__.startswith(m + ".") for m in self.modules)


def lessons(app_registry=global_apps) -> dict[str, Lesson]:
    """Every lesson the installed apps declare (``AppConfig.map_lessons``), by slug."""
    found = {}
    for config in app_registry.get_app_configs():
        for slug, (title, modules) in getattr(config, "map_lessons", {}).items():
            found[slug] = Lesson(slug, title, config.label, tuple(modules))
    return found


@dataclass
class MapView:
    """What the map's URL asks for, checked against the registry; ``errors`` says what was ignored."""

    app: str = ""
    lesson: str = ""
    focus: str = ""  # "app_label.Model"
    hops: int = DEFAULT_HOPS
    errors: list[str] = field(default_factory=list)

    @property
    def is_full(self) -> bool:
        return not (self.app or self.lesson or self.focus)

    @classmethod
    def from_query(cls, query, app_registry=global_apps) -> MapView:
        view = cls(app=query.get("app", "").strip(), lesson=query.get("lesson", "").strip())
        view.focus = query.get("focus", "").strip()
        try:
            view.hops = min(max(int(query.get("hops", DEFAULT_HOPS)), 0), MAX_HOPS)
        except ValueError:
            view.errors.append(f"hops must be a number from 0 to {MAX_HOPS}: showing {DEFAULT_HOPS}.")
        if view.app and view.app not in {c.label for c in app_registry.get_app_configs()}:
            view.errors.append(f"No app is labelled {view.app!r}: the app filter is ignored.")
            view.app = ""
        if view.lesson and view.lesson not in lessons(app_registry):
            view.errors.append(f"No lesson is called {view.lesson!r}: the lesson filter is ignored.")
            view.lesson = ""
        if view.focus:
            try:
                view.focus = app_registry.get_model(view.focus)._meta.label
            except (LookupError, ValueError):
                view.errors.append(f"No model is called {view.focus!r} (write app_label.Model): showing no focus.")
                view.focus = ""
        return view

    def apply(self, model_map: ModelMap, app_registry=global_apps) -> ModelMap:
        """The part of ``model_map`` this view keeps."""
        keep = set(model_map.nodes)
        if self.app:
            keep &= {n.id for n in model_map.nodes.values() if n.app_label == self.app}
        if self.lesson:
            lesson = lessons(app_registry)[self.lesson]
            labels = {m._meta.label for m in app_registry.get_models() if lesson.teaches(m)}
            keep &= {n.id for n in model_map.nodes.values() if n.name in labels}
        if self.focus:
            (start,) = [n.id for n in model_map.nodes.values() if n.name == self.focus]
            keep &= neighbourhood(model_map, start, self.hops)
        return subset(model_map, keep)


def neighbourhood(model_map: ModelMap, start: str, hops: int) -> set[str]:
    """``start`` and every box within ``hops`` relations of it, whichever way the relations point."""
    links: dict[str, set[str]] = {}
    for edge in model_map.edges:
        links.setdefault(edge.source, set()).add(edge.target)
        links.setdefault(edge.target, set()).add(edge.source)
    seen, frontier = {start}, {start}
    for _ in range(hops):
        frontier = {n for current in frontier for n in links.get(current, ())} - seen
        seen |= frontier
    return seen


def subset(model_map: ModelMap, keep: set[str]) -> ModelMap:
    """The boxes in ``keep`` and every relation between two of them."""
    return ModelMap(
        nodes={key: node for key, node in model_map.nodes.items() if key in keep},
        edges=[edge for edge in model_map.edges if edge.source in keep and edge.target in keep],
        app_names=model_map.app_names,
    )
