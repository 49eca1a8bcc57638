"""A self-referential ForeignKey: a category tree whose deletes cascade through every level."""

from django.db import models


class Category(models.Model):
    """Demonstrates a self-referential FK (a tree): deleting a node deletes its whole subtree."""

    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")

    class Meta:
        verbose_name = "category"
        verbose_name_plural = "categories"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def descendants(self):
        """Every node below this one, level by level (one query per level)."""
        found, level = [], list(self.children.all())
        while level:
            found.extend(level)
            level = list(Category.objects.filter(parent__in=level))
        return found
