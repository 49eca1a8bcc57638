"""ManyToManyField in its three shapes: an auto-created through table, an explicit through
model with extra fields (and ``through_fields``), and self-references, symmetrical and not.
"""

from django.db import models


class Interest(models.Model):
    """Demonstrates the far side of an auto-created M2M table (``relations_member_interests``)."""

    name = models.CharField(max_length=60)

    class Meta:
        verbose_name = "interest"
        verbose_name_plural = "interests"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Member(models.Model):
    """Demonstrates M2M: auto through table (interests), symmetrical (friends) and asymmetrical (following)."""

    name = models.CharField(max_length=100)
    # Auto-created through table: two foreign keys and nothing else.
    interests = models.ManyToManyField(Interest, blank=True, related_name="members")
    # Symmetrical (the default for "self"): if Ada is Grace's friend, Grace is Ada's friend;
    # Django writes both rows of the pair.
    friends = models.ManyToManyField("self", blank=True)
    # Asymmetrical: following someone does not make them follow you. The reverse side
    # needs a name of its own.
    following = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="followers")

    class Meta:
        verbose_name = "member"
        verbose_name_plural = "members"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Club(models.Model):
    """Demonstrates an explicit through model: members join a club with a role and a date."""

    name = models.CharField(max_length=100)
    # through_fields: Membership has two foreign keys to Member (member, invited_by);
    # this says which one is the M2M's own.
    members = models.ManyToManyField(
        Member, through="Membership", through_fields=("club", "member"), related_name="clubs"
    )

    class Meta:
        verbose_name = "club"
        verbose_name_plural = "clubs"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Demonstrates a through model's extra fields (role, joined date) and a second FK needing through_fields."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        TREASURER = "treasurer", "Treasurer"
        CHAIR = "chair", "Chair"

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField()
    invited_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations")

    class Meta:
        verbose_name = "membership"
        verbose_name_plural = "memberships"
        ordering = ["club", "joined_on"]
        constraints = [models.UniqueConstraint(fields=["club", "member"], name="membership_once_per_club")]

    def __str__(self):
        return f"{self.member} in {self.club} ({self.get_role_display()})"
