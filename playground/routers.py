"""A database router that keeps vendor- or feature-specific models out of other databases' commands.

``Meta.required_db_vendor`` and ``Meta.required_db_features`` make ``migrate`` skip a model on
other databases, but ``dumpdata``, ``loaddata`` and ``flush`` ask the routers instead, and with
no router they would reach for a table that does not exist (on SQLite: "no such table"). This
router gives them the same answer ``migrate`` uses (``Options.can_migrate``).

A ``managed = False`` model is kept out the same way: its rows are not its own (a database view
computes them), so ``dumpdata`` would write them out and ``loaddata`` would then try to INSERT
into the view ("cannot modify … because it is a view").
"""

from django.db import connections


class RequiredVendorRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        model = hints.get("model")
        if model is None:
            return None
        if not model._meta.managed:
            return False
        if model._meta.required_db_vendor:
            return model._meta.required_db_vendor == connections[db].vendor
        if model._meta.required_db_features:
            features = connections[db].features
            return all(getattr(features, name, False) for name in model._meta.required_db_features)
        return None
