from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "playground.users"
    label = "users"
    verbose_name = "Users"
    lab_description = (
        "The custom user model (AUTH_USER_MODEL), set from the first migration; a blog's reviewer "
        "points at it, so deleting a user shows a SET_NULL in the delete preview."
    )
    lab_order = 50
