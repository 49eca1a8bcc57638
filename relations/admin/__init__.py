"""Admin for the relations lab, one module per topic (each reads like configuration)."""

from relations.admin import (
    blog,  # noqa: F401
    comments,  # noqa: F401
    composite_keys,  # noqa: F401
    constraints,  # noqa: F401
    db_on_delete,  # noqa: F401
    db_views,  # noqa: F401
    field_options,  # noqa: F401
    foreign_keys,  # noqa: F401
    keys,  # noqa: F401
    many_to_many,  # noqa: F401
    matrix,  # noqa: F401
    n_plus_one,  # noqa: F401
    normalisation,  # noqa: F401
    on_delete,  # noqa: F401
    one_to_one,  # noqa: F401
    relationship_options,  # noqa: F401
    restrict,  # noqa: F401
    tour,  # noqa: F401
    tree,  # noqa: F401
)
