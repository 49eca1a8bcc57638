"""Models of the playground app: the shared abstract base, and the query and migration labs."""

from playground.models.base import TimeStampedBaseModel

__all__ = ["TimeStampedBaseModel"]
