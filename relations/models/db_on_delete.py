"""The database-level on_delete options of Django 6.1: DB_CASCADE, DB_SET_NULL, DB_SET_DEFAULT.

Here Django does nothing at delete time: the foreign key is created with an
``ON DELETE`` clause and the database acts on its own. No rows are read, no
signals are sent, and the admin's usual delete confirmation does not know.

These models form a family of their own. Django refuses a model that has both
database-level and Python-level options (models.E050), and a database-level
reference to a model that itself uses Python-level ones (fields.E323), so
``DbParent`` has no Python-level relation in or out.
"""

from django.db import models

DB_DEFAULT_PARENT_SLUG = "db-default"


class DbParentManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class DbParent(models.Model):
    """Demonstrates the target of the database-level options: its children are handled by ON DELETE clauses."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)

    objects = DbParentManager()

    class Meta:
        verbose_name = "DB parent"
        verbose_name_plural = "DB parents"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class DbCascadeChild(models.Model):
    """Demonstrates DB_CASCADE: the database deletes this child (ON DELETE CASCADE); Django sends no signal."""

    name = models.CharField(max_length=100)
    db_cascade = models.ForeignKey(DbParent, on_delete=models.DB_CASCADE, related_name="db_cascade_children")

    class Meta:
        verbose_name = "DB cascade child"
        verbose_name_plural = "DB cascade children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DbCascadeGrandchild(models.Model):
    """Demonstrates a multi-level cascade done entirely by the database: parent → child → this row."""

    name = models.CharField(max_length=100)
    db_cascade = models.ForeignKey(DbCascadeChild, on_delete=models.DB_CASCADE, related_name="grandchildren")

    class Meta:
        verbose_name = "DB cascade grandchild"
        verbose_name_plural = "DB cascade grandchildren"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DbSetNullChild(models.Model):
    """Demonstrates DB_SET_NULL: the database empties this child's foreign key (ON DELETE SET NULL)."""

    name = models.CharField(max_length=100)
    db_set_null = models.ForeignKey(
        DbParent, on_delete=models.DB_SET_NULL, null=True, blank=True, related_name="db_set_null_children"
    )

    class Meta:
        verbose_name = "DB set-null child"
        verbose_name_plural = "DB set-null children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DbSetDefaultChild(models.Model):
    """Demonstrates DB_SET_DEFAULT: the database writes the column's DEFAULT (db_default) into the foreign key."""

    name = models.CharField(max_length=100)
    # db_default, not default: the database, not Django, must know the value (fields.E322).
    db_set_default = models.ForeignKey(
        DbParent,
        on_delete=models.DB_SET_DEFAULT,
        to_field="slug",
        db_default=DB_DEFAULT_PARENT_SLUG,
        related_name="db_set_default_children",
    )

    class Meta:
        verbose_name = "DB set-default child"
        verbose_name_plural = "DB set-default children"
        ordering = ["name"]

    def __str__(self):
        return self.name
