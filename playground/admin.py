"""Admin of the playground app: the lab pages (the lab models are scratch tables the recipes fill and roll back)."""

from playground.querylab import admin as querylab_admin  # noqa: F401
