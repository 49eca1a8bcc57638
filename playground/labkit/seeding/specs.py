"""The seed registry: generators register per model; a run's context hands them keys and a clock."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.module_loading import autodiscover_modules


class SeedError(Exception):
    """Seeding could not run; nothing was written."""


# --- The registry --------------------------------------------------------------

RowGenerator = Callable[["SeedContext", random.Random, int, int], Iterator[tuple]]


@dataclass(frozen=True)
class SeedSpec:
    model: type[Model]
    per_scale: float
    columns: tuple[str, ...]
    generate: RowGenerator
    depends_on: tuple[type[Model], ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label

    def count_for(self, scale: int) -> int:
        return round(scale * self.per_scale)


_registry: dict[str, SeedSpec] = {}


def register(model, *, per_scale: float, columns: Iterable[str], depends_on: Iterable[type[Model]] = ()):
    """Register ``fn(ctx, rng, first_pk, count)`` as the row generator of ``model``.

    ``per_scale``: rows per unit of ``--scale`` (the scale is the number of blogs).
    ``columns``: the column names (``attname``: ``author_id``) the yielded tuples fill.
    """

    def decorator(fn: RowGenerator) -> RowGenerator:
        spec = SeedSpec(model, per_scale, tuple(columns), fn, tuple(depends_on))
        _registry[spec.label] = spec
        return fn

    return decorator


def registry() -> list[SeedSpec]:
    """Every generator, dependencies first (labs register from ``<app>/seeds.py``)."""
    autodiscover_modules("seeds")
    ordered: list[SeedSpec] = []
    placed: set[str] = set()

    def place(spec: SeedSpec, path: tuple[str, ...] = ()) -> None:
        if spec.label in placed:
            return
        if spec.label in path:
            raise SeedError(f"Seed generators depend on each other in a circle: {' -> '.join(path)}")
        for dependency in spec.depends_on:
            if dependency._meta.label in _registry:
                place(_registry[dependency._meta.label], (*path, spec.label))
        ordered.append(spec)
        placed.add(spec.label)

    for spec in list(_registry.values()):
        place(spec)
    return ordered


# --- What a generator gets -----------------------------------------------------


@dataclass
class SeedContext:
    """Shared state of one run: which keys exist for each model, a fixed clock."""

    using: str
    new_pks: dict[str, range] = field(default_factory=dict)
    _existing: dict[str, list[int]] = field(default_factory=dict)

    # A fixed "now": timestamps must not depend on the day the seed runs.
    epoch = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    span_seconds = 6 * 365 * 24 * 3600

    def timestamp(self, rng: random.Random) -> dt.datetime:
        return self.epoch + dt.timedelta(seconds=rng.randrange(self.span_seconds))

    def prepare(self, spec: SeedSpec) -> None:
        """Read the keys ``spec`` refers to *before* its rows are written.

        A generator runs while COPY is streaming, when the connection can send no other
        query: every key it needs must be known by then.
        """
        for model in spec.depends_on:
            label = model._meta.label
            if self.new_pks.get(label) or label in self._existing:
                continue
            existing = list(model._base_manager.using(self.using).order_by("pk").values_list("pk", flat=True))
            if not existing:
                raise SeedError(
                    f"Cannot seed {spec.label}: its rows refer to {label}: there are none. Seed {label} too."
                )
            self._existing[label] = existing

    def keys(self, model: type[Model]) -> range | list[int]:
        """The pks of ``model`` a generator may refer to, in order (this run's rows first)."""
        label = model._meta.label
        if self.new_pks.get(label):
            return self.new_pks[label]
        if label not in self._existing:
            raise SeedError(f"{label} is not among the generator's depends_on: its keys were not read.")
        return self._existing[label]

    def pk_picker(self, model: type[Model]) -> Callable[[random.Random], int]:
        """A function returning a random existing pk of ``model`` (rows of this run first).

        ``model`` must be in the generator's ``depends_on``.
        """
        label = model._meta.label
        new = self.new_pks.get(label)
        if new:
            start, size = new.start, len(new)
            return lambda rng: start + int(rng.random() * size)
        if label not in self._existing:
            raise SeedError(f"{label} is not among the generator's depends_on: its keys were not read.")
        existing = self._existing[label]
        return lambda rng: existing[int(rng.random() * len(existing))]
