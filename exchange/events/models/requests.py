"""Requests for a knowledge sharing event, and subscribers to invitations."""

from django.conf import settings
from django.db import models

from exchange.common.models import SubscriberBase, SubscriberQuerySet, Topic
from exchange.common.models import new_token as new_token  # the name 0001_initial uses

from ..enums import RequestStatus
from ..rules import can_run_events

__all__ = ["EventRequest", "InvitationSubscriber"]


class EventRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """Organisers see every request; anyone else signed in their own."""
        if can_run_events(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)


class EventRequest(models.Model):
    """A member's request for a knowledge sharing event, and the organisers' decision on it."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="event_requests")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="event_requests")
    why = models.TextField("Why is an event needed?")
    audience = models.TextField("Who is it for?")
    preferred_dates = models.CharField("Preferred dates", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=RequestStatus.choices,
                              default=RequestStatus.SUBMITTED)
    merged_into = models.ForeignKey("events.Event", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged_requests")
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The organisers' list, filtered by status, newest first; a member's own list.
            models.Index(fields=["status", "-created_at"], name="event_request_status_idx"),
            models.Index(fields=["requested_by", "-created_at"], name="event_request_mine_idx"),
        ]

    def __str__(self):
        return f"An event on {self.topic}"


class InvitationSubscriberQuerySet(SubscriberQuerySet):
    def for_user(self, user):
        return self if can_run_events(user) else self.none()


class InvitationSubscriber(SubscriberBase):
    """An address that asked to be invited to future events (a mailing list like Learning the
    Lessons': see exchange.common.mailing_list and domain/invitations.py)."""

    topics = models.ManyToManyField(Topic, blank=True, related_name="event_invitation_subscribers",
                                    help_text="None means every topic.")

    objects = InvitationSubscriberQuerySet.as_manager()
