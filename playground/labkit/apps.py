from django.apps import AppConfig


class LabkitConfig(AppConfig):
    """The shared toolkit every lab uses; it knows no lesson (see the import contracts in pyproject.toml)."""

    name = "playground.labkit"
    label = "labkit"
    verbose_name = "Playground toolkit"
    lab_description = "What every lab is built from, and the map of every model of the project."
    lab_order = 90

    def ready(self):
        from playground.labkit import checks  # noqa: F401  (registers the old-schema check)
