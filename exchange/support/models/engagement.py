"""The engagement: the team of peers, shared documents, recommendations and the force's action
plan, the progress review, and (for introductions, mentoring and coaching) pairings."""

import os
import uuid

from django.conf import settings
from django.db import models

from exchange.people.rules import led_organisation_ids

from ..enums import ActionStatus, TeamStatus
from ..rules import can_run_support
from .peers import Peer
from .requests import SupportRequest


class TeamMemberQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see every place and invitation; a peer their own; a lead their force's
        requests' teams; an accepted team member the rest of their team."""
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(peer__user=user) | models.Q(
            request__organisation_id__in=led_organisation_ids(user)) | models.Q(
            request__in=SupportRequest.objects.for_user(user).values("pk")))


class TeamMember(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="team")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="engagements")
    status = models.CharField(max_length=20, choices=TeamStatus.choices,
                              default=TeamStatus.INVITED, db_index=True)
    # Why the ranking put the peer where it did when staff invited them, as sentences.
    reasons = models.JSONField(default=list, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    # Days and hours given, for the peer's record of continuing professional development.
    days = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["request", "invited_at", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "peer"],
                                               name="one_team_place_per_peer")]

    def __str__(self):
        return f"{self.peer} on {self.request}"


def document_path(document, filename):
    # A random folder: the name never says which force the document is about.
    return f"support/documents/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class SharedDocument(models.Model):
    """A document shared only with the team, the force's leads and staff (served by a view that
    asks ``support.share_documents``, never from the media URL)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE,
                                related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["request", "number"]
        constraints = [models.UniqueConstraint(fields=["request", "number"],
                                               name="one_recommendation_number")]

    def __str__(self):
        return f"Recommendation {self.number}"


class ActionPlanItem(models.Model):
    """The force's answer to one recommendation."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE,
                                          related_name="action")
    action = models.TextField("What the force will do")
    owner = models.CharField("Who is responsible", max_length=200)
    due_on = models.DateField("By when", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED)
    progress = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recommendation__number"]

    def __str__(self):
        return self.action[:60]


class ProgressReview(models.Model):
    """The review months after the report. The reminder is a row with a due time, claimed with
    a conditional update (``sent_at``) so two workers never send it twice; it moves with the
    review date."""

    request = models.OneToOneField(SupportRequest, on_delete=models.CASCADE,
                                   related_name="progress_review")
    due_on = models.DateField()
    reminder_due_at = models.DateTimeField(db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self):
        return f"Progress review of {self.request}, due {self.due_on}"


class PairingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see every pairing; the paired peer theirs; a lead their force's. Nobody else
        (a peer on the request's team too: pairings are between two people)."""
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(peer__user=user) | models.Q(
            request__organisation_id__in=led_organisation_ids(user)))


class Pairing(models.Model):
    """Introductions, mentoring and coaching: a peer paired with someone at the force."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="pairings")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="pairings")
    person_name = models.CharField("Who at the force", max_length=150)
    person_role = models.CharField("Their role", max_length=150, blank=True)
    purpose = models.TextField(blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["request", "created_at", "id"]

    def __str__(self):
        return f"{self.peer} with {self.person_name}"


class PairingMeeting(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField("Length in minutes")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pairing", "held_on", "id"]

    def __str__(self):
        return f"Meeting on {self.held_on}"
