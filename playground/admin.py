"""Lab pages of the playground app that span every app (registered here so the admin finds them)."""

from playground import labs
from playground.model_map import model_map_view

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
