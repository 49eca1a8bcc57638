# Demonstrates: SeparateDatabaseAndState, and RunSQL with a reverse_sql.
#
# The database side runs SQL written by hand; the state side tells Django's
# migration state what that SQL amounts to (the Index in ReleaseNote.Meta.indexes),
# so `makemigrations` sees models and migrations agree and generates nothing.
# Without the state operation, the next makemigrations would add the index again.
#
# Why write the SQL by hand at all: on a large PostgreSQL table one would use
# CREATE INDEX CONCURRENTLY (which must run outside a transaction: atomic = False)
# so that writes are not blocked while the index builds. The statement below is kept
# plain so that it runs unchanged on SQLite and PostgreSQL; reverse_sql makes the
# migration reversible (`migrate migrations_lab 0010` drops the index again).

from django.db import migrations, models
from django.db.models.functions import Lower


class Migration(migrations.Migration):
    dependencies = [
        ("migrations_lab", "0010_releasenote_release_back_to_cascade"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql='CREATE INDEX "releasenote_title_lower_idx" ON "migrations_lab_releasenote" (LOWER("title"));',
                    reverse_sql='DROP INDEX "releasenote_title_lower_idx";',
                ),
            ],
            state_operations=[
                migrations.AddIndex(
                    model_name="releasenote",
                    index=models.Index(Lower("title"), name="releasenote_title_lower_idx"),
                ),
            ],
        ),
    ]
