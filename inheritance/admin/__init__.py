"""Admin for the inheritance lab, one module per topic (each reads like configuration)."""

from inheritance.admin import comments, comparison, styles  # noqa: F401
