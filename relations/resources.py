"""Import/export resources for the relations lab (django-import-export).

Authors are identified by their email (the natural key), so a file exported here
and imported elsewhere updates the same people instead of duplicating them; blogs
refer to their author and editor by email too, never by a database id.
"""

from import_export import fields

from playground.labkit.data_io import PlaygroundResource, PrefetchedForeignKeyWidget, StrictManyToManyWidget
from relations.models import Author, Blog, NormalisedArticle, Tag


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


class BlogBulkResource(BlogResource):
    """The same columns, written with bulk_create per 1,000 rows: several times faster.

    Trade-off (offered as a second choice on the import form): no ``Blog.save()`` and no
    ``pre_save``/``post_save`` signals per row, a database error fails its whole batch, and
    no many-to-many columns (the rows have no pk until their batch is written). Its preview
    checks every row (widgets, ``full_clean()``) without sending the INSERTs; an error only
    the database could find shows at confirm, which then changes nothing.
    """

    preview_writes_rows = False

    class Meta(BlogResource.Meta):
        use_bulk = True
        batch_size = 1000

    @classmethod
    def get_display_name(cls):
        return "Blog (bulk: fast, skips save() and signals)"


class TagResource(PlaygroundResource):
    """Tags by name (their natural key): re-importing a tag list changes nothing."""

    class Meta:
        model = Tag
        fields = ["name"]
        import_id_fields = ["name"]


class NormalisedArticleResource(PlaygroundResource):
    """Articles with their tags as names separated by "|" (ManyToManyWidget on Tag.name).

    A tag name that does not exist is a row error, not silently dropped: tags are a
    vocabulary here, created on purpose, not as a side effect of an import.
    """

    tags = fields.Field(
        column_name="tags",
        attribute="tags",
        widget=StrictManyToManyWidget(Tag, field="name", separator="|"),
    )

    class Meta:
        model = NormalisedArticle
        fields = ["id", "title", "tags"]
        import_id_fields = ["id"]
