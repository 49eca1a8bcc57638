"""The demo data loads, is idempotent, and a broken fixture changes nothing."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from playground.labkit.demo import DemoDataError, demo_fixtures, load_demo_data
from relations.models import Author, Blog

pytestmark = pytest.mark.django_db


def setup_demo():
    out = StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


def test_setup_demo_loads_every_fixture_and_creates_the_superuser(settings, no_demo_data):
    output = setup_demo()
    assert "Demo data loaded" in output
    assert "  created 6 relations.Author\n" in output and "  created 12 relations.Blog\n" in output
    assert f"{settings.DEMO_ADMIN_USERNAME} / {settings.DEMO_ADMIN_PASSWORD}" in output
    user = get_user_model().objects.get(username=settings.DEMO_ADMIN_USERNAME)
    assert user.is_superuser and user.check_password(settings.DEMO_ADMIN_PASSWORD)
    assert Author.objects.count() == 6
    assert Blog.objects.count() == 12


def test_setup_demo_twice_changes_nothing_and_says_so():
    setup_demo()
    before = {model: list(model.objects.values()) for model in (Author, Blog)}
    output = setup_demo()
    assert "already up to date" in output
    assert {model: list(model.objects.values()) for model in (Author, Blog)} == before


def test_setup_demo_repairs_an_edited_demo_row():
    setup_demo()
    Blog.objects.filter(pk=1).update(title="Vandalised")
    report = load_demo_data(create_superuser=False)
    assert report.updated == {"relations.Blog": 1}
    assert Blog.objects.get(pk=1).title == "Notes on the Analytical Engine"


def test_demo_fixtures_use_natural_keys_for_authors():
    text = (pytest.importorskip("pathlib").Path("fixtures") / "03_relations_blog.json").read_text()
    for obj in json.loads(text):
        if obj["model"] == "relations.author":
            assert "pk" not in obj, "authors are identified by email, not by a hard-coded pk"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"model": "relations.blog", "pk": 99, "fields": {"title": "x", "author": ["nobody@example.com"]}}]',
            "does not exist",
        ),
        (
            '[{"model": "relations.blog", "pk": 99, "fields": {"title": "x", "views": "many", "author": 1}}]',
            "must be an integer",
        ),
        ("[{not json", "not a valid fixture"),
        ('[{"model": "relations.nosuchmodel", "pk": 1, "fields": {}}]', "not a valid fixture"),
    ],
    ids=["dangling-natural-key", "wrong-type", "broken-json", "unknown-model"],
)
def test_a_broken_fixture_fails_clearly_and_changes_nothing(tmp_path, settings, content, message):
    setup_demo()
    before = {model: list(model.objects.values()) for model in (Author, Blog)}
    (tmp_path / "broken.json").write_text(content)
    settings.FIXTURE_DIRS = [*settings.FIXTURE_DIRS, tmp_path]
    with pytest.raises(DemoDataError, match=message):
        load_demo_data([*(p.name for p in demo_fixtures()), "broken.json"], create_superuser=False)
    assert {model: list(model.objects.values()) for model in (Author, Blog)} == before


def test_a_dangling_pk_reference_is_caught_before_commit(tmp_path, settings):
    (tmp_path / "dangling.json").write_text(
        '[{"model": "relations.blog", "pk": 99, "fields": {"title": "Orphan", "author": 424242,'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]'
    )
    settings.FIXTURE_DIRS = [*settings.FIXTURE_DIRS, tmp_path]
    with pytest.raises(DemoDataError, match="refer to rows that do not exist"):
        load_demo_data(["dangling.json"], create_superuser=False)
    assert not Blog.objects.filter(pk=99).exists()


def test_setup_demo_reports_a_broken_fixture_as_a_command_error(tmp_path, settings, monkeypatch, no_demo_data):
    (tmp_path / "03_relations_blog.json").write_text("[{not json")
    settings.FIXTURE_DIRS = [tmp_path]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("setup_demo", stdout=StringIO())
    assert not Author.objects.exists()
