"""Admin latency at 1,000 vs 1,000,000 blogs (PostgreSQL): changelists, change forms, search, autocomplete.

    DATABASE_URL=postgres://root@127.0.0.1:5432/pg_dataio_bench .venv/bin/python benchmarks/admin_scale.py

Seeds the big scale (or reuses it when ``benchmarks/seed_vs_copy.py --keep`` left it there), runs
ANALYZE, times every page through Django's test client (median of --repeat requests after
two warm-ups), then reseeds the small scale and does the same. Prints both medians and
their ratio per page (target <= 2x). Searches are timed for a word in many titles, an
author's email (a few rows) and a word found nowhere (which, without an index, reads every
row). Deep pages exist only at the big scale and are printed on their own, against page 1:
the last page (read as the first page of the reversed ordering), page 1,000 reached by the
"next" link of page 999 (keyset: no OFFSET), and page 1,000 typed in the URL, which falls
back to OFFSET. Target for the keyset pages: <= 2x page 1.
"""

import argparse
import html
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_HTTPS", "false")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from benchmarks.machine import machine  # noqa: E402
from benchmarks.scale import bench_client, ensure_scale  # noqa: E402
from relations.models import (  # noqa: E402
    Author,
    Blog,  # noqa: E402
)


def pages():
    middle_blog = Blog.objects.order_by().filter(pk__gte=Blog.objects.count() // 2).values_list("pk", flat=True)[:1][0]
    busy_author = Blog.objects.filter(pk=middle_blog).values_list("author_id", flat=True)[0]
    author = Author.objects.get(pk=busy_author)
    email, surname = author.email, author.name.split()[-1]
    blogs = reverse("admin:relations_blog_changelist")
    return {
        "Blog changelist": blogs,
        "Blog changelist, status=published": blogs + "?status__exact=published",
        "Blog search, a common title word": blogs + "?q=atomic",
        "Blog search, an author's email": blogs + "?q=" + email,
        "Blog search, a word found nowhere": blogs + "?q=zzzz",
        "Blog search, a surname (many authors)": blogs + "?q=" + surname,
        "Blog search, a word in every email": blogs + "?q=example.com",
        "Blog change form": reverse("admin:relations_blog_change", args=[middle_blog]),
        "Author changelist": reverse("admin:relations_author_changelist"),
        "Author change form (blogs inline)": reverse("admin:relations_author_change", args=[busy_author]),
        "Author autocomplete 'ada'": reverse("admin:autocomplete")
        + "?app_label=relations&model_name=blog&field_name=author&term=ada",
        "Generic comment changelist": reverse("admin:relations_genericcomment_changelist"),
        # A view: per-author subqueries for the page's rows only (the count is taken from the authors).
        "Author blog summary changelist (a view)": reverse("admin:relations_authorblogsummary_changelist"),
    }


def _link(client, url, css_class):
    """The href of a pagination link, as the page renders it (the URL carries the boundary row)."""
    page = client.get(url).content.decode()
    return html.unescape(re.search(rf'<a href="([^"]+)"[^>]*class="[^"]*{css_class}', page).group(1))


def deep_pages(client):
    blogs = reverse("admin:relations_blog_changelist")
    return {
        "Blog changelist, page 1": blogs,
        "Blog changelist, last page (reversed ordering)": blogs + _link(client, blogs, "keyset-last"),
        "Blog changelist, page 1,000 by 'next' (keyset)": blogs + _link(client, f"{blogs}?p=999", "keyset-next"),
        "Blog changelist, page 1,000 typed (OFFSET 99,900)": f"{blogs}?p=1000",
    }


def time_pages(client, repeat, urls):
    results = {}
    for name, url in urls.items():
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
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The admin-at-scale benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    client = bench_client()
    print(f"Machine: {machine()}")

    ensure_scale(args.big)
    big = time_pages(client, args.repeat, pages())
    deep = time_pages(client, args.repeat, deep_pages(client))
    ensure_scale(args.small)
    small = time_pages(client, args.repeat, pages())

    width = max(map(len, [*big, *deep]))
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
    worst = max(big[name][0] / small[name][0] for name in big)
    print(f"worst ratio {worst:.1f}x (target <= 2x)")
    print(f"Deep pages at {args.big:,} rows, against page 1 (target <= 2x for the keyset pages):")
    first = deep["Blog changelist, page 1"][0]
    for name, (best, median, sql) in deep.items():
        print(f"  {name:<{width}}  {best:6.0f} ({median:6.0f}) [{sql:6.1f}]  {best / first:5.1f}x")


if __name__ == "__main__":
    main()
