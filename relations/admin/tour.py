"""The relations lab's steps of the "Start here" tour: deleting, blocking, the toolbar, CSV, comments.

Each link looks its object up in the demo data on every request; each check reads the admin's own
history of the user (see playground.labkit.tour).
"""

from django.contrib.admin.models import DELETION
from django.db.models import Count
from django.templatetags.static import static
from django.urls import reverse

from playground.labkit import tour
from relations.models import Album, Artist, Author, Blog, Parent, ProtectChild, RestrictChild, Song


def admin_url(obj_or_model, view, *args):
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def first_parent_with(related_name):
    """The demo parent with the most children of one kind (the demo names them; ids vary)."""
    return Parent.objects.annotate(n=Count(related_name, distinct=True)).filter(n__gt=0).order_by("-n", "name").first()


def cascade_links():
    parent = first_parent_with("cascade_children")
    links = [("Parents, with a delete link on each row", admin_url(Parent, "changelist"))]
    if parent:
        links.insert(0, (f"Delete “{parent}” and read the preview", admin_url(parent, "delete", parent.pk)))
    return links


def blocking_links():
    links = []
    for related_name, rule in (("protect_children", "PROTECT"), ("restrict_children", "RESTRICT")):
        if parent := first_parent_with(related_name):
            links.append((f"Try to delete “{parent}” ({rule})", admin_url(parent, "delete", parent.pk)))
    album = Album.objects.filter(songs__isnull=False).order_by("title").first()
    if album:
        links.append(
            (f"Try to delete the album “{album}” (RESTRICT from its songs)", admin_url(album, "delete", album.pk))
        )
        links.append(
            (f"Then delete its artist “{album.artist}” (allowed)", admin_url(album.artist, "delete", album.artist.pk))
        )
    return links


def toolbar_links():
    return [
        ("Blogs: a changelist with list_select_related", admin_url(Blog, "changelist")),
        (
            "The same N+1 in the query lab, with and without its cures",
            reverse("admin:lab-query-lab") + "?recipe=n-plus-one",
        ),
    ]


def csv_links():
    return [
        ("Download the sample CSV (three authors)", static("relations/tour/sample-authors.csv")),
        ("Import it into Authors", admin_url(Author, "import")),
        ("Export Authors, then import that file back", admin_url(Author, "export")),
    ]


def comments_links():
    links = [("Comments: GenericForeignKey vs its alternatives", reverse("admin:lab-comments-comparison"))]
    if blog := Blog.objects.filter(comments__isnull=False).order_by("title").first():
        links.append((f"“{blog}”: its generic comments inline", admin_url(blog, "change", blog.pk)))
    return links


tour.register(
    tour.Step(
        order=1,
        title="Delete a parent with CASCADE children, and read the preview",
        look_for=(
            "Under Django's own list of what goes, the delete preview runs the delete and rolls it back: rows "
            "deleted per table and by whom, foreign keys set to NULL or a default, and the SQL in order. "
            "Compare its counts with Django's list, then confirm: the children go with the parent."
        ),
        links=cascade_links,
        done=tour.logged(Parent, DELETION, "you deleted a parent"),
    )
)

tour.register(
    tour.Step(
        order=2,
        title="Hit PROTECT and RESTRICT",
        look_for=(
            "Both refuse the delete and name the rows in the way; the preview says which rule blocked it. "
            "RESTRICT differs once: deleting the artist takes the album and its songs, because a CASCADE "
            "reaches the songs too. Delete a blocking row (or the artist) to pass this step."
        ),
        links=blocking_links,
        done=tour.logged(
            [ProtectChild, RestrictChild, Song, Artist], DELETION, "you removed a row that blocked a delete"
        ),
    )
)

tour.register(
    tour.Step(
        order=3,
        title="Open the toolbar's SQL panel on a changelist, and find the N+1 that list_select_related removes",
        look_for=(
            "With DEBUG on and a local browser, the toolbar's handle sits on the right: open it, then SQL. "
            "The blog list reads authors and editors in the same query (a JOIN) instead of one query per row; "
            "the query lab shows the N+1 it avoids."
        ),
        links=toolbar_links,
    )
)

tour.register(
    tour.Step(
        order=5,
        title="Import a CSV, export it, import it back",
        look_for=(
            "Import shows a dry-run preview first (written and rolled back); Confirm writes the rows. "
            "Import your own export back: every row is reported unchanged, since authors are matched by email."
        ),
        links=csv_links,
        done=tour.logged(Author, None, "you imported authors", message_contains="import_export"),
    )
)

tour.register(
    tour.Step(
        order=7,
        title="Comments: GenericForeignKey against its alternatives",
        look_for=(
            "One comment stored three ways: which references the database enforces, what is left dangling "
            "after a delete, and how many queries listing them takes. A blog edits its generic comments inline."
        ),
        links=comments_links,
    )
)
