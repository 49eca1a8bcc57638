"""Admin for the inheritance lab, one module per topic (each reads like configuration)."""
