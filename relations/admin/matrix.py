"""The on_delete matrix as a lab page on the admin index (the same rows as ``manage.py ondelete_matrix``)."""

from django.db import connection

from playground.labkit import labs
from playground.labkit.deletion import OUTCOMES
from relations.matrix import compute_matrix


def ondelete_matrix_view(request):
    rows = compute_matrix()
    return labs.render_lab(
        request,
        "ondelete-matrix",
        "relations/labs/ondelete_matrix.html",
        {"rows": rows, "outcomes": OUTCOMES, "connection_vendor": connection.vendor},
    )


labs.register(
    labs.Lab(
        app_label="relations",
        slug="ondelete-matrix",
        title="on_delete matrix",
        description=(
            "Every on_delete option × instance.delete() and QuerySet.delete(), run now on this database in "
            "rolled-back transactions: what happens to the children, what delete() returns or raises, "
            "whether the children's signals fire, the SQL, and the ON DELETE clause in the live schema."
        ),
        view=ondelete_matrix_view,
        order=10,
        permissions=("relations.view_parent", "relations.view_dbparent"),
    )
)
