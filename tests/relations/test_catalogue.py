"""The relationship catalogue: each model shows the behaviour its docstring promises."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist

from relations.models import (
    Category,
    City,
    CityVisitLog,
    Club,
    Country,
    DenormalisedArticle,
    Interest,
    Member,
    MemberProfile,
    Membership,
    NormalisedArticle,
    Summit,
    Tag,
)

# Each test builds the rows it talks about and asserts over whole tables: without the demo rows.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_data")]


@pytest.fixture
def france(db):
    country = Country.objects.create(code="FR", name="France")
    paris = City.objects.create(name="Paris", country=country, is_capital=True)
    lyon = City.objects.create(name="Lyon", country=country)
    return country, paris, lyon


def test_to_field_stores_the_referenced_unique_value(france):
    country, paris, _ = france
    assert paris.country_id == "FR"
    assert City.objects.filter(country_id="FR").count() == 2


def test_related_name_and_related_query_name_replace_the_defaults(france):
    country, paris, lyon = france
    assert set(country.cities.all()) == {paris, lyon}
    assert not hasattr(country, "city_set")
    assert list(Country.objects.filter(city__name="Lyon")) == [country]


def test_limit_choices_to_offers_only_capitals_in_the_admin_form(france, rf, admin_user):
    _, paris, lyon = france
    model_admin = admin.site.get_model_admin(Summit)
    request = rf.get("/")
    request.user = admin_user
    form = model_admin.get_form(request)()
    assert list(form.fields["host_city"].queryset) == [paris]


def test_a_soft_reference_keeps_a_deleted_citys_id_and_reads_as_none(france):
    _, paris, _ = france
    log = CityVisitLog.objects.create(note="Louvre", city=paris, visited_on=datetime.date(2026, 1, 1))
    paris_pk = paris.pk
    paris.delete()  # no constraint, DO_NOTHING: nothing stops this and nothing follows it
    log = CityVisitLog.objects.get(pk=log.pk)
    assert log.city_id == paris_pk
    assert log.city_or_none is None
    with pytest.raises(City.DoesNotExist):
        log.city  # noqa: B018 - the access itself raises


def test_reverse_one_to_one_raises_when_there_is_no_profile(db):
    member = Member.objects.create(name="Alan")
    with pytest.raises(Member.profile.RelatedObjectDoesNotExist):
        member.profile  # noqa: B018 - the access itself raises
    assert issubclass(Member.profile.RelatedObjectDoesNotExist, ObjectDoesNotExist)
    assert MemberProfile.of(member) is None
    profile = MemberProfile.objects.create(member=member)
    assert Member.objects.get(pk=member.pk).profile == profile


def test_symmetrical_friends_go_both_ways_and_following_does_not(db):
    ada, grace = Member.objects.create(name="Ada"), Member.objects.create(name="Grace")
    ada.friends.add(grace)
    assert list(grace.friends.all()) == [ada]
    ada.following.add(grace)
    assert list(grace.followers.all()) == [ada]
    assert list(grace.following.all()) == []


def test_the_auto_created_through_rows_go_with_the_member(db):
    chess = Interest.objects.create(name="Chess")
    ada = Member.objects.create(name="Ada")
    ada.interests.add(chess)
    through = Member.interests.through
    assert through._meta.auto_created and through.objects.count() == 1
    ada.delete()
    assert through.objects.count() == 0 and Interest.objects.filter(pk=chess.pk).exists()


def test_the_through_model_carries_role_and_date_and_uses_through_fields(db):
    ada, grace = Member.objects.create(name="Ada"), Member.objects.create(name="Grace")
    club = Club.objects.create(name="Chess club")
    Membership.objects.create(club=club, member=grace, role="chair", joined_on="2024-01-01", invited_by=ada)
    assert list(club.members.all()) == [grace]  # invited_by is not part of the M2M
    assert Club._meta.get_field("members").remote_field.through_fields == ("club", "member")
    assert Membership.objects.get(member=grace).get_role_display() == "Chair"


def test_deleting_a_tree_node_deletes_every_level_below(db):
    root = Category.objects.create(name="Science")
    computing = Category.objects.create(name="Computing", parent=root)
    databases = Category.objects.create(name="Databases", parent=computing)
    Category.objects.create(name="Relational", parent=databases)
    other = Category.objects.create(name="Arts")
    assert {c.name for c in root.descendants()} == {"Computing", "Databases", "Relational"}
    deleted, per_model = root.delete()
    assert deleted == 4
    assert list(Category.objects.all()) == [other]


def test_normalised_tags_are_one_row_each_and_denormalised_text_is_not(db):
    django_tag = Tag.objects.create(name="django")
    article = NormalisedArticle.objects.create(title="Why an ORM")
    article.tags.add(django_tag)
    DenormalisedArticle.objects.create(title="Why an ORM", tags="django, orm")
    DenormalisedArticle.objects.create(title="Djangonauts", tags="djangonaut")
    # Renaming a tag is one UPDATE for the normalised form ...
    Tag.objects.filter(pk=django_tag.pk).update(name="Django")
    assert [t.name for t in NormalisedArticle.objects.get().tags.all()] == ["Django"]
    # ... while a text search over the denormalised form also matches a different tag.
    assert DenormalisedArticle.objects.filter(tags__contains="django").count() == 2
    assert NormalisedArticle.objects.filter(tags__name="Django").count() == 1
    assert DenormalisedArticle.objects.get(title="Why an ORM").tag_list() == ["django", "orm"]
