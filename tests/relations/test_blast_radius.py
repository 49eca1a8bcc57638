"""The blast radius says what the delete report says: its boxes, counts and arrows are read back
from the generated Mermaid source (tests/mermaid.py) and compared with the report they were drawn from."""

import re
from collections import Counter
from http import HTTPStatus

import pytest
from django.apps import apps
from django.urls import reverse

from playground.labkit.deletion import blast_radius, preview_instance_delete
from playground.labkit.deletion.report import BY_DATABASE
from playground.labkit.model_map import ON_DELETE_STYLES
from relations.models import (
    Author,
    Blog,
    CascadeChild,
    DbCascadeChild,
    GenericComment,
    Parent,
    ProtectChild,
    SetNullChild,
)
from tests.mermaid import parse_flowchart

pytestmark = pytest.mark.django_db
COUNT_LINE = re.compile(r"^([\d,]+) (deleted by the database|deleted|updated|block|left dangling|asked for)")
PART = {"deleted by the database": "deleted", "block": "blocking", "left dangling": "dangling", "asked for": "asked"}


def counts_in(box) -> Counter:
    counts = Counter()
    for line in box.lines:
        if match := COUNT_LINE.match(line):
            counts[PART.get(match[2], match[2])] += int(match[1].replace(",", ""))
    return counts


def concrete(label: str):
    return apps.get_model(label)._meta.concrete_model._meta


def assert_drawn_as_reported(report, chart):
    """Every table of the report is one box with the report's counts, reached by arrows with the report's rules."""
    expected: dict[str, Counter] = {}
    for part, groups in (("deleted", report.deleted), ("updated", report.updated)):
        for group in groups:
            expected.setdefault(concrete(group.label).label, Counter())[part] += group.count
    for part, groups in (("blocking", report.blocking), ("dangling", report.dangling)):
        for group in groups:
            expected.setdefault(concrete(group.label).label, Counter())[part] += group.count
    drawn = {box.lines[0]: box for box in chart.boxes.values()}
    assert set(expected) <= set(drawn) and len(drawn) == len(chart.boxes)  # one box per table
    for label, counts in expected.items():
        assert drawn[label].lines[1] == concrete(label).db_table
        drawn_counts = counts_in(drawn[label])
        drawn_counts.pop("asked", None)  # the rows asked for, when the delete is refused
        assert drawn_counts == counts, label
    for group in report.deleted:
        rules = {arrow.parts[0] for arrow in chart.into(drawn[concrete(group.label).label].id)}
        assert rules == set(filter(None, group.rule.split(", "))), group.label
    for group in report.updated:
        (arrow,) = chart.into(drawn[concrete(group.label).label].id)
        assert arrow.parts[0] == group.rule and ("by the database" in arrow.parts) == (group.by == BY_DATABASE)
    for group in report.blocking:
        box = drawn[concrete(group.label).label]
        assert {(a.arrow, a.parts[0]) for a in chart.into(box.id)} == {("--x", group.rule)}
        assert all(row.text in box.text for row in group.rows)
    for group in report.dangling:
        assert {(a.arrow, a.parts[0]) for a in chart.into(drawn[concrete(group.label).label].id)} == {
            ("-.->", "DO_NOTHING")
        }
    for arrow in chart.arrows:  # the model map's legend colours every rule
        key = arrow.parts[0].split("(")[0]
        if key in ON_DELETE_STYLES:
            assert arrow.style["stroke"] == ON_DELETE_STYLES[key][0], arrow


def drawn(obj):
    report = preview_instance_delete(obj)
    chart = parse_flowchart(blast_radius(report, [str(obj)], 1).mermaid())
    assert_drawn_as_reported(report, chart)
    return report, chart


def test_a_cascade_parent_draws_its_children_deleted_through_cascade(make_family):
    parent, children = make_family(CascadeChild, "cascade", children=3)
    _report, chart = drawn(parent)
    root, child = chart.box_of("relations.Parent"), chart.box_of("relations.CascadeChild")
    assert counts_in(root)["deleted"] == 1 and parent.name in root.text
    assert counts_in(child)["deleted"] == len(children)
    (arrow,) = chart.into(child.id)
    assert (arrow.source, arrow.arrow, arrow.parts[:2]) == (root.id, "-->", ["CASCADE", "cascade"])


