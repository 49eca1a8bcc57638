"""Whether a model has a table (or a view) on the test database, asked of the database itself."""

from django.db import connection


def has_table(model) -> bool:
    """False for a model ``Meta.required_db_features`` kept off this database (relations.Parcel on PostgreSQL < 18).

    Asked of the database, not of the router: the router also says no for a ``managed = False``
    model over a view, whose rows exist but are not its own to dump or load.
    """
    return model._meta.db_table in connection.introspection.table_names(include_views=True)
