from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Relations and deletion lab"
    lab_description = (
        "The chapter's Author and Blog, every relationship type (ForeignKey, OneToOne, "
        "ManyToMany, GenericForeignKey and its alternatives) and every on_delete behaviour: "
        "delete things and watch what happens."
    )
    lab_order = 10
