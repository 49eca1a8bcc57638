"""Which demo fixtures exist, and in which order they can be loaded: found, not listed.

Every ``*.json`` file in ``FIXTURE_DIRS`` is a demo fixture. A file must be loaded after the
files holding the rows it refers to: its models' foreign keys, one-to-ones, many-to-manys and
multi-table parents, and the targets its generic foreign keys name by content type. Those
references are read from the models and the files themselves, and the files are sorted
topologically, by name wherever the references allow, so adding a fixture means adding a file, nothing else.
"""

from __future__ import annotations

import heapq
import json
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType


class FixtureOrderError(Exception):
    """The fixtures cannot be put in an order: unreadable, unknown models, or a circle."""


def fixture_files() -> list[Path]:
    files: dict[str, Path] = {}
    for directory in settings.FIXTURE_DIRS:
        for path in sorted(Path(directory).glob("*.json")):
            files.setdefault(path.name, path)
    return list(files.values())


def _models_in(path: Path) -> tuple[set[str], set[str]]:
    """(models the file holds rows of, models its generic keys point at), as lower-case labels."""
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FixtureOrderError(f"{path.name} is not a valid fixture: {err}") from err
    held, generic_targets = set(), set()
    for obj in objects if isinstance(objects, list) else []:
        if not isinstance(obj, dict) or not isinstance(obj.get("model"), str):
            continue
        held.add(obj["model"].lower())
        for value in (obj.get("fields") or {}).values():
            # A content type by natural key: ["relations", "blog"].
            if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
                if _is_model(value[0], value[1]):
                    generic_targets.add(f"{value[0]}.{value[1]}".lower())
    return held, generic_targets


def _is_model(app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return False
    return True


def _references(label: str) -> set[str]:
    """Labels of the models rows of ``label`` may refer to (not itself)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as err:
        raise FixtureOrderError(f"A fixture holds rows of {label!r}, which is not a model: {err}") from err
    targets = set()
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if related is None or related is ContentType or field.auto_created and not field.concrete:
            continue
        if field.is_relation and (field.many_to_one or field.one_to_one or field.many_to_many):
            targets.add(related._meta.label_lower)
    for parent in model._meta.get_parent_list():
        targets.add(parent._meta.label_lower)
    targets.discard(model._meta.label_lower)
    return targets


def ordered_fixtures() -> list[Path]:
    """Every fixture file, each after the files holding the rows it refers to."""
    files = fixture_files()
    holders: dict[str, set[str]] = {}
    needs: dict[str, set[str]] = {}
    for path in files:
        held, generic_targets = _models_in(path)
        try:
            needs[path.name] = generic_targets.union(*(_references(label) for label in held)) - held
        except FixtureOrderError as err:
            raise FixtureOrderError(f"{path.name} is not a valid fixture: {err}") from err
        for label in held:
            holders.setdefault(label, set()).add(path.name)
    graph = {
        path.name: {holder for label in needs[path.name] for holder in holders.get(label, ())} - {path.name}
        for path in files
    }
    by_name = {path.name: path for path in files}
    return [by_name[name] for name in _name_ordered_topological_sort(graph)]


def _name_ordered_topological_sort(graph: dict[str, set[str]]) -> list[str]:
    """Each file after its dependencies, and otherwise by name: at every step the first ready name.

    So when the names already sort in dependency order (the numeric prefixes of
    ``fixtures/``), this order *is* the sorted order, and ``ls fixtures/`` loads correctly.
    """
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        raise FixtureOrderError(f"The fixtures refer to each other in a circle: {' -> '.join(err.args[1])}") from err
    waiting = {name: set(needs) for name, needs in graph.items()}
    ready = [name for name, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, needs in waiting.items():
            if name in needs:
                needs.discard(name)
                if not needs:
                    heapq.heappush(ready, other)
    return order
