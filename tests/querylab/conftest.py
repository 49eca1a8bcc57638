"""Fixtures of the query lab's tests."""

import pytest

from playground.querylab.models import HitCounter, LooseTag, SupportTicket, UniqueTag
from relations.models import Author, Blog


@pytest.fixture
def row_counts():
    """A function returning the row count of every table the recipes read or write."""

    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (Author, Blog, UniqueTag, LooseTag, HitCounter, SupportTicket)
        }

    return counts
