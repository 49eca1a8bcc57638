"""Admin for the ForeignKey options: to_field, related_name, limit_choices_to, db_constraint=False."""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery

from playground.labkit.admin_mixins import DeletePreviewMixin
from relations.models import City, CityVisitLog, Country, Summit


class CityInline(admin.TabularInline):
    """A country's cities, through ``related_name="cities"``."""

    model = City
    extra = 0
    show_change_link = True


@admin.register(Country)
class CountryAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A to_field target: cities store the country's code, not its id."""

    list_display = ["name", "code", "city_count"]
    search_fields = ["name", "code"]
    inlines = [CityInline]

    def get_queryset(self, request):
        # related_query_name="city" is the name to count through.
        return super().get_queryset(request).annotate(city_count=Count("city"))

    @admin.display(description="Cities", ordering="city_count")
    def city_count(self, country):
        return country.city_count


@admin.register(City)
class CityAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """to_field in the list (country code) and related_name in the filter."""

    list_display = ["name", "country", "country_id", "is_capital"]
    list_filter = ["is_capital", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "country__name"]
    autocomplete_fields = ["country"]

    @admin.display(description="country_id column")
    def country_id(self, city):
        return city.country_id


@admin.register(Summit)
class SummitAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """limit_choices_to: the host city widget offers capitals only (autocomplete too)."""

    list_display = ["title", "host_city", "held_on"]
    list_filter = ["held_on"]
    list_select_related = ["host_city"]
    search_fields = ["title", "host_city__name"]
    autocomplete_fields = ["host_city"]
    date_hierarchy = "held_on"


@admin.register(CityVisitLog)
class CityVisitLogAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """db_constraint=False: a log keeps its city id after the city is deleted (shown as dangling)."""

    list_display = ["note", "city_id", "city_name", "visited_on"]
    list_filter = ["visited_on"]
    # No list_select_related: a select_related JOIN on a non-null key is an INNER JOIN, which
    # would silently hide the very rows whose city is gone. A subquery keeps them.
    list_select_related = []
    search_fields = ["note"]
    raw_id_fields = ["city"]

    def get_queryset(self, request):
        city_name = City.objects.filter(pk=OuterRef("city_id")).values("name")
        return super().get_queryset(request).annotate(city_name=Subquery(city_name))

    @admin.display(description="city_id column")
    def city_id(self, log):
        return log.city_id

    @admin.display(description="City", ordering="city_name")
    def city_name(self, log):
        return log.city_name or f"(dangling: city {log.city_id} no longer exists)"
