"""Seed generators of the relations lab beyond Author and Blog (see playground.seeding)."""

from playground import seeding
from relations.models import Tag


@seeding.register(Tag, per_scale=0.01, columns=("id", "name"))
def tags(ctx, rng, first_pk, count):
    # The pk keeps the name unique (Tag.name is the natural key) however small the vocabulary.
    for pk in range(first_pk, first_pk + count):
        yield (pk, f"{rng.choice(seeding.WORDS)}-{pk}")
