"""Models of the playground app: the shared abstract base, and the query and migration labs."""

from playground.models.base import TimeStampedBaseModel
from playground.models.migrationlab import Release, ReleaseNote

__all__ = ["Release", "ReleaseNote", "TimeStampedBaseModel"]
