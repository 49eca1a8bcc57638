"""ForeignKey options beyond on_delete: to_field, related_name/related_query_name,
limit_choices_to, and db_constraint=False.

(``Blog.author`` in ``blog`` shows the default reverse accessor ``blog_set``.)
"""

from django.db import models


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    """Demonstrates a unique non-primary-key field that other rows reference (``to_field``)."""

    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166 alpha-2 code, e.g. FR.")
    name = models.CharField(max_length=100)

    objects = CountryManager()

    class Meta:
        verbose_name = "country"
        verbose_name_plural = "countries"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class City(models.Model):
    """Demonstrates to_field (the column holds the country code) and related_name/related_query_name."""

    name = models.CharField(max_length=100)
    # The column is country_id holding "FR", not a number: readable, and stable across databases.
    country = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        to_field="code",
        related_name="cities",  # country.cities.all() instead of country.city_set.all()
        related_query_name="city",  # Country.objects.filter(city__name="Lyon")
    )
    is_capital = models.BooleanField(default=False)

    class Meta:
        verbose_name = "city"
        verbose_name_plural = "cities"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Summit(models.Model):
    """Demonstrates limit_choices_to: the host city can only be a capital (forms and admin offer no other)."""

    title = models.CharField(max_length=100)
    host_city = models.ForeignKey(
        City, on_delete=models.CASCADE, limit_choices_to={"is_capital": True}, related_name="summits"
    )
    held_on = models.DateField()

    class Meta:
        verbose_name = "summit"
        verbose_name_plural = "summits"
        ordering = ["-held_on"]

    def __str__(self):
        return self.title


class CityVisitLog(models.Model):
    """Demonstrates db_constraint=False: a soft reference that keeps a deleted city's id, dangling."""

    note = models.CharField(max_length=200)
    # No FOREIGN KEY constraint in the database and DO_NOTHING in Django: deleting the city
    # leaves city_id pointing at nothing, and nobody complains until the row is read.
    city = models.ForeignKey(City, on_delete=models.DO_NOTHING, db_constraint=False, related_name="visit_logs")
    visited_on = models.DateField()

    class Meta:
        verbose_name = "city visit log"
        verbose_name_plural = "city visit logs"
        ordering = ["-visited_on"]

    def __str__(self):
        return self.note

    @property
    def city_or_none(self):
        """The city, or None once it was deleted (reading ``self.city`` would raise DoesNotExist)."""
        try:
            return self.city
        except City.DoesNotExist:
            return None
