"""Widgets: foreign keys by a natural field in one query, strict many-to-many, ISO datetimes, plain integers."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from import_export import resources
from import_export.widgets import DateTimeWidget, ForeignKeyWidget, IntegerWidget, ManyToManyWidget


class PrefetchedForeignKeyWidget(ForeignKeyWidget):
    """A ForeignKeyWidget that looks every value of its column up in one query.

    ``PlaygroundResource.before_import`` fills the cache; without it (an export, or a
    resource used directly) the widget falls back to one query per row.
    """

    def prefetch(self, values) -> None:
        wanted = {str(v).strip() for v in values if v not in (None, "")}
        self._cache = {}
        chunk = 5000  # stays under SQLite's limit on query parameters
        ordered = sorted(wanted)
        for start in range(0, len(ordered), chunk):
            for obj in self.model._default_manager.filter(**{f"{self.field}__in": ordered[start : start + chunk]}):
                self._cache[str(getattr(obj, self.field))] = obj

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        cache = getattr(self, "_cache", None)
        if cache is None:
            try:
                return super().clean(value, row, **kwargs)
            except self.model.DoesNotExist:
                raise ValueError(self._unknown(value)) from None
        try:
            return cache[str(value).strip()]
        except KeyError:
            raise ValueError(self._unknown(value)) from None

    def _unknown(self, value) -> str:
        return f"No {self.model._meta.verbose_name} with {self.field} {value!r}."


class StrictManyToManyWidget(ManyToManyWidget):
    """ManyToManyWidget that refuses unknown values instead of dropping them silently.

    The library's widget filters ``field__in=[...]``: a misspelt tag simply vanishes from
    the row. Here it is a row error naming the values that were not found.
    """

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        wanted = [v.strip() for v in str(value).split(self.separator) if v.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        known = {str(v) for v in found.values_list(self.field, flat=True)}
        missing = [v for v in wanted if v not in known]
        if missing:
            raise ValueError(f"No {self.model._meta.verbose_name} with {self.field} {', '.join(map(repr, missing))}.")
        return found


class ISODateTimeWidget(DateTimeWidget):
    """DATETIME_INPUT_FORMATS as the library reads them, plus ISO 8601 (``2025-03-04T12:00:00+02:00``).

    JSON exports and most other systems write ISO 8601, which the library's formats
    (``%Y-%m-%d %H:%M:%S``…) refuse.
    """

    def clean(self, value, row=None, **kwargs):
        # ISO first: one regex, where the library tries strptime() format after format.
        if isinstance(value, str) and value.strip():
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:  # well-formed but impossible, e.g. month 13
                parsed = None
            if parsed is not None:
                return timezone.make_aware(parsed) if settings.USE_TZ and timezone.is_naive(parsed) else parsed
        return super().clean(value, row, **kwargs)


class PlainIntegerWidget(IntegerWidget):
    """The library's IntegerWidget with a fast path for what files almost always hold: ``42``.

    The library parses every number through localisation (``sanitize_separators``) and
    ``Decimal``: right for ``1.234,5`` and ``4e3``, a twentieth of a 10,000-row import for
    plain digits. Anything but plain ASCII digits still goes the library's way.
    """

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            digits = value.strip()
            if digits.isascii() and digits.removeprefix("-").isdigit() and len(digits) <= 18:
                return int(digits)
        elif isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):
            # The library lets decimal's InvalidOperation through, shown as
            # "[<class 'decimal.ConversionSyntax'>]"; the resource adds the column's name.
            raise ValueError("Enter a whole number.") from None


INTEGER_FIELDS = [name for name, widget in resources.ModelResource.WIDGETS_MAP.items() if widget is IntegerWidget]
