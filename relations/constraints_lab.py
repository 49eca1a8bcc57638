"""The DDL of each constraint, as this database's schema editor writes it (or why it writes none).

Shown above each constraint model's changelist, so a learner reads the rule the database
enforces next to the rows it guards.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def constraint_ddl(model, using: str = DEFAULT_DB_ALIAS) -> list[dict]:
    """One entry per Meta.constraints item: its name and its SQL, or the reason there is none."""
    connection = connections[using]
    features = connection.features
    entries = []
    for constraint in model._meta.constraints:
        reason = None
        vendor = model._meta.required_db_vendor
        if vendor and vendor != connection.vendor:
            reason = f"{model.__name__} is a {vendor}-only table (Meta.required_db_vendor): no table here."
        elif getattr(constraint, "nulls_distinct", None) is not None and not (
            features.supports_nulls_distinct_unique_constraints
        ):
            reason = (
                "Not created: this database cannot make NULLs equal in a unique constraint "
                "(supports_nulls_distinct_unique_constraints is False; PostgreSQL 15+ can). "
                "The admin still checks the rule in Python."
            )
        elif getattr(constraint, "deferrable", None) and not features.supports_deferrable_unique_constraints:
            reason = (
                "Not created: this database has no deferrable unique constraints "
                "(supports_deferrable_unique_constraints is False). The admin still checks the rule in Python."
            )
        sql = None
        if reason is None:
            # Not entered as a context manager: SQLite's editor refuses to enter inside a
            # transaction, and collecting SQL needs none.
            editor = connection.schema_editor(collect_sql=True, atomic=False)
            sql = str(constraint.create_sql(model, editor)) + ";"
        entries.append({"name": constraint.name, "sql": sql, "reason": reason})
    return entries
