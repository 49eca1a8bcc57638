"""A database router that keeps PostgreSQL-only models out of other databases' commands.

``Meta.required_db_vendor`` makes ``migrate`` skip a model on other databases, but
``dumpdata``, ``loaddata`` and ``flush`` ask the routers instead, and with no router they
would reach for a table that does not exist (on SQLite: "no such table"). This router gives
them the same answer ``migrate`` uses.
"""

from django.db import connections


class RequiredVendorRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        model = hints.get("model")
        if model is not None and model._meta.required_db_vendor:
            return model._meta.required_db_vendor == connections[db].vendor
        return None
