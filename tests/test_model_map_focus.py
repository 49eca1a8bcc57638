"""The model map narrowed to an app, a lesson, or one model and its neighbours: read back from the
generated source (tests/mermaid.py) and compared with the app registry, walked here on its own."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.urls import reverse

from playground.labkit.model_map import MapView, build
from relations.models import CascadeGrandchild, Parent
from tests.mermaid import parse_flowchart
from tests.test_model_map import expected_on_delete


def drawn_models(query: dict) -> set[str]:
    view = MapView.from_query(query)
    assert not view.errors
    chart = parse_flowchart(view.apply(build()).mermaid())
    return {box.lines[0] for box in chart.boxes.values()}


def models_pointing_at(target) -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if not model._meta.proxy
        and any(f.is_relation and f.many_to_one and f.related_model is target for f in model._meta.local_fields)
    }


def test_parent_at_one_hop_is_exactly_parent_and_its_on_delete_children():
    children = models_pointing_at(Parent)
    assert len(children) >= 8  # one child model per Python-level option
    view = MapView.from_query({"focus": "relations.Parent"})
    assert view.hops == 1  # the default
    chart = parse_flowchart(view.apply(build()).mermaid())
    assert {box.lines[0] for box in chart.boxes.values()} == {"relations.Parent"} | children
    parent_box = next(box.id for box in chart.boxes.values() if box.lines[0] == "relations.Parent")
    for arrow in chart.arrows:  # every arrow drawn is a child's foreign key to Parent, with its on_delete
        assert arrow.target == parent_box and len(arrow.parts) == 2
        child = apps.get_model(chart.boxes[arrow.source].lines[0])
        assert arrow.parts[1] == expected_on_delete(child._meta.get_field(arrow.parts[0]))


def test_two_hops_reach_the_grandchildren_through_the_children():
    one, two = drawn_models({"focus": "relations.Parent"}), drawn_models({"focus": "relations.Parent", "hops": "2"})
    assert CascadeGrandchild._meta.label not in one
    assert one < two and CascadeGrandchild._meta.label in two


def test_the_app_filter_keeps_only_that_apps_models():
    shown = drawn_models({"app": "inheritance"})
    expected = {m._meta.label for m in apps.get_app_config("inheritance").get_models()}
    assert expected <= shown
    assert all(label.startswith("inheritance.") for label in shown)


@pytest.mark.parametrize(
    "slug", ["on-delete", "inheritance-styles", "comments", "relationship-types", "beyond-the-chapter"]
)
def test_a_lesson_shows_the_models_of_the_modules_its_app_declares(slug):
    (config, (_title, modules)) = next(
        (c, c.map_lessons[slug]) for c in apps.get_app_configs() if slug in getattr(c, "map_lessons", {})
    )
    expected = {
        m._meta.label for m in config.get_models() if any(m.__module__.startswith(module) for module in modules)
    }
    assert expected and drawn_models({"lesson": slug}) == expected


def test_unknown_filters_are_named_and_ignored():
    view = MapView.from_query({"focus": "relations.Nothing", "app": "nope", "hops": "many"})
    assert len(view.errors) == 3 and view.is_full


def test_the_page_is_a_permalink_of_its_view(admin_user_client):
    url = reverse("admin:lab-model-map")
    response = admin_user_client.get(url, {"focus": "relations.Parent", "hops": "1"})
    assert response.status_code == HTTPStatus.OK
    chart = parse_flowchart(response.context["source"])
    assert {box.lines[0] for box in chart.boxes.values()} == {"relations.Parent"} | models_pointing_at(Parent)
    html = response.content.decode()
    assert 'value="relations.Parent"' in html and 'id="model-map-full"' in html
    assert "style relations_parent " in response.context["source"]  # the focused box stands out
    full = admin_user_client.get(url)
    assert len(parse_flowchart(full.context["source"]).boxes) > len(chart.boxes)


def test_every_change_form_links_to_its_model_on_the_map(admin_user_client):
    parent = Parent.objects.create(name="Linked", slug="linked")
    html = admin_user_client.get(reverse("admin:relations_parent_change", args=[parent.pk])).content.decode()
    assert f'href="{reverse("admin:lab-model-map")}?focus=relations.Parent"' in html
    assert "Show on the map" in html
