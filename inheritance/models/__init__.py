"""Inheritance lab models, one module per idea.

- comments: comments on several kinds of object, modelled three ways (GenericForeignKey,
  an exclusive arc of foreign keys, one table per target from an abstract base).
"""

from inheritance.models.comments import (
    AbstractTargetComment,
    ArcComment,
    AuthorComment,
    BlogComment,
    GenericComment,
    Photo,
    PhotoComment,
)

__all__ = [
    "AbstractTargetComment",
    "ArcComment",
    "AuthorComment",
    "BlogComment",
    "GenericComment",
    "Photo",
    "PhotoComment",
]
