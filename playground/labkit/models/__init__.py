"""The toolkit's models: the abstract base every lesson's models build on, and the lab permissions' holder."""

from playground.labkit.models.access import LabAccess
from playground.labkit.models.base import TimeStampedBaseModel

__all__ = ["LabAccess", "TimeStampedBaseModel"]
