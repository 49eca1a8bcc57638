"""The model map names every model and relation the app registry has, with the right on_delete.

The expectations are derived here by walking the registry independently of the generator:
a model, field or relation added anywhere in the project shows up on the map, or this fails.
"""

import io
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.management import call_command
from django.db import models
from django.db.models import deletion
from django.test.utils import isolate_apps
from django.urls import reverse
from polymorphic.deletion import PolymorphicGuard
from polymorphic.models import PolymorphicModel

from playground.labkit.model_map import ON_DELETE_STYLES, build

ON_DELETE_NAMES = {
    getattr(deletion, name): name
    for name in (
        "CASCADE",
        "PROTECT",
        "RESTRICT",
        "SET_NULL",
        "SET_DEFAULT",
        "DO_NOTHING",
        "DB_CASCADE",
        "DB_SET_NULL",
        "DB_SET_DEFAULT",
    )
}


def expected_on_delete(field) -> str:
    handler = field.remote_field.on_delete
    if isinstance(handler, PolymorphicGuard):  # django-polymorphic's wrapper around the written option
        handler = handler.action
    # models.SET(value) makes a new function each time; its deconstruct() names models.SET.
    return ON_DELETE_NAMES.get(handler) or handler.deconstruct()[0].rsplit(".", 1)[1]


def node(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"


def edge_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if re.match(r"\s+\w+ \S+\|\"", line)]


def link_styles(source: str) -> list[str]:
    return re.findall(r"linkStyle \d+ stroke:(#[0-9a-f]{6})", source)


@pytest.fixture(scope="module")
def source():
    return build().mermaid()


def test_map_names_every_model_in_the_registry(source):
    for model in apps.get_models():
        assert re.search(rf"^\s+{node(model)}\W.*{re.escape(model._meta.label)}", source, re.MULTILINE), (
            f"{model._meta.label} is missing from the model map"
        )


def test_every_foreign_key_and_one_to_one_is_drawn_with_its_on_delete(source):
    lines = edge_lines(source)
    checked = 0
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for f in model._meta.local_fields:
            if not (f.is_relation and f.concrete) or getattr(f.remote_field, "parent_link", False):
                continue
            arrow = "==>" if isinstance(f, models.OneToOneField) else "-->"
            expected = f'{node(model)} {arrow}|"{f.name} · {expected_on_delete(f)}"| {node(f.related_model)}'
            assert expected in lines, f"{model._meta.label}.{f.name} is not drawn as {expected!r}"
            checked += 1
    assert checked >= 5  # at least the demo's Blog, comments and Django's own FKs


def test_each_foreign_key_is_coloured_by_its_on_delete(source):
    lines, colours = edge_lines(source), link_styles(source)
    assert len(lines) == len(colours)
    for line, colour in zip(lines, colours, strict=True):
        match = re.search(r'(?:-->|==>)\|"\w+ · (\w+)"\|', line)
        if match:
            assert colour == ON_DELETE_STYLES[match.group(1)][0], line


def test_database_level_on_delete_options_have_colours_of_their_own():
    python_level = {colour for name, (colour, _) in ON_DELETE_STYLES.items() if not name.startswith("DB_")}
    database_level = {colour for name, (colour, _) in ON_DELETE_STYLES.items() if name.startswith("DB_")}
    assert len(database_level) == 3 and not python_level & database_level


def test_every_many_to_many_is_drawn_with_its_through_table(source):
    lines = edge_lines(source)
    for model in apps.get_models():
        for f in model._meta.local_many_to_many:
            through = f.remote_field.through
            what = (
                f"auto table {through._meta.db_table}" if through._meta.auto_created else f"through {through.__name__}"
            )
            assert f'{node(model)} <-->|"{f.name} · {what}"| {node(f.related_model)}' in lines


def test_every_inheritance_link_is_drawn(source):
    lines = edge_lines(source)
    for model in apps.get_models():
        if model._meta.proxy:
            assert any(
                line.startswith(f"{node(model)} -.-o") and line.endswith(node(model._meta.proxy_for_model))
                for line in lines
            ), model
            continue
        for parent, link in model._meta.parents.items():
            arrow = "--o"
            assert any(
                line.startswith(f'{node(model)} {arrow}|"{link.name}') and line.endswith(node(parent)) for line in lines
            ), f"{model._meta.label} → {parent._meta.label}"
        for base in model.__bases__:
            if issubclass(base, models.Model) and base is not models.Model and base._meta.abstract:
                assert any(line.startswith(f"{node(model)} -.->") and base.__name__.lower() in line for line in lines)


def test_every_generic_relation_and_generic_foreign_key_is_drawn(source):
    lines = edge_lines(source)
    found = 0
    for model in apps.get_models():
        for f in model._meta.private_fields:
            if getattr(f, "mti_inherited", False):
                continue
            if isinstance(f, GenericForeignKey):
                assert any(line.startswith(f'{node(model)} -.-x|"{f.name}') for line in lines)
                found += 1
            elif isinstance(f, GenericRelation):
                assert (
                    f'{node(model)} <-.->|"{f.name} · GenericRelation to {f.related_model._meta.label}"| '
                    + node(f.related_model)
                    in lines
                )
                found += 1
    assert found >= 2  # GenericComment.target and Blog.comments at least


