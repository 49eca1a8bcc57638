from django.apps import AppConfig


class InheritanceConfig(AppConfig):
    name = "inheritance"
    verbose_name = "Inheritance lab"
    lab_description = (
        "One small domain modelled four ways — abstract base, multi-table, proxy and "
        "django-polymorphic — and comments attached with GenericForeignKey or its alternatives."
    )
    lab_order = 20
