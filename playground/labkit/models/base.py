"""What every lab shares: the abstract base model.

Abstract models create no table; their fields are copied into each concrete
subclass (the chapter's ``TimeStampedBaseModel`` best practice).
"""

from django.db import models


class TimeStampedBaseModel(models.Model):
    """Demonstrates auto_now_add / auto_now timestamps inherited from an abstract base."""

    # auto_now_add: set once, on INSERT; auto_now: set on every save() (but not on
    # QuerySet.update(), which never calls save()). Both use timezone.now() under USE_TZ.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
