"""Admin search that PostgreSQL can answer from indexes at a million rows.

Django's admin search ORs one ``icontains`` per search field, for each word. When a
search field crosses a foreign key (``author__name``), that OR spans two tables: no
index answers it, so PostgreSQL joins and reads every row (1.7 s for a word that
matches nothing, at 1,000,000 blogs). Written instead as

    title LIKE … OR author_id = ANY(ARRAY(SELECT id FROM author WHERE name LIKE … OR email LIKE …))

every arm is a condition on the blog table itself, so the planner may combine the
trigram index on the title with the index on ``author_id`` (a BitmapOr) for a rare
word, or walk the ordering index and stop after a page for a common one. The trigram
indexes come from ``relations/migrations/0005_search_trigram_indexes.py``.

The rows found are the ones Django's search finds (tests compare both). Other databases,
and search fields this does not rewrite (``@`` full text, explicit lookups such as
``title__exact``, many-to-many or reverse relations), keep Django's own search.
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import F, Lookup, Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

# Django's search-field prefixes that this rewrite understands (see ModelAdmin.search_fields).
PREFIX_LOOKUPS = {"^": "istartswith", "=": "iexact"}


class EqualsAny(Lookup):
    """``lhs = ANY(rhs)``: with ``ARRAY(subquery)`` as rhs, an index condition, unlike ``IN (subquery)`` in an OR."""

    lookup_name = "equals_any"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def split_search_field(model, search_field: str) -> tuple[str | None, str] | None:
    """``("author", "name__icontains")`` for ``author__name``, ``(None, "title__icontains")``
    for ``title``; None for a search field that Django's own search should handle."""
    lookup = "icontains"
    if search_field[:1] in PREFIX_LOOKUPS:
        lookup, search_field = PREFIX_LOOKUPS[search_field[0]], search_field[1:]
    parts = search_field.split("__")
    opts, relation = model._meta, None
    for index, part in enumerate(parts):
        try:
            field = opts.get_field(opts.pk.name if part == "pk" else part)
        except FieldDoesNotExist:
            return None  # an explicit lookup or a prefix this does not know: Django's business
        if not field.is_relation:
            if index != len(parts) - 1:
                return None
            break
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            return None  # a reverse or many-to-many path can multiply rows: leave it to Django
        relation = relation or field.name
        opts = field.related_model._meta
    else:
        return None  # ends on a relation, e.g. "author": Django compares it as a value
    if relation is None:
        return None, f"{search_field}__{lookup}"
    return relation, f"{search_field.split('__', 1)[1]}__{lookup}"


def search_words(search_term: str):
    """The words of a search as Django splits them: quoted phrases stay one word."""
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        yield bit


def index_friendly_search(queryset: QuerySet, search_fields, search_term: str) -> QuerySet | None:
    """The queryset filtered as Django's search would, with every condition on its own table.

    None when the rewrite does not apply: not PostgreSQL, no search field across a
    foreign key (Django's OR on one table is index-friendly already), or a search field
    it does not understand.
    """
    if not search_term or connections[queryset.db].vendor != "postgresql":
        return None
    model = queryset.model
    splits = [split_search_field(model, str(field)) for field in search_fields]
    if not splits or None in splits or all(relation is None for relation, _ in splits):
        return None
    for word in search_words(search_term):
        own, related = Q(), {}
        for relation, lookup in splits:
            if relation is None:
                own |= Q(**{lookup: word})
            else:
                related[relation] = related.get(relation, Q()) | Q(**{lookup: word})
        condition = own
        for relation, matches in related.items():
            field = model._meta.get_field(relation)
            # _base_manager: Django's join reaches every related row, whatever the default manager hides.
            targets = field.related_model._base_manager.filter(matches).order_by().values(field.target_field.name)
            condition |= EqualsAny(F(field.attname), ArraySubquery(targets))
        queryset = queryset.filter(condition)
    return queryset
