"""Database constraints beyond ``unique=True``: each rule lives in the table, and the admin says it first.

Every model here carries one kind of ``Meta.constraints`` entry. The database enforces it on
every write (raw SQL and bulk_create included); ``Model.full_clean()`` — which the admin's
form runs — checks the same rule in Python first, so the admin shows a form error instead of
the IntegrityError a plain ``save()`` ends in. Where a backend cannot build a constraint,
Django creates nothing there (and the admin still checks it in Python):

- ``nulls_distinct=False`` needs PostgreSQL 15+ (``supports_nulls_distinct_unique_constraints``);
- a deferrable unique constraint needs PostgreSQL (``supports_deferrable_unique_constraints``);
- an ``ExclusionConstraint`` is PostgreSQL's own, so ``RoomBooking`` is a PostgreSQL-only table.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Q


class Post(models.Model):
    """Demonstrates a UniqueConstraint with a condition: one published post per slug, drafts unlimited."""

    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=120)
    published = models.BooleanField(default=False)

    class Meta:
        verbose_name = "post"
        verbose_name_plural = "posts"
        ordering = ["slug", "pk"]
        constraints = [
            # A partial unique index: only the rows matching the condition take part.
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(published=True),
                name="relations_post_one_published_per_slug",
                violation_error_message="Another published post already uses this slug: unpublish it first.",
            )
        ]

    def __str__(self):
        return f"{self.slug} ({'published' if self.published else 'draft'})"


class ParkingPermit(models.Model):
    """Demonstrates UniqueConstraint(nulls_distinct=False): two NULL zones count as the same zone."""

    plate = models.CharField(max_length=12)
    # NULL means "every zone"; by default SQL treats two NULLs as different, so a plate could
    # hold any number of every-zone permits. nulls_distinct=False makes them collide.
    zone = models.CharField(max_length=10, null=True, blank=True)

    class Meta:
        verbose_name = "parking permit"
        verbose_name_plural = "parking permits"
        ordering = ["plate", "zone"]
        constraints = [
            models.UniqueConstraint(
                fields=["plate", "zone"],
                nulls_distinct=False,
                name="relations_parkingpermit_one_per_plate_and_zone",
                violation_error_message="This plate already has a permit for this zone (or for every zone).",
            )
        ]

    def __str__(self):
        return f"{self.plate} in {self.zone or 'every zone'}"


class LeaderboardEntry(models.Model):
    """Demonstrates a deferred unique constraint: two ranks can be swapped inside one transaction."""

    player = models.CharField(max_length=60)
    rank = models.PositiveIntegerField()

    class Meta:
        verbose_name = "leaderboard entry"
        verbose_name_plural = "leaderboard entries"
        ordering = ["rank"]
        constraints = [
            # Checked at COMMIT, not after each UPDATE: the swap's middle state (two rows
            # with rank 1) is allowed as long as it is gone by the end of the transaction.
            models.UniqueConstraint(
                fields=["rank"],
                deferrable=models.Deferrable.DEFERRED,
                name="relations_leaderboardentry_unique_rank",
                violation_error_message="Another player already holds this rank.",
            )
        ]

    def __str__(self):
        return f"#{self.rank} {self.player}"


class Stay(models.Model):
    """Demonstrates a CheckConstraint across two fields: a stay cannot end before it starts."""

    guest = models.CharField(max_length=60)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        verbose_name = "stay"
        verbose_name_plural = "stays"
        ordering = ["starts_on", "guest"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="relations_stay_ends_after_it_starts",
                violation_error_message="A stay cannot end before it starts.",
            )
        ]

    def __str__(self):
        return f"{self.guest}: {self.starts_on} to {self.ends_on}"


class RoomBooking(models.Model):
    """Demonstrates a PostgreSQL ExclusionConstraint: no two bookings of one room overlap in time."""

    room = models.CharField(max_length=20)
    during = DateTimeRangeField()

    class Meta:
        verbose_name = "room booking"
        verbose_name_plural = "room bookings"
        ordering = ["room", "during"]
        # GiST index with range operators: only PostgreSQL has it, so the table exists only there
        # (migrate skips it elsewhere; playground.routers keeps loaddata and flush off it too).
        required_db_vendor = "postgresql"
        constraints = [
            # room = room needs the btree_gist extension (created by the migration).
            ExclusionConstraint(
                name="relations_roombooking_no_overlap",
                expressions=[("room", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                violation_error_message="This room is already booked for part of that time.",
            )
        ]

    def __str__(self):
        return f"{self.room}: {self.during.lower:%Y-%m-%d %H:%M} to {self.during.upper:%H:%M}"
