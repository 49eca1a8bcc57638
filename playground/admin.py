from playground.migrations_lab import admin as migrations_lab_admin  # noqa: F401
