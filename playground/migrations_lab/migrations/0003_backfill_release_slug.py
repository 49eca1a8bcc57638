# Demonstrates: a data migration (RunPython) with a real reverse_code, step 2 of 3 of
# adding a NOT NULL column to a table that already has rows.
#
#   0002 added ``slug`` as NULL-able: existing rows get NULL, nothing fails.
#   0003 (this file) fills every NULL slug from name and version, in batches.
#   0004 makes the column NOT NULL and UNIQUE, which now succeeds.
#
# It uses apps.get_model(): the historical model as of this migration, not the
# class in models.py (which may have changed since, or gained fields this
# database does not have yet). Rows are read and written in batches so that a big
# table is never loaded into memory at once. The reverse sets the slugs back to
# NULL, exactly what 0002 left, so `migrate migrations_lab 0002` loses no row.

from django.db import migrations
from django.utils.text import slugify

BATCH_SIZE = 500


def unique_slug(base, taken):
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def backfill_slugs(apps, schema_editor):
    Release = apps.get_model("migrations_lab", "Release")
    db = schema_editor.connection.alias
    taken = set(Release.objects.using(db).exclude(slug=None).values_list("slug", flat=True))
    last_pk = 0
    while True:
        # Keyset pagination (pk > last seen): stable while rows are being updated.
        batch = list(Release.objects.using(db).filter(slug=None, pk__gt=last_pk).order_by("pk")[:BATCH_SIZE])
        if not batch:
            break
        for release in batch:
            # "Django 6.1" -> "django-6-1" (slugify alone would drop the dot: "django-61").
            base = slugify(f"{release.name} {release.version}".replace(".", " "))[:130] or "release"
            release.slug = unique_slug(base, taken)
        Release.objects.using(db).bulk_update(batch, ["slug"])
        last_pk = batch[-1].pk


def clear_slugs(apps, schema_editor):
    Release = apps.get_model("migrations_lab", "Release")
    Release.objects.using(schema_editor.connection.alias).update(slug=None)


class Migration(migrations.Migration):
    dependencies = [
        ("migrations_lab", "0002_release_slug_nullable"),
    ]

    operations = [
        migrations.RunPython(backfill_slugs, reverse_code=clear_slugs, elidable=False),
    ]
