from django.apps import AppConfig


class MigrationsLabConfig(AppConfig):
    name = "playground.migrations_lab"
    label = "migrations_lab"
    verbose_name = "Migrations lab"
    lab_description = (
        "A migration history that teaches: a NOT NULL column added to a table with rows, data "
        "migrations with a reverse, renames that keep data, on_delete moved to the database and back."
    )
    lab_order = 40
