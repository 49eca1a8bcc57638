"""Seed generator for generic comments on blogs: the volume the Comments comparison needs."""

from django.contrib.contenttypes.models import ContentType

from inheritance.models import GenericComment
from playground import seeding
from relations.models import Blog


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
