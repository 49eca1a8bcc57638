"""What the at-scale benchmarks share: seeding to a scale (or reusing it) and a logged-in client.

Import it after ``django.setup()``, as the benchmarks import the project's models.
"""

import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from playground.labkit import seeding
from relations.models import Author, Blog, GenericComment


def ensure_scale(scale):
    """``scale`` blogs (and a tenth as many authors), seeded unless already there; fresh statistics."""
    if Blog.objects.count() == scale and Author.objects.count() == scale // 10:
        print(f"Reusing the {scale:,} blogs already seeded.")
    else:
        started = time.perf_counter()
        seeding.seed(seeding.plan(scale), reset=True)
        print(f"Seeded {scale:,} blogs in {time.perf_counter() - started:.0f}s.")
    with connection.cursor() as cursor:
        for model in (Author, Blog, GenericComment):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def bench_client() -> Client:
    """A test client logged in as the benchmark's superuser (created once)."""
    connection.settings_dict["AUTOCOMMIT"] = True  # VACUUM cannot run in a transaction
    User = get_user_model()
    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", "bench@example.com", "bench"
    )
    client = Client()
    client.force_login(user)
    return client
