"""The inheritance lab's step of the "Start here" tour: the four styles compared."""

from django.urls import reverse

from inheritance.admin.comparison import SLUG
from inheritance.models import PolymorphicProduct
from playground.labkit import tour


def inheritance_links():
    links = [("Inheritance styles compared", reverse(f"admin:lab-{SLUG}"))]
    if PolymorphicProduct.objects.exists():
        links.append(
            (
                "Products (polymorphic): one list, each row its own type",
                reverse("admin:inheritance_polymorphicproduct_changelist"),
            )
        )
    return links


tour.register(
    tour.Step(
        order=6,
        title="Compare the inheritance styles",
        look_for=(
            "The same catalogue stored four ways: each style's tables, and the queries and time of the same "
            "tasks, measured live. Change N and watch django-polymorphic's query count follow the child types."
        ),
        links=inheritance_links,
    )
)
