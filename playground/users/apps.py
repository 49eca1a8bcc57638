from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "playground.users"
    label = "users"
    verbose_name = "Users"
    lab_order = 100
