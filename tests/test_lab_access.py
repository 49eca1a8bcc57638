"""Lab pages mean what their permissions say, run within bounds, and survive a changed database."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from playground.labkit import labs, limits
from relations.models import Author, Blog

pytestmark = pytest.mark.django_db

ASYNC_PAGES = {
    "listing": ("querylab-async:listing", ()),
    "compare": ("querylab-async:compare", ()),
    "writes": ("querylab-async:writes", (labs.WRITING_LABS,)),
}


def lab_url(lab):
    return reverse(f"admin:{lab.url_name}")


def grant(user, *perms):
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("labstaff", "labstaff@example.com", "pw", is_staff=True)
    client.force_login(user)
    client.user = user
    return client


def relogin(client):
    # Permissions are cached on the user object: a fresh login reads them again.
    user = type(client.user).objects.get(pk=client.user.pk)
    client.force_login(user)
    client.user = user


def test_every_lab_declares_its_permissions_and_registering_one_that_does_not_fails():
    assert all(lab.permissions is not None for lab in labs.all_labs())
    with pytest.raises(ValueError, match="declares no permissions"):
        labs.register(labs.Lab("labkit", "undeclared", "Undeclared", "", view=lambda request: None))


def test_a_staff_user_without_permissions_opens_only_the_labs_that_need_none(staff):
    index = staff.get(reverse("admin:index")).content.decode()
    for lab in labs.all_labs():
        status = staff.get(lab_url(lab)).status_code
        if lab.permissions:
            assert status == 403, f"{lab.slug} opened without {lab.permissions}"
            assert lab_url(lab) not in index
        else:
            assert status == 200, lab.slug
            assert lab_url(lab) in index
    for name, (url_name, _) in ASYNC_PAGES.items():
        assert staff.get(reverse(url_name)).status_code == 403, name


def test_view_permissions_open_the_read_only_labs_and_not_the_writing_ones(staff, demo_data):
    reading = [lab for lab in labs.all_labs() if labs.WRITING_LABS not in lab.permissions]
    grant(staff.user, *{perm for lab in reading for perm in lab.permissions})
    relogin(staff)
    index = staff.get(reverse("admin:index")).content.decode()
    for lab in labs.all_labs():
        writing = labs.WRITING_LABS in lab.permissions
        assert staff.get(lab_url(lab)).status_code == (403 if writing else 200), lab.slug
        assert (lab_url(lab) in index) is not writing, lab.slug
    assert staff.get(reverse("querylab-async:listing")).status_code == 200
    assert staff.get(reverse("querylab-async:compare")).status_code == 200
    assert staff.post(reverse("querylab-async:writes")).status_code == 403


def test_the_superuser_opens_every_lab_and_every_async_page(admin_client, demo_data):
    index = admin_client.get(reverse("admin:index")).content.decode()
    for lab in labs.all_labs():
        response = admin_client.get(lab_url(lab))
        assert response.status_code == 200, lab.slug
        assert lab_url(lab) in index
        assert limits.describe() in response.content.decode(), f"{lab.slug} does not say it runs on a sample"
    for url_name, _ in ASYNC_PAGES.values():
        assert admin_client.get(reverse(url_name)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for lab in labs.all_labs():
        response = client.get(lab_url(lab))
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- Robust: an empty database, a reseeded one, deleted demo rows ------------------------------


def every_page(client):
    urls = [lab_url(lab) for lab in labs.all_labs()] + [reverse(u) for u, _ in ASYNC_PAGES.values()]
    return {url: client.get(url).status_code for url in urls}


def test_every_lab_page_works_on_an_empty_database(admin_client):
    Blog.objects.all().delete()
    Author.objects.all().delete()
    assert set(every_page(admin_client).values()) == {200}


def test_every_lab_page_works_after_the_demo_rows_it_used_are_deleted(admin_client, demo_data):
    Author.objects.filter(email="ada@example.com").delete()
    Blog.objects.filter(title="A relational model of data").delete()
    pages = every_page(admin_client)
    assert set(pages.values()) == {200}, pages
    listing = admin_client.get(reverse("querylab-async:listing")).content.decode()
    assert "no author with email ada@example.com" in listing


def test_every_lab_page_works_after_seed_reset(admin_client, demo_data):
    call_command("seed", "--scale", "50", "--reset", "--seed", "3", stdout=__import__("io").StringIO())
    pages = every_page(admin_client)
    assert set(pages.values()) == {200}, pages


def test_the_async_pages_list_a_bounded_sample(admin_client, demo_data, settings):
    settings.LAB_SAMPLE_ROWS = 3
    listing = admin_client.get(reverse("querylab-async:listing"))
    assert len(listing.context["data"]["rows"]) == 3 < Blog.objects.count()


def test_the_comments_lab_skips_whole_table_work_above_the_sample_and_says_so(admin_client, demo_data, settings):
    settings.LAB_SAMPLE_ROWS = 2
    response = admin_client.get(reverse("admin:lab-comments-comparison"))
    assert response.status_code == 200
    assert "hold more than 2 rows (LAB_SAMPLE_ROWS)" in response.content.decode()
    assert response.context["deletions"] == [] and response.context["listing"].results == []


def test_the_comments_lab_needs_view_permission_on_the_invoice_comments_it_shows(staff, demo_data):
    lab = labs.get("comments-comparison")
    grant(staff.user, *[perm for perm in lab.permissions if perm != "relations.view_typedkeycomment"])
    relogin(staff)
    assert staff.get(lab_url(lab)).status_code == 403
    grant(staff.user, "relations.view_typedkeycomment")
    relogin(staff)
    assert staff.get(lab_url(lab)).status_code == 200
