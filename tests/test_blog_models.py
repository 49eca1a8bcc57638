"""The chapter's Author/Blog behaviours: reverse access, QuerySet, timestamps, model methods."""

import pytest
from django.utils import timezone

from relations.models import Author, Blog

pytestmark = pytest.mark.django_db


def test_default_reverse_accessor_and_explicit_related_name(demo_data):
    ada = Author.objects.get(email="ada@example.com")
    grace = Author.objects.get(email="grace@example.com")
    assert set(ada.blog_set.values_list("title", flat=True)) == {
        "Notes on the Analytical Engine",
        "Why loops need a name",
    }
    assert list(grace.edited_blogs.values_list("title", flat=True)) == ["Why loops need a name"]
    # related_query_name is the lookup name from the other side.
    assert list(Author.objects.filter(edited_blog__title="Why loops need a name")) == [grace]
    assert set(Author.objects.filter(blog__status="draft").values_list("email", flat=True)) >= {"ada@example.com"}


def test_published_queryset_excludes_drafts_and_future_posts(demo_data):
    future = Blog.objects.create(
        title="Tomorrow",
        author=Author.objects.first(),
        status=Blog.Status.PUBLISHED,
        published_at=timezone.now() + timezone.timedelta(days=1),
    )
    published = Blog.objects.published()
    assert future not in published
    assert all(b.status == "published" for b in published)
    assert published.count() == Blog.objects.filter(status="published").count() - 1


def test_new_blog_defaults_to_draft_with_zero_views():
    blog = Blog.objects.create(title="Fresh", author=Author.objects.create(name="A", email="a@example.com"))
    assert (blog.status, blog.views, blog.body, blog.published_at) == ("draft", 0, "", None)


def test_auto_now_moves_on_save_but_auto_now_add_does_not():
    author = Author.objects.create(name="A", email="a@example.com")
    created, updated = author.created_at, author.updated_at
    author.name = "B"
    author.save()
    author.refresh_from_db()
    assert author.created_at == created
    assert author.updated_at > updated


def test_queryset_update_skips_auto_now():
    author = Author.objects.create(name="A", email="a@example.com")
    Author.objects.filter(pk=author.pk).update(name="B")
    assert Author.objects.get(pk=author.pk).updated_at == author.updated_at


def test_publish_method_sets_status_and_date():
    blog = Blog.objects.create(title="x", author=Author.objects.create(name="A", email="a@example.com"))
    blog.publish()
    blog.refresh_from_db()
    assert blog.is_published
    assert blog in Blog.objects.published()


def test_deleting_an_editor_keeps_the_blog_but_clears_the_editor(demo_data):
    Author.objects.get(email="grace@example.com").delete()
    assert Blog.objects.get(title="Why loops need a name").editor is None


def test_every_model_has_a_docstring_and_str():
    from django.apps import apps

    for model in apps.get_app_config("relations").get_models():
        assert model.__doc__ and "Demonstrates" in model.__doc__, model
        assert "__str__" in model.__dict__ or any("__str__" in b.__dict__ for b in model.__mro__[1:-2]), model
