"""Admin search that PostgreSQL can answer from indexes at a million rows.

Django's admin search ORs one ``icontains`` per search field, for each word. When a
search field crosses a foreign key (``author__name``), that OR spans two tables: no
index answers it, so PostgreSQL joins and reads every row, even for a word that
matches nothing (benchmarks/admin_scale.py measures it). Here the related rows are looked up first (one
query per word and relation, answered by the author table's trigram indexes), and the
search becomes

    UPPER(title) LIKE '%WORD%' OR author_id IN (12, 345, …)

where every arm is a condition on the blog table itself: the planner may combine the
trigram index on the title with the index on ``author_id`` (a BitmapOr). A word that
matches more than ``RELATED_KEYS_MAX`` related rows (``example.com``) is left to
Django's join, which finds a page of such common matches at once by walking the
ordering index. The trigram indexes come from
``relations/migrations/0005_search_trigram_indexes.py``.

The rows found are the ones Django's search finds (tests compare both). Other databases,
and search fields this does not rewrite (``@`` full text, explicit lookups such as
``title__exact``, many-to-many or reverse relations), keep Django's own search.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

# Django's search-field prefixes that this rewrite understands (see ModelAdmin.search_fields).
PREFIX_LOOKUPS = {"^": "istartswith", "=": "iexact"}


# Related rows compared as a list of keys sent with the query. A word matching more
# ("example.com", in every author's email) is common enough for Django's join to find a
# page of it at once by walking the ordering index.
RELATED_KEYS_MAX = 10_000


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
    foreign key (Django's OR on one table is index-friendly already), a search field it
    does not understand, or a word matching more than ``RELATED_KEYS_MAX`` related rows.
    """
    if not search_term or connections[queryset.db].vendor != "postgresql":
        return None
    model = queryset.model
    splits = [split_search_field(model, str(field)) for field in search_fields]
    if not splits or None in splits or all(relation is None for relation, _ in splits):
        return None
    for word in search_words(search_term):
        own, related_matches = Q(), {}
        for relation, lookup in splits:
            if relation is None:
                own |= Q(**{lookup: word})
            else:
                related_matches[relation] = related_matches.get(relation, Q()) | Q(**{lookup: word})
        condition = own
        for relation, matches in related_matches.items():
            field = model._meta.get_field(relation)
            # A bare QuerySet, as Django's join: it reaches every related row, whatever a manager would hide.
            related = QuerySet(model=field.related_model).using(queryset.db).filter(matches).order_by()
            keys = list(related.values_list(field.target_field.name, flat=True)[: RELATED_KEYS_MAX + 1])
            if len(keys) > RELATED_KEYS_MAX:
                return None
            condition |= Q(**{f"{field.attname}__in": keys})
        queryset = queryset.filter(condition)
    return queryset
