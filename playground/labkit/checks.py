"""A database check: a development database from before the custom user model and the app layout.

Switching ``AUTH_USER_MODEL`` and moving models between apps cannot be migrated in place:
such a database must be recreated. ``migrate`` runs database-tagged checks before it
migrates, so this check stops it with one line saying what to do, instead of Django's
``InconsistentMigrationHistory``; ``setup_demo`` asks the same question.
"""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections

# App labels whose migrations only a database from before the current layout has applied.
RETIRED_APP_LABELS = ("playground",)


def old_schema_message(connection) -> str:
    """One line if the database predates the custom user model and the app layout, else ''."""
    try:
        tables = set(connection.introspection.table_names())
        if "django_migrations" not in tables:
            return ""
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(RETIRED_APP_LABELS))
            cursor.execute(f"SELECT COUNT(*) FROM django_migrations WHERE app IN ({placeholders})", RETIRED_APP_LABELS)
            retired = cursor.fetchone()[0]
    except DatabaseError:
        return ""  # an unreachable database is reported by whoever connects first
    if retired or ("auth_user" in tables and "users_user" not in tables):
        name = connection.settings_dict["NAME"]
        return (
            f"The database {name} was created before the custom user model and the new app layout: "
            "recreate it (SQLite: rm db.sqlite3; PostgreSQL: dropdb and createdb), then run `make run` again."
        )
    return ""


@register(Tags.database)
def check_old_schema(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        message = old_schema_message(connections[alias])
        if message:
            errors.append(Error(message, id="labkit.E001"))
    return errors
