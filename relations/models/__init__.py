"""Relations lab models, one module per idea.

- blog: the chapter's Author and Blog (fields, null/blank/default, reverse access,
  a custom QuerySet, a model method).
"""

from relations.models.blog import Author, Blog, BlogQuerySet

__all__ = ["Author", "Blog", "BlogQuerySet"]
