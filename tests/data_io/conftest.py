"""Fixtures for the data in/out tests."""

import pytest


@pytest.fixture
def staff_client(client, django_user_model):
    """A staff user with no permissions yet; tests grant what they need."""
    user = django_user_model.objects.create_user("clerk", "clerk@example.com", "pw", is_staff=True)
    client.force_login(user)
    client.user = user
    return client
