"""A model over a database view: ``Meta.managed = False``, the rows computed by the database.

``AuthorBlogSummary`` reads ``relations_authorblogsummary``, a view that counts each author's
blogs. The view is created by a ``RunSQL`` in migration 0018 (plain SQL both SQLite and
PostgreSQL accept) and dropped by its ``reverse_sql``. Django still writes a ``CreateModel``
for the model, so the migration state knows its fields, but ``managed = False`` makes that
operation send no SQL: ``sqlmigrate relations 0018`` shows an empty "Create model" step,
then the CREATE VIEW.

The rows are never stored: every SELECT runs the view's query over ``relations_author`` and
``relations_blog``, so the summary follows those tables as they change. Writing is refused
by the database itself (a view with GROUP BY is not updatable on either database), and the
model asks only for a "view" permission.

The view depends on columns of other tables: a later migration that alters or drops one of
them must drop the view first and create it again (PostgreSQL refuses "cannot alter type of
a column used by a view"; SQLite fails the table rebuild), which is the price of a view.
"""

from django.db import models

from relations.models.blog import Author


class AuthorBlogSummary(models.Model):
    """Demonstrates managed=False over a database view: per-author blog counts, computed on every read."""

    # The view's key column; a view has no constraints, so none is declared (db_constraint=False).
    author = models.OneToOneField(
        Author,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="blog_summary",
        db_column="author_id",
    )
    author_name = models.CharField(max_length=120)
    blogs = models.IntegerField()
    published_blogs = models.IntegerField()
    total_views = models.BigIntegerField()
    last_published_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "relations_authorblogsummary"
        verbose_name = "author blog summary"
        verbose_name_plural = "author blog summaries"
        ordering = ["author_name", "author"]
        # Rows nobody can add, change or delete: only the "view" permission is created.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.author_name}: {self.blogs} blogs"
