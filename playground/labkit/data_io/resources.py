"""PlaygroundResource: columns checked as a whole, duplicates inside a file refused, per-import work done once."""

from __future__ import annotations

import copy

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from import_export import resources
from import_export.widgets import CharWidget, ManyToManyWidget

from playground.labkit.data_io.formats import preview_diff_max_rows
from playground.labkit.data_io.keys import has_auto_key, highest_issued_key
from playground.labkit.data_io.widgets import (
    INTEGER_FIELDS,
    ISODateTimeWidget,
    PlainIntegerWidget,
    PrefetchedForeignKeyWidget,
)


class ImportColumnsError(ValueError):
    """The file's header row does not fit the resource: nothing is imported."""


class PlaygroundResource(resources.ModelResource):
    """A ModelResource that refuses bad files as a whole and reports bad rows one by one."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **dict.fromkeys(INTEGER_FIELDS, PlainIntegerWidget),
        "DateTimeField": ISODateTimeWidget,
        # The library leaves TextField to the bare Widget: an empty XLSX cell (read as None)
        # then meets a NOT NULL column. Text is text, whichever field stores it.
        "TextField": CharWidget,
    }

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField) and django_field.blank and not django_field.null:
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs

    class Meta:
        # full_clean() on every row: an invalid email or a too-long title is a row error
        # with the field's own message, not a database error halfway through.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def required_columns(self) -> list[str]:
        """Columns without which a new row could not be valid (no default, not blank)."""
        required = []
        for name, field in self.fields.items():
            if name in self.get_import_id_fields() or not field.attribute or field.readonly:
                continue
            try:
                model_field = self._meta.model._meta.get_field(field.attribute)
            except FieldDoesNotExist:  # a computed column
                continue
            if model_field.many_to_many or model_field.blank or model_field.null or model_field.has_default():
                continue
            required.append(field.column_name)
        return required

    def get_import_fields(self):
        # The library works the field order out again for every row of every import; within
        # one import it cannot change (before_import starts each import afresh).
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    _import_fields = None
    _row_fields = None

    def import_instance(self, instance, row, **kwargs):
        """The library's loop over the fields, minus what the header row already settled.

        The library asks, for every field of every row, whether it has an attribute and a
        column in this file (and builds a debug message when not); every row of a file has
        the same columns (the header row's, as written), so the first row settles it. A
        resource that overrides ``import_field`` keeps the library's loop.
        """
        if type(self).import_field is not resources.ModelResource.import_field:
            return super().import_instance(instance, row, **kwargs)
        if self._row_fields is None:
            self._row_fields = [
                field
                for field in self.get_import_fields()
                if field.attribute and field.column_name in row and not isinstance(field.widget, ManyToManyWidget)
            ]
        errors = {}
        for field in self._row_fields:
            try:
                field.save(instance, row, **kwargs)
            except ValueError as e:
                # Name the column and the value: the field's own message may say neither.
                value, text = row.get(field.column_name), force_str(e)
                shown = "" if str(value) in text else f", value {value!r}"
                message = f"Column {field.column_name!r}{shown}: {text}"
                errors[field.attribute] = ValidationError(message, code="invalid")
        if errors:
            raise ValidationError(errors)

    # The dry run (the admin's preview) writes each row and rolls back, so that save(), the
    # signals and the database itself have their say. A bulk resource has no save() or
    # signals to run, so its preview can stop after the widgets and full_clean(): the
    # INSERTs would only be rolled back (they were a third of a 10,000-row preview), and a
    # database error at confirm still rolls back the whole import.
    preview_writes_rows = True

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run and not self.preview_writes_rows:
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run and not self.preview_writes_rows:
            self.update_instances.clear()
            return
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)

    # --- Who may do what, row by row, and which keys a file may choose ----------------------

    def after_init_instance(self, instance, new, row, **kwargs):
        """Refuse a row the importing user may not write, and a new row's key outside the table's range."""
        user = kwargs.get("user")
        if user is not None:
            self._require(user, "add" if new else "change")
        if new:
            self._check_explicit_pk(instance, row)
        super().after_init_instance(instance, new, row, **kwargs)

    def delete_instance(self, instance, row, **kwargs):
        if kwargs.get("user") is not None:
            self._require(kwargs["user"], "delete")
        super().delete_instance(instance, row, **kwargs)

    def _require(self, user, action: str) -> None:
        opts = self._meta.model._meta
        codename = f"{action}_{opts.model_name}"
        if not user.has_perm(f"{opts.app_label}.{codename}"):
            verb = {"add": "create", "change": "update", "delete": "delete"}[action]
            raise ValidationError(
                f"You may not {verb} {opts.verbose_name_plural}: this row needs the "
                f"{opts.app_label}.{codename} permission. Nothing was written for it."
            )

    def _check_explicit_pk(self, instance, row) -> None:
        """A new row may name its own key only if the database has handed it out already (keys.py)."""
        model = self._meta.model
        pk = model._meta.pk
        field = next((f for f in self.fields.values() if f.attribute in (pk.attname, pk.name)), None)
        if field is None or not has_auto_key(model) or row.get(field.column_name) in (None, ""):
            return
        try:
            key = field.clean(row)
        except ValueError:
            return  # not a number: the widget reports it, with the column's name
        if key is None:
            return
        if not hasattr(self, "_highest_key"):
            self._highest_key = highest_issued_key(model, self.get_db_connection_name())
        highest = self._highest_key
        if highest is None or not (1 <= key <= highest):
            used = f"1–{highest}" if highest is not None else "none yet"
            raise ValidationError(
                {
                    pk.attname: f"Column {field.column_name!r}, value {row[field.column_name]!r}: a new row's "
                    f"key must be one this table has already used ({used}). Leave {field.column_name!r} "
                    "empty to let the database choose it."
                }
            )

    def after_import(self, dataset, result, **kwargs):
        # The library moves the sequence to the highest key after every import that created
        # rows. Keys from files are at most the sequence's position (above), so it never
        # needs moving, and moving it down would hand out the keys of deleted rows again.
        resources.Resource.after_import(self, dataset, result, **kwargs)

    def before_import(self, dataset, **kwargs):
        self._import_fields = self._row_fields = None
        self.__dict__.pop("_highest_key", None)
        headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
        if dataset.headers:
            # "views " is the views column: the rows are keyed by these names from here on.
            dataset.headers = headers
        known = {field.column_name for field in self.get_import_fields()}
        unknown = [h for h in headers if h not in known]
        missing = [c for c in self.required_columns() if c not in headers]
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            problems.append(f"missing required column(s) {', '.join(map(repr, missing))}")
        if problems:
            raise ImportColumnsError(
                f"The file does not fit {self._meta.model._meta.verbose_name} rows: {'; '.join(problems)}. "
                f"Expected columns: {', '.join(sorted(known))}. Nothing was imported."
            )
        for field in self.fields.values():
            if isinstance(field.widget, PrefetchedForeignKeyWidget) and field.column_name in headers:
                field.widget.prefetch(dataset[field.column_name])
        self._seen_keys = {}
        if len(dataset) > preview_diff_max_rows() and not self._meta.skip_diff:
            # Nobody reads a before/after of thousands of rows, and computing it is a third of
            # the import's time: a long file's preview lists each row's outcome and errors only.
            self._meta = copy.copy(self._meta)
            self._meta.skip_diff = True
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """As the library does, but without full_clean()'s one SELECT per row and foreign key.

        The prefetching widgets have just read the rows those keys point at, so checking
        their existence again is skipped; everything else (formats, lengths, unique) is checked.
        """
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            prefetched = self._prefetched_fk_attributes
            resolved = {name for name in prefetched if getattr(instance, f"{name}_id", None) is not None}
            # A new row whose only unique field is its (not yet assigned) primary key has
            # nothing to check: skip the per-row work of finding that out.
            validate_unique = validate_unique and (instance.pk is not None or self._has_unique_beyond_pk)
            try:
                instance.full_clean(exclude=set(errors) | resolved, validate_unique=validate_unique)
            except ValidationError as err:
                errors = err.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @cached_property
    def _prefetched_fk_attributes(self) -> list[str]:
        return [f.attribute for f in self.fields.values() if isinstance(f.widget, PrefetchedForeignKeyWidget)]

    @cached_property
    def _has_unique_beyond_pk(self) -> bool:
        try:
            unique_checks, date_checks = self._meta.model()._get_unique_checks()
        except Exception:  # noqa: BLE001 — a model that cannot be built bare: always validate
            return True
        return bool(date_checks) or any(fields != (model._meta.pk.name,) for model, fields in unique_checks)

    @cached_property
    def _id_fields(self) -> list:
        return [self.fields[name] for name in self.get_import_id_fields() if name in self.fields]

    def before_import_row(self, row, **kwargs):
        id_fields = self._id_fields
        if id_fields and all(f.column_name in row for f in id_fields):
            key = tuple(str(row[f.column_name]).strip().lower() for f in id_fields)
            if any(key):
                number = kwargs.get("row_number")
                first = self._seen_keys.setdefault(key, number)
                if first != number:
                    columns = ", ".join(f.column_name for f in id_fields)
                    raise ValidationError(
                        {id_fields[0].attribute: f"{columns} {row[id_fields[0].column_name]!r} is also on row {first}."}
                    )
        super().before_import_row(row, **kwargs)