def test_clicking_a_registered_model_opens_its_changelist(source):
    for model in apps.get_models():
        click = re.search(rf'^\s+click {node(model)} href "([^"]+)"', source, re.MULTILINE)
        if admin.site.is_registered(model):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert click and click.group(1) == url
        else:
            assert click is None


@isolate_apps("inheritance")
def test_map_draws_multi_table_proxy_polymorphic_one_to_one_and_db_options_distinctly():
    # Models of every kind the project may grow, in a registry of their own.
    from relations.models import Blog

    class Place(models.Model):  # noqa: DJ008 - a throwaway model in an isolated registry
        class Meta:
            app_label = "inheritance"

    class Restaurant(Place):  # noqa: DJ008 - a throwaway model in an isolated registry
        class Meta:
            app_label = "inheritance"

    class Bar(Place):  # noqa: DJ008 - a throwaway model in an isolated registry
        place = models.OneToOneField(Place, on_delete=models.CASCADE, parent_link=True, related_name="bar_child")

        class Meta:
            app_label = "inheritance"

    class QuietPlace(Place):  # noqa: DJ008 - a throwaway model in an isolated registry
        class Meta:
            app_label = "inheritance"
            proxy = True

    class Shape(PolymorphicModel):
        class Meta:
            app_label = "inheritance"

    class Circle(Shape):
        class Meta:
            app_label = "inheritance"

    class Review(models.Model):  # noqa: DJ008 - a throwaway model in an isolated registry
        place = models.OneToOneField(Place, on_delete=models.PROTECT)
        blog = models.ForeignKey(Blog, on_delete=models.DB_CASCADE, related_name="+")
        fallback = models.ForeignKey(Blog, on_delete=models.SET(1), related_name="+")
        places = models.ManyToManyField(Place, related_name="reviews")

        class Meta:
            app_label = "inheritance"

    test_apps = Place._meta.apps
    source = build(app_registry=test_apps).mermaid()
    lines = edge_lines(source)
    assert 'inheritance_restaurant --o|"place_ptr · implicit parent link"| inheritance_place' in lines
    assert 'inheritance_bar --o|"place · parent_link=True"| inheritance_place' in lines
    assert 'inheritance_quietplace -.-o|"proxy"| inheritance_place' in lines
    assert 'inheritance_circle --o|"shape_ptr · implicit parent link"| inheritance_shape' in lines
    assert 'inheritance_review ==>|"place · PROTECT"| inheritance_place' in lines
    assert 'inheritance_review -->|"blog · DB_CASCADE"| relations_blog' in lines
    assert 'inheritance_review -->|"fallback · SET"| relations_blog' in lines
    assert 'inheritance_review <-->|"places · auto table inheritance_review_places"| inheritance_place' in lines
    # Distinct shapes and colours: polymorphic boxes and their inheritance, proxies, DB_* arrows.
    assert re.search(r"inheritance_circle\[\[.*\]\]:::polymorphic", source)
    assert re.search(r"inheritance_quietplace\(\[.*\]\):::proxy", source)
    colours = dict(zip(lines, link_styles(source), strict=True))
    assert colours['inheritance_review -->|"blog · DB_CASCADE"| relations_blog'] == ON_DELETE_STYLES["DB_CASCADE"][0]
    polymorphic = colours['inheritance_circle --o|"shape_ptr · implicit parent link"| inheritance_shape']
    multi_table = colours['inheritance_restaurant --o|"place_ptr · implicit parent link"| inheritance_place']
    assert polymorphic != multi_table


def test_management_command_prints_the_same_source_as_the_page(admin_user_client, source):
    out = io.StringIO()
    call_command("model_map", stdout=out)
    assert out.getvalue() == source
    response = admin_user_client.get(reverse("admin:lab-model-map"))
    assert response.status_code == HTTPStatus.OK
    assert response.context["source"] == source


def test_page_loads_mermaid_from_the_projects_static_files(admin_user_client):
    html = admin_user_client.get(reverse("admin:lab-model-map")).content.decode()
    # diagrams.js fetches it once the page has loaded (data-mermaid on its script tag).
    script = re.search(r'<script src="[^"]+diagrams\.js" data-mermaid="([^"]+mermaid\.min\.js)"', html).group(1)
    assert script.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL)
    vendor = Path(settings.BASE_DIR) / "playground/labkit/static/labkit/vendor"
    assert (vendor / "mermaid.min.js").stat().st_size > 1_000_000
    assert "MIT License" in (vendor / "mermaid.LICENSE").read_text()


def test_model_map_is_for_staff_only(client):
    response = client.get(reverse("admin:lab-model-map"))
    assert response.status_code == HTTPStatus.FOUND
