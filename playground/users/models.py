"""The project's user model, swappable from the first migration.

Django's advice for a new project: start with a custom user model, even an empty one,
because switching ``AUTH_USER_MODEL`` after the first ``migrate`` means recreating the
database. Lessons point at it through ``settings.AUTH_USER_MODEL`` (never ``auth.User``):
``relations.Blog.reviewer`` is such a foreign key, with its on_delete shown in the
delete preview.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Demonstrates a custom user model (AUTH_USER_MODEL) that other apps' foreign keys point at."""

    class Meta(AbstractUser.Meta):
        verbose_name = "user"
        verbose_name_plural = "users"
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_username()
