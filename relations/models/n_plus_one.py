"""Deliberately slow twins: proxies of Blog, Author, Member and GenericComment for "before" admins.

A proxy shares its model's table and rows but gets an admin of its own. Each admin
registered on these (``relations/admin/n_plus_one.py``) shows a relation one row at a
time — the N+1 that the fixed admin of the same model avoids — so that the debug
toolbar's N+1 panel has something to find, name and fix.
"""

from relations.models.blog import Author, Blog
from relations.models.comments import GenericComment
from relations.models.many_to_many import Member


class SlowBlog(Blog):
    """Demonstrates a forward-FK N+1: each blog's author read on its own (before list_select_related)."""

    class Meta:
        proxy = True
        verbose_name = "N+1 before · blog"
        verbose_name_plural = "N+1 before · blogs"


class SlowAuthor(Author):
    """Demonstrates a reverse-FK N+1: each author's ``blog_set`` read on its own (before prefetch_related)."""

    class Meta:
        proxy = True
        verbose_name = "N+1 before · author"
        verbose_name_plural = "N+1 before · authors"


class SlowMember(Member):
    """Demonstrates a many-to-many N+1: each member's interests read on their own."""

    class Meta:
        proxy = True
        verbose_name = "N+1 before · member"
        verbose_name_plural = "N+1 before · members"


class SlowGenericComment(GenericComment):
    """Demonstrates a GenericForeignKey N+1: each comment's target read on its own (before GenericPrefetch)."""

    class Meta:
        proxy = True
        verbose_name = "N+1 before · generic comment"
        verbose_name_plural = "N+1 before · generic comments"
