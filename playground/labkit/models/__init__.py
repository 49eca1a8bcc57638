"""The toolkit's only model is abstract: the shared base every lesson's models build on."""

from playground.labkit.models.base import TimeStampedBaseModel

__all__ = ["TimeStampedBaseModel"]
