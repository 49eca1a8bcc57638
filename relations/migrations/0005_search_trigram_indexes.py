# Demonstrates: a PostgreSQL-only migration (an extension and indexes Django's model
# state does not describe), CREATE INDEX CONCURRENTLY in a non-atomic migration.
#
# The admin searches blogs by title and by author name/email with icontains, which
# PostgreSQL runs as UPPER(col::text) LIKE UPPER('%word%'). A B-tree cannot answer a
# LIKE with a leading wildcard; a GIN index of the trigrams of UPPER(col::text) can
# (pg_trgm). The expression in the index must be the one Django writes, cast included,
# or the planner will not match it (tests/data_io/test_admin_search.py checks the plan).
#
# Why not Meta.indexes with GinIndex(OpClass(Upper("title"), name="gin_trgm_ops")):
# these models also live on SQLite, where a GIN index cannot be created. So the SQL is
# run on PostgreSQL only, and SQLite gets nothing (its LIKE reads the table anyway).
#
# CONCURRENTLY: on a table already holding a million rows, a plain CREATE INDEX blocks
# every write while it builds. CONCURRENTLY does not, but cannot run in a transaction,
# hence atomic = False. IF NOT EXISTS lets a run that stopped between two indexes be run
# again; but a build that failed half-way leaves an INVALID index of that name behind,
# which IF NOT EXISTS would keep: drop it (DROP INDEX CONCURRENTLY name) before re-running.
#
# The extension is created, never dropped on the way back: other objects may use pg_trgm,
# and it may have been there before (django.contrib.postgres' TrigramExtension would drop it).

from django.db import migrations

INDEXES = {
    "blog_title_trgm_idx": ("relations_blog", "title"),
    "author_name_trgm_idx": ("relations_author", "name"),
    "author_email_trgm_idx": ("relations_author", "email"),
}


class PostgreSQLOnlyRunSQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases (TrigramExtension behaves the same way)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Raw SQL operation (PostgreSQL only)"


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("relations", "0004_primary_keys"),
    ]

    operations = [
        PostgreSQLOnlyRunSQL(sql="CREATE EXTENSION IF NOT EXISTS pg_trgm;", reverse_sql=migrations.RunSQL.noop),
        *(
            PostgreSQLOnlyRunSQL(
                sql=f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops);',
                reverse_sql=f'DROP INDEX CONCURRENTLY IF EXISTS "{name}";',
            )
            for name, (table, column) in INDEXES.items()
        ),
    ]
