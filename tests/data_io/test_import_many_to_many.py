"""Importing a many-to-many column through the admin: tags by name, unknown names refused."""

import pytest

from relations.models import NormalisedArticle, Tag
from tests.data_io.helpers import confirm, preview, snapshot
from tests.data_io.test_export import export

pytestmark = pytest.mark.django_db


@pytest.fixture
def tags(no_demo_data):
    """Three tags, alone in the database (the demo has tags of the same names)."""
    return [Tag.objects.create(name=name) for name in ("django", "orm", "sql")]


def test_articles_import_with_their_tags_by_name(admin_user_client, tags):
    csv = "title,tags\nJoins explained,orm|sql\nThe admin,django\n"
    response = confirm(admin_user_client, NormalisedArticle, preview(admin_user_client, NormalisedArticle, csv))
    assert response.status_code == 302
    imported = {a.title: sorted(a.tags.values_list("name", flat=True)) for a in NormalisedArticle.objects.all()}
    assert imported == {"Joins explained": ["orm", "sql"], "The admin": ["django"]}


def test_an_unknown_tag_name_is_a_row_error_and_nothing_is_imported(admin_user_client, tags):
    before = snapshot()
    response = preview(admin_user_client, NormalisedArticle, "title,tags\nFine,orm\nTypo,djnago|sql\n")
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert "No tag with name &#x27;djnago&#x27;" in response.content.decode()
    assert not response.context.get("confirm_form"), "a file with a bad row offers no confirm button"
    assert snapshot() == before


def test_exported_tags_are_names_that_import_back(admin_user_client, tags):
    article = NormalisedArticle.objects.create(title="Round trip")
    article.tags.set(tags[:2])
    exported = export(admin_user_client, NormalisedArticle, "csv").content.decode()
    assert "django|orm" in exported
    NormalisedArticle.objects.all().delete()
    confirm(admin_user_client, NormalisedArticle, preview(admin_user_client, NormalisedArticle, exported))
    assert sorted(NormalisedArticle.objects.get().tags.values_list("name", flat=True)) == ["django", "orm"]


def test_tags_import_by_name_and_reimporting_changes_nothing(admin_user_client, no_demo_data):
    csv = "name\nindexes\nmigrations\n"
    confirm(admin_user_client, Tag, preview(admin_user_client, Tag, csv))
    again = preview(admin_user_client, Tag, csv)
    # The same names again: matched by name, nothing new is created.
    assert "new" not in [row.import_type for row in again.context["result"].rows]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["indexes", "migrations"]
