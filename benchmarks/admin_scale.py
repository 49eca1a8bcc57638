"""Admin latency at 1,000 vs 1,000,000 blogs (PostgreSQL): changelists, change forms, autocomplete.

    DATABASE_URL=postgres://root@127.0.0.1:5432/pg_dataio_bench .venv/bin/python benchmarks/admin_scale.py

Seeds the big scale (or reuses it when ``benchmarks/seed.py --keep`` left it there), runs
ANALYZE, times every page through Django's test client (median of --repeat requests after
two warm-ups), then reseeds the small scale and does the same. Prints both medians and
their ratio per page (target <= 2x). The Author changelist is also timed with the
correlated-Subquery blog count proposed for AuthorAdmin, to show the difference it makes.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, IntegerField, OuterRef, Subquery  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from playground import seeding  # noqa: E402
from relations.models import Author, Blog  # noqa: E402


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{os.cpu_count()} CPU(s), {cpu}, Python {platform.python_version()}, PostgreSQL {connection.pg_version}"


def subquery_blog_count(self, request):
    """The proposed AuthorAdmin.get_queryset: counts blogs for the authors on the page only."""
    blogs = Blog.objects.filter(author=OuterRef("pk")).order_by().values("author").annotate(n=Count("pk")).values("n")
    base = admin.ModelAdmin.get_queryset(self, request)
    return base.annotate(blog_count=Coalesce(Subquery(blogs, output_field=IntegerField()), 0))


def pages():
    middle_blog = Blog.objects.order_by().filter(pk__gte=Blog.objects.count() // 2).values_list("pk", flat=True)[:1][0]
    busy_author = Blog.objects.filter(pk=middle_blog).values_list("author_id", flat=True)[0]
    return {
        "Blog changelist": reverse("admin:relations_blog_changelist"),
        "Blog changelist, status=published": reverse("admin:relations_blog_changelist") + "?status__exact=published",
        "Blog changelist, search 'atomic'": reverse("admin:relations_blog_changelist") + "?q=atomic",
        "Blog change form": reverse("admin:relations_blog_change", args=[middle_blog]),
        "Author changelist (as is: Count over the join)": reverse("admin:relations_author_changelist"),
        "Author changelist (Subquery count)": reverse("admin:relations_author_changelist") + "?_bench=subquery",
        "Author change form (blogs inline)": reverse("admin:relations_author_change", args=[busy_author]),
        "Author autocomplete 'ada' (as is)": reverse("admin:autocomplete")
        + "?app_label=relations&model_name=blog&field_name=author&term=ada",
        "Author autocomplete 'ada' (Subquery count)": reverse("admin:autocomplete")
        + "?app_label=relations&model_name=blog&field_name=author&term=ada&_bench=subquery",
    }


def time_pages(client, repeat):
    author_admin = admin.site._registry[Author]
    original = type(author_admin).get_queryset
    results = {}
    for name, url in pages().items():
        if "_bench=subquery" in url:
            type(author_admin).get_queryset = subquery_blog_count
            url = url.replace("?_bench=subquery", "").replace("&_bench=subquery", "")
        try:
            timings, db_timings = [], []
            for i in range(repeat + 2):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                assert response.status_code == 200, (url, response.status_code)
                if i >= 2:
                    timings.append(elapsed)
                    db_timings.append(sum(float(q["time"]) for q in queries.captured_queries))
            # The machine is shared: the best run is the page's own cost, the median shows the
            # noise; the SQL time is the part that can grow with the table.
            results[name] = (min(timings) * 1000, statistics.median(timings) * 1000, min(db_timings) * 1000)
        finally:
            type(author_admin).get_queryset = original
    return results


def ensure_scale(scale):
    if Blog.objects.count() == scale and Author.objects.count() == scale // 10:
        print(f"Reusing the {scale:,} blogs already seeded.")
    else:
        started = time.perf_counter()
        seeding.seed(seeding.plan(scale), reset=True)
        print(f"Seeded {scale:,} blogs in {time.perf_counter() - started:.0f}s.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE relations_author")
        cursor.execute("VACUUM ANALYZE relations_blog")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The admin-at-scale benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    connection.settings_dict["AUTOCOMMIT"] = True  # VACUUM cannot run in a transaction
    user = get_user_model().objects.filter(username="bench").first() or get_user_model().objects.create_superuser(
        "bench", "bench@example.com", "bench"
    )
    client = Client()
    client.force_login(user)
    print(f"Machine: {machine()}")

    ensure_scale(args.big)
    big = time_pages(client, args.repeat)
    ensure_scale(args.small)
    small = time_pages(client, args.repeat)

    width = max(map(len, big))
    print(f"best (median) of {args.repeat} requests, {os.getloadavg()[0]:.1f} load average at the end")
    print("page: best (median) ms of the whole request, and [SQL ms] of the best run's queries")
    print(f"{'page':<{width}}  {args.small:>9,} rows                {args.big:>9,} rows                 ratio")
    for name in big:
        ratio = big[name][0] / small[name][0]
        flag = "" if ratio <= 2 else "   <-- over the 2x target"
        print(
            f"{name:<{width}}  {small[name][0]:6.0f} ({small[name][1]:6.0f}) [{small[name][2]:6.1f}]  "
            f"{big[name][0]:6.0f} ({big[name][1]:6.0f}) [{big[name][2]:6.1f}]  {ratio:5.1f}x{flag}"
        )


if __name__ == "__main__":
    main()
