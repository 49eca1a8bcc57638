"""Admin for the inheritance lab, one module per topic (each reads like configuration)."""

from inheritance.admin import comparison, styles, tour  # noqa: F401
