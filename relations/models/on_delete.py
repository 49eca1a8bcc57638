"""Every Python-level on_delete option, each on its own child model.

Django's collector carries these out: it reads the children, sends pre/post_delete
signals where it must, and issues the UPDATE and DELETE statements itself. Each
child's foreign key is named after its option, so ``child.set_null`` reads as
"the parent this row loses on delete, by SET_NULL".

All children point at one ``Parent``. Database-level options live in
``db_on_delete`` with their own parent: Django forbids mixing the two kinds on one
model or along one chain of references (checks models.E050 and fields.E323).
"""

from django.db import models

# The values the SET_DEFAULT and SET(value) children fall back to: parents' slugs, so
# that the fallback is a readable constant rather than a primary key nobody can guess.
DEFAULT_PARENT_SLUG = "default"
ARCHIVE_PARENT_SLUG = "archive"
SENTINEL_PARENT_SLUG = "deleted-parent"


class ParentManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Parent(models.Model):
    """Demonstrates the target of every Python-level on_delete option: delete one to see them all act."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)

    objects = ParentManager()

    class Meta:
        verbose_name = "parent"
        verbose_name_plural = "parents"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def sentinel_parent():
    """The SET(callable) target: looked up (or created) at delete time, like Django's documented sentinel user."""
    return Parent.objects.get_or_create(slug=SENTINEL_PARENT_SLUG, defaults={"name": "Deleted parent (sentinel)"})[0]


class CascadeChild(models.Model):
    """Demonstrates CASCADE: deleting the parent deletes this child (and, through it, its grandchildren)."""

    name = models.CharField(max_length=100)
    cascade = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="cascade_children")

    class Meta:
        verbose_name = "cascade child"
        verbose_name_plural = "cascade children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CascadeGrandchild(models.Model):
    """Demonstrates a multi-level cascade: parent → CascadeChild → this row, all deleted by one delete()."""

    name = models.CharField(max_length=100)
    cascade = models.ForeignKey(CascadeChild, on_delete=models.CASCADE, related_name="grandchildren")

    class Meta:
        verbose_name = "cascade grandchild"
        verbose_name_plural = "cascade grandchildren"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProtectChild(models.Model):
    """Demonstrates PROTECT: while this child exists its parent cannot be deleted (ProtectedError)."""

    name = models.CharField(max_length=100)
    protect = models.ForeignKey(Parent, on_delete=models.PROTECT, related_name="protect_children")

    class Meta:
        verbose_name = "protect child"
        verbose_name_plural = "protect children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class RestrictChild(models.Model):
    """Demonstrates RESTRICT: blocks the parent's delete (RestrictedError) unless a CASCADE deletes this row too."""

    name = models.CharField(max_length=100)
    restrict = models.ForeignKey(Parent, on_delete=models.RESTRICT, related_name="restrict_children")

    class Meta:
        verbose_name = "restrict child"
        verbose_name_plural = "restrict children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SetNullChild(models.Model):
    """Demonstrates SET_NULL: the child survives its parent with an empty foreign key (needs null=True)."""

    name = models.CharField(max_length=100)
    set_null = models.ForeignKey(
        Parent, on_delete=models.SET_NULL, null=True, blank=True, related_name="set_null_children"
    )

    class Meta:
        verbose_name = "set-null child"
        verbose_name_plural = "set-null children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SetDefaultChild(models.Model):
    """Demonstrates SET_DEFAULT: the child moves to the field's default parent (the one with slug "default")."""

    name = models.CharField(max_length=100)
    # to_field: the default is a readable slug, not a primary key that differs per database.
    set_default = models.ForeignKey(
        Parent,
        on_delete=models.SET_DEFAULT,
        to_field="slug",
        default=DEFAULT_PARENT_SLUG,
        related_name="set_default_children",
    )

    class Meta:
        verbose_name = "set-default child"
        verbose_name_plural = "set-default children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SetValueChild(models.Model):
    """Demonstrates SET(value): the child moves to a fixed parent (slug "archive"), chosen when the model is defined."""

    name = models.CharField(max_length=100)
    set_value = models.ForeignKey(
        Parent, on_delete=models.SET(ARCHIVE_PARENT_SLUG), to_field="slug", related_name="set_value_children"
    )

    class Meta:
        verbose_name = "set-value child"
        verbose_name_plural = "set-value children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class SetCallableChild(models.Model):
    """Demonstrates SET(callable): the child moves to whatever the callable returns at delete time (a sentinel)."""

    name = models.CharField(max_length=100)
    set_callable = models.ForeignKey(
        Parent, on_delete=models.SET(sentinel_parent), related_name="set_callable_children"
    )

    class Meta:
        verbose_name = "set-callable child"
        verbose_name_plural = "set-callable children"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DoNothingChild(models.Model):
    """Demonstrates DO_NOTHING: Django leaves the child alone, so the database's foreign key refuses the delete."""

    name = models.CharField(max_length=100)
    do_nothing = models.ForeignKey(Parent, on_delete=models.DO_NOTHING, related_name="do_nothing_children")

    class Meta:
        verbose_name = "do-nothing child"
        verbose_name_plural = "do-nothing children"
        ordering = ["name"]

    def __str__(self):
        return self.name
