"""Import/export resources for the relations lab (django-import-export).

Authors are identified by their email (the natural key), so a file exported here
and imported elsewhere updates the same people instead of duplicating them; blogs
refer to their author and editor by email too, never by a database id.
"""

from import_export import fields

from playground.data_io import PlaygroundResource, PrefetchedForeignKeyWidget
from relations.models import Author, Blog


class AuthorResource(PlaygroundResource):
    """Authors by email: importing a row with a known email updates that author."""

    class Meta:
        model = Author
        # Timestamps are left out: the database keeps its own (auto_now_add/auto_now).
        fields = ["email", "name", "bio", "born_on"]
        import_id_fields = ["email"]


class BlogResource(PlaygroundResource):
    """Blogs with author and editor as emails (ForeignKeyWidget on Author.email)."""

    author = fields.Field(
        column_name="author",
        attribute="author",
        widget=PrefetchedForeignKeyWidget(Author, field="email"),
    )
    editor = fields.Field(
        column_name="editor",
        attribute="editor",
        widget=PrefetchedForeignKeyWidget(Author, field="email"),
    )

    class Meta:
        model = Blog
        fields = ["id", "title", "body", "status", "published_at", "views", "author", "editor"]
        # No natural key: a row with an id updates that blog, a row without one is new.
        import_id_fields = ["id"]
