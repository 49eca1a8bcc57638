"""Admin of the playground app: lab pages that span every app.

The query lab's models are scratch tables its recipes fill and roll back, so they have no
ModelAdmin; its pages are registered by playground.querylab.admin.
"""

from playground import labs
from playground.migrations_lab import admin as migrations_lab_admin  # noqa: F401
from playground.model_map import model_map_view
from playground.querylab import admin as querylab_admin  # noqa: F401

labs.register(
    labs.Lab(
        app_label="playground",
        slug="model-map",
        title="Model map",
        description=(
            "Every model of the project in one entity-relationship diagram, drawn from the app registry on "
            "each request: foreign keys coloured by on_delete, one-to-one, many-to-many, inheritance and "
            "generic relations. Click a model to open its changelist."
        ),
        view=model_map_view,
        order=10,
    )
)
