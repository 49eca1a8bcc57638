# Demonstrates: a data migration that fills a denormalised count, batched, with a
# reverse that puts back exactly what was there before (0, the column's db_default).
#
# The count is computed by the database (one GROUP BY per batch) and written back
# with bulk_update, BATCH_SIZE releases at a time, so neither memory nor a single
# long UPDATE grows with the table. apps.get_model() returns the historical models:
# at this point in history the note model is still called Note, with ``summary``.
#
# When to avoid a data migration: data that only a test or a demo needs belongs in
# fixtures; a data migration runs on every database, forever, including new ones.

from django.db import migrations
from django.db.models import Count

BATCH_SIZE = 500


def count_notes(apps, schema_editor):
    Release = apps.get_model("migrations_lab", "Release")
    db = schema_editor.connection.alias
    last_pk = 0
    while True:
        batch = list(
            Release.objects.using(db)
            .filter(pk__gt=last_pk)
            .order_by("pk")
            .annotate(counted=Count("notes"))[:BATCH_SIZE]
        )
        if not batch:
            break
        for release in batch:
            release.note_count = release.counted
        Release.objects.using(db).bulk_update(batch, ["note_count"])
        last_pk = batch[-1].pk


def reset_counts(apps, schema_editor):
    Release = apps.get_model("migrations_lab", "Release")
    Release.objects.using(schema_editor.connection.alias).update(note_count=0)


class Migration(migrations.Migration):
    dependencies = [
        ("migrations_lab", "0005_release_note_count_db_default"),
    ]

    operations = [
        migrations.RunPython(count_notes, reverse_code=reset_counts, elidable=False),
    ]
