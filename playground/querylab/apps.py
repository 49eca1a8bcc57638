from django.apps import AppConfig


class QueryLabConfig(AppConfig):
    name = "playground.querylab"
    label = "querylab"
    verbose_name = "Query and performance lab"
    # Shown under the app's heading on the admin index: what this lab teaches.
    lab_description = (
        "The ORM under the microscope: recipes with their SQL, query plans, indexes, "
        "fetch modes, bulk operations, concurrency and the async ORM."
    )
    lab_order = 30
    # Sub-headings on the index (see relations/apps.py).
    admin_groups = (
        ("concurrency", ("hitcounter", "uniquetag", "loosetag")),
        ("indexes", ("supportticket", "labelledticket")),
    )
