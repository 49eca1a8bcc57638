"""When the debug toolbar may show itself."""

from django.conf import settings


def show_toolbar(request) -> bool:
    """Only with DEBUG on, and only for a request from an address in INTERNAL_IPS."""
    return settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS
