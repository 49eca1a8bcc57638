"""Admin of the toolkit: the lab pages that span every app (the model map, the tour) and the tour's own step."""

from playground.labkit import labs, tour
from playground.labkit.model_map import model_map_view

labs.register(
    labs.Lab(
        app_label="labkit",
        slug="model-map",
        title="Model map",
        description=(
            "Every model of the project in one entity-relationship diagram, drawn from the app registry on "
            "each request: foreign keys coloured by on_delete, one-to-one, many-to-many, inheritance and "
            "generic relations. Narrow it to an app, a lesson, or one model and its neighbours (every change "
            'form links here: "Show on the map"); zoom and pan; each view is a permalink.'
        ),
        view=model_map_view,
        order=10,
        # The schema only, no rows (it is in the source code anyway): staff status is enough.
        permissions=(),
    )
)

labs.register(
    labs.Lab(
        app_label="labkit",
        slug=tour.SLUG,
        title="Start here: a guided tour",
        description=(
            "The playground's flows in order, each with a real object of the demo data to open and a note of "
            "what to look for; the steps the database can check turn green when you have done them."
        ),
        view=tour.tour_view,
        order=1,
        # Each step links to pages that check their own permissions; the reload button needs a superuser.
        permissions=(),
    )
)

tour.register(
    tour.Step(
        order=4,
        title="Reload the demo data, and see what setup_demo does when nothing changed",
        look_for=(
            "The loader compares every fixture object with its row and writes only what differs, in one "
            "transaction with the foreign keys checked before commit. Run it twice: the second run reports "
            "every object unchanged; delete something first and it puts exactly that back."
        ),
        links=list,
        done=tour.reloaded_demo,
        form="labkit/includes/tour_reload.html",
    )
)
