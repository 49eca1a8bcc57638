"""Models of the playground app: the shared abstract base, and the query and migration labs."""

from playground.models.base import TimeStampedBaseModel
from playground.models.migrationlab import Release, ReleaseNote
from playground.models.querylab import HitCounter, LabelledTicket, LooseTag, SupportTicket, UniqueTag

__all__ = [
    "HitCounter",
    "LabelledTicket",
    "LooseTag",
    "Release",
    "ReleaseNote",
    "SupportTicket",
    "TimeStampedBaseModel",
    "UniqueTag",
]
