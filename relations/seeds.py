"""Seed generators of the relations lab (see playground.labkit.seeding): the chapter's Author and
Blog at volume, tags, and the generic comments the Comments comparison needs."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from playground.labkit import seeding
from relations.models import Author, Blog, GenericComment, Tag


@seeding.register(Author, per_scale=0.1, columns=("id", "name", "email", "bio", "born_on", "created_at", "updated_at"))
def authors(ctx, rng, first_pk, count):
    first_birthday = dt.date(1930, 1, 1).toordinal()
    bios = seeding.sentences(rng, 500, 6, 16)
    for pk in range(first_pk, first_pk + count):
        first, last = rng.choice(seeding.FIRST_NAMES), rng.choice(seeding.LAST_NAMES)
        created = ctx.timestamp(rng)
        yield (
            pk,
            f"{first} {last}",
            # The pk keeps the email unique however many namesakes there are.
            f"{first}.{last}.{pk}@example.com".lower(),
            rng.choice(bios) if rng.random() < 0.7 else "",
            dt.date.fromordinal(first_birthday + rng.randrange(25_000)) if rng.random() < 0.8 else None,
            created,
            created + dt.timedelta(seconds=rng.randrange(10_000_000)),
        )


@seeding.register(
    Blog,
    per_scale=1,
    columns=(
        "id",
        "title",
        "body",
        "status",
        "published_at",
        "views",
        "author_id",
        "editor_id",
        "created_at",
        "updated_at",
    ),
    depends_on=(Author,),
)
def blogs(ctx, rng, first_pk, count):
    author = ctx.pk_picker(Author)
    published, draft = Blog.Status.PUBLISHED.value, Blog.Status.DRAFT.value
    bodies = seeding.sentences(rng, 2000, 10, 40)
    for pk in range(first_pk, first_pk + count):
        created = ctx.timestamp(rng)
        is_published = rng.random() < 0.7
        yield (
            pk,
            f"{rng.choice(seeding.ADJECTIVES).capitalize()} {rng.choice(seeding.WORDS)} {rng.choice(seeding.WORDS)}s",
            rng.choice(bodies),
            published if is_published else draft,
            created + dt.timedelta(hours=rng.randrange(1, 2000)) if is_published else None,
            # A long tail: most blogs are read a little, a few a lot.
            min(int(rng.paretovariate(1.2) * 10), 10_000_000) if is_published else 0,
            author(rng),
            author(rng) if rng.random() < 0.3 else None,
            created,
            created,
        )


@seeding.register(Tag, per_scale=0.01, columns=("id", "name"))
def tags(ctx, rng, first_pk, count):
    # The pk keeps the name unique (Tag.name is the natural key) however small the vocabulary.
    for pk in range(first_pk, first_pk + count):
        yield (pk, f"{rng.choice(seeding.WORDS)}-{pk}")


@seeding.register(
    GenericComment,
    per_scale=0.5,
    columns=("id", "content_type_id", "object_id", "commenter", "body", "created_at", "updated_at"),
    depends_on=(Blog,),
)
def generic_comments(ctx, rng, first_pk, count):
    # Read before the first row is yielded, while the connection can still answer (see seed()).
    blog_type = ContentType.objects.db_manager(ctx.using).get_for_model(Blog).pk
    blog = ctx.pk_picker(Blog)
    bodies = [f"{rng.choice(seeding.ADJECTIVES).capitalize()} {rng.choice(seeding.WORDS)}." for _ in range(500)]
    for pk in range(first_pk, first_pk + count):
        stamp = ctx.timestamp(rng)
        yield (pk, blog_type, blog(rng), f"{rng.choice(seeding.FIRST_NAMES)}", rng.choice(bodies), stamp, stamp)
