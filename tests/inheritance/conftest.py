"""Fixtures for the inheritance lab: the demo catalogue, with content types cached."""

import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.fixture
def catalogue(demo_data):
    """The demo catalogue (the same 8 products in every style), content types already cached.

    django-polymorphic looks a row's class up by content type id; the cache makes that free
    after the first time, so the counts asserted here are the steady-state ones.
    """
    from django.apps import apps

    ContentType.objects.get_for_models(*apps.get_app_config("inheritance").get_models(), for_concrete_models=False)
    return demo_data
