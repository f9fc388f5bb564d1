"""The pool of peers: who they are, what they know, when they can give time."""

from django.conf import settings
from django.db import models

from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..enums import DEFAULT_DAYS_PER_QUARTER, PeerKind, PeerStatus, Sector
from ..rules import can_run_support


class PeerQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see every peer; a lead sees the pool in outline (approved peers: the views show
        expertise and sector, never contact details); a peer sees their own row."""
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        if led_organisation_ids(user):
            return self.filter(models.Q(status=PeerStatus.APPROVED) | models.Q(user=user))
        return self.filter(user=user)

    def in_pool(self):
        return self.filter(status=PeerStatus.APPROVED)


class Peer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="peer")
    kind = models.CharField(max_length=30, choices=PeerKind.choices, default=PeerKind.PEER)
    status = models.CharField(max_length=20, choices=PeerStatus.choices,
                              default=PeerStatus.APPLIED, db_index=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, db_index=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="peers")
    # For a person whose organisation the Exchange does not list (a charity, a company).
    organisation_name = models.CharField(max_length=200, blank=True)
    rank_or_grade = models.CharField("Rank or grade", max_length=120, blank=True)
    statement = models.TextField(help_text="What you could bring to a force, in a few sentences.")
    expertise = models.ManyToManyField(Topic, related_name="peers")
    days_per_quarter = models.PositiveSmallIntegerField(default=DEFAULT_DAYS_PER_QUARTER)
    can_travel = models.BooleanField(default=True)
    paused = models.BooleanField(default=False, db_index=True)
    paused_until = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeerQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "id"]
        indexes = [models.Index(fields=["status", "paused"], name="peer_pool_idx")]

    def __str__(self):
        return str(self.user)

    @property
    def organisation_label(self):
        return self.organisation.name if self.organisation_id else self.organisation_name


class PeerAbsence(models.Model):
    """Dates a peer is away: the ranking never proposes them for a request on those dates."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after_start",
            violation_error_message="The last day away must be on or after the first.")]

    def __str__(self):
        return f"{self.peer}: {self.starts_on} to {self.ends_on}"


class PeerConflict(models.Model):
    """An organisation a peer must not be sent to (a former employer, a relative there)."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["peer", "organisation"], name="one_conflict_per_organisation",
            violation_error_message="You have already declared that organisation.")]

    def __str__(self):
        return f"{self.peer} and {self.organisation}"
