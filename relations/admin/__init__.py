"""Admin for the relations lab, one module per topic (each reads like configuration)."""

from relations.admin import blog  # noqa: F401
