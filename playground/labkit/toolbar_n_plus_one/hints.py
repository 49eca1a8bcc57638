"""What to change, and what it would cost: each fix applied to the page's own queryset and measured.

The fix depends on where the repeats came from. In a ModelAdmin changelist the hint names
the admin class and its file: a ``list_select_related`` entry for a relation that can be
joined, a ``get_queryset()`` with ``prefetch_related(...)`` (or ``GenericPrefetch``) for one
that cannot, and, for django-polymorphic, the polymorphic queryset instead of
``non_polymorphic()``. Elsewhere (a view, a template) it is the same call on the view's
queryset. Django 6.1's ``fetch_mode(FETCH_PEERS)`` is the one-line alternative: the first
lazy load of a relation loads it for every instance fetched alongside.

Counts are measured, not estimated: the changelist's rows are rendered again (the admin's
``results()`` tag, every ``list_display`` cell) from the page's queryset with the fix applied,
inside a transaction that is always rolled back, counting queries.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, models, transaction
from django.test.utils import CaptureQueriesContext

from playground.labkit.toolbar_n_plus_one import naming


@dataclass
class Fix:
    name: str  # "list_select_related", "prefetch_related", ... "fetch_mode(FETCH_PEERS)"
    code: str  # what to write
    apply: Callable  # queryset -> queryset


def admin_source(model_admin) -> str:
    """'relations/admin/n_plus_one.py:20', where the admin class is defined."""
    cls = type(model_admin)
    try:
        path, (lines, start) = inspect.getsourcefile(cls), inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return cls.__module__
    # The class statement itself, below its decorators (@admin.register(...)).
    line = start + next((i for i, text in enumerate(lines) if text.lstrip().startswith("class ")), 0)
    base = str(settings.BASE_DIR)
    return f"{Path(path).relative_to(base) if path.startswith(base) else path}:{line}"


def _generic_prefetch(relation, targets) -> tuple[str, Callable]:
    from django.contrib.contenttypes.prefetch import GenericPrefetch

    names = ", ".join(f"{model.__name__}.objects.all()" for model in targets)
    code = f'GenericPrefetch("{relation.accessor}", [{names}])'
    return code, lambda qs: qs.prefetch_related(
        GenericPrefetch(relation.accessor, [model._default_manager.all() for model in targets])
    )


def _polymorphic(queryset):
    from polymorphic.query import PolymorphicModelIterable

    queryset = queryset._chain()
    queryset.polymorphic_disabled = False
    queryset._iterable_class = PolymorphicModelIterable
    return queryset


def fixes(relation: naming.Relation, targets, model_admin=None) -> list[Fix]:
    """The fixes for one relation, most specific first; FETCH_PEERS last."""
    where = f"{type(model_admin).__name__} ({admin_source(model_admin)})" if model_admin else "the view's queryset"
    accessor = relation.accessor
    found: list[Fix] = []
    if relation.kind in naming.JOINABLE:
        if model_admin is not None:
            current = list(model_admin.list_select_related or []) if model_admin.list_select_related is not True else []
            code = f"{where}: list_select_related = {[*current, accessor]!r}"
            found.append(Fix("list_select_related", code, lambda qs: qs.select_related(accessor)))
        else:
            code = f'{where}: .select_related("{accessor}")'
            found.append(Fix("select_related", code, lambda qs: qs.select_related(accessor)))
    elif relation.kind == naming.POLYMORPHIC:
        code = f"{where}: return the polymorphic queryset (drop .non_polymorphic()): one query per child type"
        found.append(Fix("polymorphic queryset", code, _polymorphic))
    else:
        if relation.kind == naming.GENERIC:
            call, apply = _generic_prefetch(relation, targets)
        else:
            call, apply = f'"{accessor}"', lambda qs: qs.prefetch_related(accessor)
        if model_admin is not None:
            code = (
                f"{where}: def get_queryset(self, request): "
                f"return super().get_queryset(request).prefetch_related({call})"
            )
        else:
            code = f"{where}: .prefetch_related({call})"
        found.append(Fix("prefetch_related", code, apply))
    found.append(
        Fix(
            "fetch_mode(FETCH_PEERS)",
            f"{where}: .fetch_mode(models.FETCH_PEERS) (Django 6.1: a lazy foreign key, one-to-one or generic "
            "key loads for every instance fetched with it; related managers are not covered)",
            lambda qs: qs.fetch_mode(models.FETCH_PEERS),
        )
    )
    return found


def count_changelist_rows(changelist, queryset) -> int:
    """Queries sent to render the changelist's rows from ``queryset``, in a rolled-back transaction."""
    from django.contrib.admin.templatetags.admin_list import results

    rendered = copy.copy(changelist)
    rendered.result_list = queryset
    connection = connections[queryset.db]
    with transaction.atomic(using=queryset.db), CaptureQueriesContext(connection) as captured:
        for row in results(rendered):
            list(row)
        transaction.set_rollback(True, using=queryset.db)
    # The transaction's own SAVEPOINT/BEGIN statements are not the page's queries.
    return sum(1 for query in captured.captured_queries if query["sql"].lstrip().upper().startswith("SELECT"))


def measure(changelist, relation_fixes: list[Fix]) -> tuple[int, list[int]]:
    """(queries to render the page's rows as they are, and with each fix applied)."""
    page = changelist.result_list
    before = count_changelist_rows(changelist, page._chain())
    return before, [count_changelist_rows(changelist, fix.apply(page._chain())) for fix in relation_fixes]
