"""Recipes that write (rolled back by the lab): bulk operations, get_or_create/update_or_create, atomic()."""

from django.db import IntegrityError, transaction
from django.db.models import F, Field, Sum

from playground.querylab.models import UniqueTag
from playground.querylab.recipes.registry import recipe, sample
from relations.models import Author, Blog

# --- Bulk operations -----------------------------------------------------------------


@recipe(
    "create-loop",
    "20 × create()",
    topic="bulk",
    lesson="One INSERT per object, one round trip each.",
)
def create_in_a_loop():
    return [UniqueTag.objects.create(name=f"tag-{n}").pk for n in range(20)]


@recipe(
    "bulk-create",
    "bulk_create() of 20 objects",
    topic="bulk",
    lesson="One multi-row INSERT. No save() and no pre/post_save signals; on PostgreSQL and SQLite the "
    "primary keys come back through RETURNING.",
)
def bulk_create():
    return [tag.pk for tag in UniqueTag.objects.bulk_create([UniqueTag(name=f"tag-{n}") for n in range(20)])]


@recipe(
    "save-loop-update",
    "Change every blog, save() each",
    topic="bulk",
    lesson="One SELECT, then one UPDATE per blog: 1 + N.",
)
def save_loop_update():
    blogs = list(sample(Blog.objects))
    for blog in blogs:
        blog.views += 1
        blog.save(update_fields=["views"])
    return len(blogs)


@recipe(
    "bulk-update",
    "Change every blog, bulk_update() once",
    topic="bulk",
    lesson="One SELECT and one UPDATE … SET views = CASE WHEN id = … for all of them.",
)
def bulk_update():
    blogs = list(sample(Blog.objects))
    for blog in blogs:
        blog.views += 1
    return Blog.objects.bulk_update(blogs, ["views"])


# --- get_or_create / update_or_create ------------------------------------------------


@recipe(
    "get-or-create",
    "get_or_create() twice",
    topic="get-or-create",
    lesson="The first call finds nothing and INSERTs inside a savepoint (so a concurrent INSERT's "
    "IntegrityError could be caught and answered with a second SELECT); the second call only SELECTs.",
)
def get_or_create_twice():
    first, created_first = UniqueTag.objects.get_or_create(name="performance")
    second, created_second = UniqueTag.objects.get_or_create(name="performance")
    return {"first created": created_first, "second created": created_second, "same row": first.pk == second.pk}


def fields_with_own_pre_save(model) -> list[str]:
    """The non-key columns whose field class overrides ``Field.pre_save`` (Django's rule in update_or_create)."""
    return [
        field.name
        for field in model._meta.local_concrete_fields
        if not field.primary_key and type(field).pre_save is not Field.pre_save
    ]


@recipe(
    "update-or-create",
    "update_or_create() of an existing author",
    topic="get-or-create",
    lesson="Inside a savepoint, the row is read with SELECT … FOR UPDATE (on PostgreSQL), then saved with "
    "update_fields = the keys of defaults plus every field whose class overrides pre_save(): "
    "auto_now/auto_now_add timestamps, but also any DateField/DateTimeField, even without auto_now "
    "(born_on here). Not only the changed fields: the UPDATE below says which.",
)
def update_or_create():
    author, created = Author.objects.update_or_create(
        email="ada@example.com", defaults={"bio": "Wrote the first published algorithm (updated)."}
    )
    return {"created": created, "written besides defaults": fields_with_own_pre_save(Author), "bio": author.bio}


@recipe(
    "save-update-fields",
    "save(update_fields=['bio']): only the named column",
    topic="get-or-create",
    lesson="To write only what changed, name it: save(update_fields=[...]) sends exactly those columns "
    "(auto_now fields too only if you name them).",
)
def save_update_fields():
    author = Author.objects.get(email="ada@example.com")
    author.bio = "Wrote the first published algorithm (updated)."
    author.save(update_fields=["bio"])
    return {"bio": author.bio}


# --- transaction.atomic --------------------------------------------------------------


@recipe(
    "atomic-rollback",
    "A multi-row update that fails half-way",
    topic="transactions",
    lesson="Every blog gets +10 views, then a second UPDATE breaks the views >= 0 CHECK constraint of "
    "PositiveIntegerField: atomic() rolls back both, so the total is unchanged.",
)
def atomic_rolls_back_a_failed_update():
    before = sample(Blog.objects).aggregate(total=Sum("views"))["total"]
    try:
        with transaction.atomic():
            sample(Blog.objects).update(views=F("views") + 10)
            sample(Blog.objects).update(views=F("views") - 500)
    except IntegrityError as err:
        error = f"{type(err).__name__}: {err}"
    else:
        error = None
    after = sample(Blog.objects).aggregate(total=Sum("views"))["total"]
    return {"error": error, "total views before": before, "total views after": after}
