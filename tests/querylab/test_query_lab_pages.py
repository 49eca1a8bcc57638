"""The query lab in the admin: the list of recipes with live counts, and one recipe in full."""

from http import HTTPStatus

from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from playground.querylab import recipes
from relations.models import Blog

LAB_URL = reverse("admin:lab-query-lab")


def test_the_list_shows_every_recipe_with_the_query_count_it_just_measured(admin_user_client, demo_data):
    html = admin_user_client.get(LAB_URL).content.decode()
    for recipe in recipes.all_recipes():
        assert escape(recipe.title) in html
        assert f"?recipe={recipe.slug}" in html
    row_start = html.index('id="recipe-row-n-plus-one"')
    row = html[row_start : html.index("</tr>", row_start)]
    assert f'<td class="num query-count">{1 + Blog.objects.count()}</td>' in row


def test_the_list_is_grouped_by_topic_in_the_declared_order(admin_user_client, demo_data):
    html = admin_user_client.get(LAB_URL).content.decode()
    positions = [html.index(escape(title)) for title in recipes.TOPICS.values()]
    assert positions == sorted(positions)


def test_a_recipe_page_shows_its_source_sql_and_result(admin_user_client, demo_data):
    html = admin_user_client.get(LAB_URL, {"recipe": "select-related"}).content.decode()
    assert escape("def select_related():") in html
    assert "INNER JOIN" in html and "relations_author" in html
    assert "1 query in" in html
    assert escape("Notes on the Analytical Engine — Ada Lovelace") in html
    # The other cures of the same listing are listed beside it, for comparison.
    assert "?recipe=fetch-peers" in html and "?recipe=n-plus-one" in html


def test_a_recipe_that_raises_shows_the_exception(admin_user_client, demo_data):
    html = admin_user_client.get(LAB_URL, {"recipe": "fetch-raise"}).content.decode()
    assert "Raised django.core.exceptions.FieldFetchBlocked: Fetching of Blog.author blocked." in html


def test_an_index_recipe_shows_both_plans_side_by_side(admin_user_client, db):
    html = admin_user_client.get(LAB_URL, {"recipe": "index-partial"}).content.decode()
    assert "With the index" in html and "Without it" in html
    assert html.count("ticket_open_queue_idx") >= 2  # the CREATE INDEX and the plan that uses it


def test_an_unknown_recipe_answers_404_with_a_message(admin_user_client, db):
    response = admin_user_client.get(LAB_URL, {"recipe": "no-such-recipe"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert escape("There is no recipe called 'no-such-recipe'.") in response.content.decode()


def test_a_postgresql_only_recipe_says_why_it_did_not_run_elsewhere(admin_user_client, db):
    html = admin_user_client.get(LAB_URL, {"recipe": "index-gin"}).content.decode()
    if connection.vendor == "postgresql":
        assert "labelled_ticket_labels_gin" in html and "Not run" not in html
    else:
        assert "Not run: PostgreSQL only; this database is sqlite." in html


def test_the_lab_is_for_staff_only(client):
    response = client.get(LAB_URL, {"recipe": "n-plus-one"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
