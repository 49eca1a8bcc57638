"""The deliberately slow twins ("before" pages) of the Blog, Author, Member and GenericComment admins.

Each list reads one relation row by row — a forward FK, a reverse FK, a many-to-many and
a GenericForeignKey — where the fixed admin joins or prefetches it. Open one with the
debug toolbar: its N+1 panel names the relation, this file, and the fix with its measured
query count. The fixes are the fixed admins: ``BlogAdmin.list_select_related``, the
annotations of ``AuthorAdmin`` and ``MemberAdmin``, ``GenericCommentAdmin.with_target()``.
"""

from django.contrib import admin

from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin
from relations.models import SlowAuthor, SlowBlog, SlowGenericComment, SlowMember


@admin.register(SlowBlog)
class SlowBlogAdmin(SlowTwinAdmin, admin.ModelAdmin):
    """Before list_select_related: a method column reads ``blog.author`` (Django joins only plain FK columns)."""

    fixed_twin = "relations.Blog"
    list_display = ["title", "author_name", "status", "published_at"]
    autocomplete_fields = ["author", "editor"]
    list_per_page = 25

    @admin.display(description="author")
    def author_name(self, blog):
        return blog.author.name


@admin.register(SlowAuthor)
class SlowAuthorAdmin(SlowTwinAdmin, admin.ModelAdmin):
    """Before prefetch_related: each author's blogs read with one query per row (``author.blog_set``)."""

    fixed_twin = "relations.Author"
    list_display = ["name", "email", "blog_titles"]
    list_per_page = 25

    @admin.display(description="blogs")
    def blog_titles(self, author):
        titles = [blog.title for blog in author.blog_set.all()]
        return ", ".join(titles[:3]) + (f" … ({len(titles)})" if len(titles) > 3 else "")


@admin.register(SlowMember)
class SlowMemberAdmin(SlowTwinAdmin, admin.ModelAdmin):
    """Before prefetch_related: each member's interests read through the M2M table, one query per row."""

    fixed_twin = "relations.Member"
    list_display = ["name", "interest_names"]

    @admin.display(description="interests")
    def interest_names(self, member):
        return ", ".join(interest.name for interest in member.interests.all())


@admin.register(SlowGenericComment)
class SlowGenericCommentAdmin(SlowTwinAdmin, admin.ModelAdmin):
    """Before GenericPrefetch: ``comment.target`` reads its blog, author or photo with one query per row."""

    fixed_twin = "relations.GenericComment"
    list_display = ["commenter", "body", "target_name"]
    list_select_related = ["content_type"]
    list_per_page = 25

    @admin.display(description="target")
    def target_name(self, comment):
        return str(comment.target) if comment.target is not None else "— (dangling)"
