"""The query and performance lab's pages in the admin (registered from playground/admin.py)."""

from django.urls import reverse

from playground.labkit import labs, tour
from playground.labkit.labs import Lab
from playground.querylab import async_views, views

labs.register(
    Lab(
        app_label="querylab",
        slug="query-lab",
        title="Query lab: recipes with their SQL",
        description="Small ORM recipes over the demo data — F(), Q, aggregates, subqueries, N+1 and its cures "
        "(including Django 6.1 fetch modes), bulk operations, EXPLAIN and indexes — each with its source, the "
        "SQL it sent, the query count and time. Writes are rolled back.",
        view=views.query_lab,
        order=10,
        # The recipes read authors (their emails too), blogs and tickets.
        permissions=("relations.view_author", "relations.view_blog", "querylab.view_supportticket"),
    )
)
labs.register(
    Lab(
        app_label="querylab",
        slug="concurrency",
        title="Concurrency: lost updates and races",
        description="Threads incrementing one counter: read-modify-write loses updates, F() and "
        "select_for_update() do not; get_or_create() racing with and without a unique constraint. PostgreSQL.",
        view=views.concurrency_lab,
        order=20,
        # Commits rows and opens one connection per thread.
        permissions=(labs.WRITING_LABS,),
    )
)
labs.register(
    Lab(
        app_label="querylab",
        slug="connections",
        title="Connection settings and statement_timeout",
        description="CONN_MAX_AGE, CONN_HEALTH_CHECKS and statement_timeout as this process runs with them, "
        "and a slow query that the timeout cancels instead of letting it hang.",
        view=views.connections_lab,
        order=30,
        # Holds a connection in pg_sleep() for seconds.
        permissions=(labs.WRITING_LABS,),
    )
)
labs.register(
    Lab(
        app_label="querylab",
        slug="async-orm",
        title="Async ORM",
        description="Async views using aget, afirst, acount, aexists, async for, acreate, aupdate and adelete; "
        "the same listing sync and async; why transaction.atomic() needs sync_to_async.",
        view=views.async_lab,
        order=40,
        # The async pages list authors and blogs; their writes page also needs WRITING_LABS.
        permissions=async_views.READ_PERMISSIONS,
    )
)

tour.register(
    tour.Step(
        order=8,
        title="The query lab, then the migrations lab",
        look_for=(
            "Each recipe shows its source, the SQL it sent, its query count and time: start with the N+1 and "
            "its cures, then F(), Subquery and bulk operations. The migrations page lists every migration in "
            "the order migrate applies them, with the SQL each would run, computed without applying anything."
        ),
        links=lambda: [
            ("Query lab: recipes with their SQL", reverse("admin:lab-query-lab")),
            ("Migrations: history, SQL and what each teaches", reverse("admin:lab-migrations")),
        ],
    )
)
