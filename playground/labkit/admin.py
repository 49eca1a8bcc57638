"""Admin of the toolkit: the one lab page that spans every app, the model map."""

from playground.labkit import labs
from playground.labkit.model_map import model_map_view

labs.register(
    labs.Lab(
        app_label="labkit",
        slug="model-map",
        title="Model map",
        description=(
            "Every model of the project in one entity-relationship diagram, drawn from the app registry on "
            "each request: foreign keys coloured by on_delete, one-to-one, many-to-many, inheritance and "
            "generic relations. Click a model to open its changelist."
        ),
        view=model_map_view,
        order=10,
        # The schema only, no rows (it is in the source code anyway): staff status is enough.
        permissions=(),
    )
)
