"""Which model relation a repeated query is loading, read from Django's model meta.

A repeat says only "FROM relations_blog WHERE relations_blog.author_id = %s"; the
models know that ``author_id`` is ``Blog.author``, so rows of ``Blog`` loaded by author
are ``Author.blog_set`` read once per author. The cases:

* WHERE on the target's primary key: a forward foreign key or one-to-one of the page's
  model (``Blog.author``), or, if it has none to that table, its GenericForeignKey
  (``GenericComment.target``); a django-polymorphic model re-read by its own key, or its
  child table read by its parent link, is the *polymorphic child* fetch;
* WHERE on a foreign key of the FROM table: the reverse side (``Author.blog_set``, or a
  reverse one-to-one such as ``Member.profile``);
* WHERE on a many-to-many table joined to the FROM table: ``Member.interests`` (or its
  reverse, ``Interest.members``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey

FORWARD, REVERSE_ONE, REVERSE_MANY, MANY_TO_MANY, GENERIC, POLYMORPHIC = (
    "foreign key",
    "reverse one-to-one",
    "reverse foreign key",
    "many-to-many",
    "generic foreign key",
    "polymorphic child",
)
# Relations whose rows can be joined into the page's own query (select_related).
JOINABLE = (FORWARD, REVERSE_ONE)


@dataclass(frozen=True)
class Relation:
    model: type  # the model whose rows are on the page
    accessor: str  # the name select_related/prefetch_related take ("" for polymorphic)
    kind: str
    target: type

    @property
    def label(self) -> str:
        # The concrete model's name: a proxy's rows are its model's rows.
        name = self.model._meta.concrete_model.__name__
        if self.kind == POLYMORPHIC:
            return f"{name} → its child rows (polymorphic child)"
        return f"{name}.{self.accessor}"


def _models_by_table() -> dict[str, type]:
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy:
            found.setdefault(model._meta.db_table, model)
    return found


def _column(model, column: str):
    return next((f for f in model._meta.concrete_fields if f.column == column), None)


def _is_polymorphic(model) -> bool:
    return bool(getattr(model, "polymorphic_model_marker", False))


def _same_rows(model, other) -> bool:
    """True if rows of ``other`` are rows of ``model`` (the same concrete table, or a proxy of it)."""
    return model._meta.concrete_model is other._meta.concrete_model


def _by_primary_key(target, source, prefer) -> Relation | None:
    if source is None:
        return None
    if _is_polymorphic(target) and (_same_rows(source, target) or issubclass(target, source._meta.concrete_model)):
        return Relation(source._meta.concrete_model, "", POLYMORPHIC, target)
    forward = [
        f
        for f in source._meta.concrete_fields
        if f.is_relation and f.related_model is not None and issubclass(target, f.related_model._meta.concrete_model)
    ]
    forward.sort(key=lambda f: f.name not in prefer)
    if forward:
        return Relation(source, forward[0].name, FORWARD, target)
    generic = [f for f in source._meta.private_fields if isinstance(f, GenericForeignKey)]
    if generic:
        return Relation(source, generic[0].name, GENERIC, target)
    return None


def _m2m(through, key_field, source) -> Relation | None:
    for model in apps.get_models():
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through is not through:
                continue
            if key_field.name == m2m.m2m_field_name() and issubclass(model, key_field.related_model):
                return Relation(source or model, m2m.name, MANY_TO_MANY, m2m.related_model)
            return Relation(source or m2m.related_model, m2m.remote_field.get_accessor_name(), MANY_TO_MANY, model)
    return None


def name_relation(table: str, where_table: str, where_column: str, source=None, prefer=()) -> Relation | None:
    """The relation a repeated query loads, or None if the tables say nothing the models know."""
    models = _models_by_table()
    target, where_model = models.get(table), models.get(where_table)
    if target is None or where_model is None:
        return None
    key_field = _column(where_model, where_column)
    if key_field is None:
        return None
    if where_model is not target:
        return _m2m(where_model, key_field, source) if key_field.is_relation else None
    if key_field.primary_key:
        parent_link = key_field.is_relation and key_field.remote_field.parent_link
        if parent_link and _is_polymorphic(target):
            return Relation((source or key_field.related_model)._meta.concrete_model, "", POLYMORPHIC, target)
        return _by_primary_key(target, source, prefer)
    if key_field.is_relation and key_field.related_model is not None:
        owner = (
            source if source is not None and issubclass(source, key_field.related_model) else key_field.related_model
        )
        kind = REVERSE_ONE if key_field.one_to_one else REVERSE_MANY
        return Relation(owner, key_field.remote_field.get_accessor_name(), kind, target)
    return None
