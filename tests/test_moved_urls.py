"""Admin URLs of models that changed app still work: they redirect to the model's new home."""

from http import HTTPStatus

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/playground/release/", reverse("admin:migrations_lab_release_changelist")),
        ("/admin/playground/releasenote/add/", reverse("admin:migrations_lab_releasenote_add")),
        (
            "/admin/inheritance/genericcomment/?q=Linus",
            reverse("admin:relations_genericcomment_changelist") + "?q=Linus",
        ),
        ("/admin/inheritance/photo/1/change/", reverse("admin:relations_photo_change", args=[1])),
        ("/admin/auth/user/", reverse("admin:users_user_changelist")),
        ("/admin/playground/", reverse("admin:index")),
    ],
)
def test_an_old_admin_url_redirects_permanently_to_the_new_one(client, old, new):
    response = client.get(old)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == new


def test_models_that_stayed_in_inheritance_are_not_redirected(admin_user_client):
    response = admin_user_client.get("/admin/inheritance/book/")
    assert response.status_code == HTTPStatus.OK
