"""Admin for the inheritance lab, one module per topic (each reads like configuration)."""

from inheritance.admin import comparison, depth, n_plus_one, styles, tour  # noqa: F401
