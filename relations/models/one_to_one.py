"""OneToOneField: the profile pattern, and the reverse access that raises when there is no profile."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from relations.models.many_to_many import Member


class MemberProfile(models.Model):
    """Demonstrates the profile pattern: ``member.profile`` raises RelatedObjectDoesNotExist without one."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="profile")
    website = models.URLField(blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        verbose_name = "member profile"
        verbose_name_plural = "member profiles"
        ordering = ["member__name"]

    def __str__(self):
        return f"Profile of {self.member}"

    @staticmethod
    def of(member):
        """The member's profile or None: ``member.profile`` raises Member.profile.RelatedObjectDoesNotExist."""
        try:
            return member.profile
        except ObjectDoesNotExist:  # RelatedObjectDoesNotExist subclasses it (and AttributeError)
            return None
