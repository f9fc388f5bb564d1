"""A network's meetings: when, the agenda, joining details for members, and afterwards the
notes and actions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .network import Network

__all__ = ["Meeting"]


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "id")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-id")


class Meeting(models.Model):
    """An online meeting of a network. Its times are stored in UTC and shown in Europe/London;
    ``joining_details`` are for the network's members and organisers only."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    agenda = models.TextField(blank=True)
    joining_details = models.TextField(
        blank=True, help_text="The link and any passcode. Only the network's members see them.")
    notes = models.TextField(blank=True)
    actions = models.TextField(blank=True, help_text="Who will do what, one a line.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["network", "starts_at"])]
        constraints = [models.CheckConstraint(
            condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts",
            violation_error_message="The meeting must end after it starts.")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:meeting", args=[self.network.slug, self.pk])

    @property
    def is_past(self):
        return self.ends_at < timezone.now()