def test_a_protected_parent_draws_a_stopping_arrow_into_the_rows_that_block(make_family):
    parent, children = make_family(ProtectChild, "protect")
    report, chart = drawn(parent)
    assert report.outcome == "blocked"
    root, blockers = chart.box_of("relations.Parent"), chart.box_of("relations.ProtectChild")
    assert "refused" in root.text and parent.name in root.text
    assert counts_in(blockers)["blocking"] == len(children)
    assert all(child.name in blockers.text for child in children)
    (arrow,) = chart.into(blockers.id)
    assert (arrow.source, arrow.arrow, arrow.parts[0]) == (root.id, "--x", "PROTECT")


def test_a_db_cascade_parent_draws_what_the_database_deletes_by_itself(make_family):
    parent, children = make_family(DbCascadeChild, "db_cascade")
    _report, chart = drawn(parent)
    child = chart.box_of("relations.DbCascadeChild")
    assert f"{len(children)} deleted by the database" in child.lines
    (arrow,) = chart.into(child.id)
    assert arrow.arrow == "==>" and arrow.parts == ["DB_CASCADE", "db_cascade", "by the database"]
    assert arrow.style["stroke"] == ON_DELETE_STYLES["DB_CASCADE"][0]


def test_a_set_null_parent_draws_its_children_updated_not_deleted(make_family):
    parent, children = make_family(SetNullChild, "set_null")
    _report, chart = drawn(parent)
    child = chart.box_of("relations.SetNullChild")
    assert counts_in(child) == Counter(updated=len(children))
    assert "set_null_id → NULL" in child.text
    (arrow,) = chart.into(child.id)
    assert arrow.parts[0] == "SET_NULL" and arrow.style["stroke"] == ON_DELETE_STYLES["SET_NULL"][0]


def test_a_blogs_generic_comments_are_drawn_as_its_generic_relations_cleanup(db):
    blog = Blog.objects.create(title="Drawn", author=Author.objects.create(name="D", email="drawn@example.com"))
    for who in ("Ann", "Bo"):
        GenericComment.objects.create(target=blog, commenter=who, body="hello")
    _report, chart = drawn(blog)
    comments = chart.box_of("relations.GenericComment")
    assert counts_in(comments)["deleted"] == 2
    (arrow,) = chart.into(comments.id)
    assert arrow.parts[:2] == ["GenericRelation", "comments"]
    assert arrow.source == chart.box_of("relations.Blog").id


def test_ten_thousand_children_are_one_box_with_their_count_not_a_box_per_row(db):
    parent = Parent.objects.create(name="Big family", slug="big-family")
    CascadeChild.objects.bulk_create(CascadeChild(name=f"Child {i}", cascade=parent) for i in range(10_000))
    report, chart = drawn(parent)
    assert len(chart.boxes) == len({g.table for g in report.deleted}) == 2
    assert "10,000 deleted" in chart.box_of("relations.CascadeChild").lines
    assert len(chart.arrows) == 1


def test_the_confirmation_pages_draw_the_report_they_show(admin_user_client, make_family):
    parent, _children = make_family(CascadeChild, "cascade")
    response = admin_user_client.get(reverse("admin:relations_parent_delete", args=[parent.pk]))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'id="blast-radius"' in html and "mermaid.min.js" in html and "labkit/diagrams.js" in html
    assert 'id="delete-preview-deleted"' in html  # the table form stays, for screen readers
    assert_drawn_as_reported(
        response.context["delete_preview"], parse_flowchart(response.context["delete_diagram"].mermaid())
    )

    other, _ = make_family(ProtectChild, "protect")
    changelist = reverse("admin:relations_parent_changelist")
    response = admin_user_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [parent.pk, other.pk]}
    )
    chart = parse_flowchart(response.context["delete_diagram"].mermaid())
    assert_drawn_as_reported(response.context["delete_preview"], chart)
    assert "2 asked for" in chart.box_of("relations.Parent").text
