"""A force's request for peer support and the terms of reference agreed for it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..enums import Delivery, Rating, RequestStatus, SupportType, TeamStatus
from ..rules import can_run_support


class SupportRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see every request; a lead their force's; a peer the requests whose team they
        accepted a place on. Nobody else sees any (the views answer 404)."""
        if can_run_support(user):
            return self
        if not user.is_authenticated:
            return self.none()
        on_team = Q(team__peer__user=user, team__status=TeamStatus.ACCEPTED)
        return self.filter(Q(organisation_id__in=led_organisation_ids(user)) | on_team).distinct()


class SupportRequest(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="support_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    support_type = models.CharField("Type of support", max_length=30, choices=SupportType.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.EITHER)
    issue = models.TextField("The issue", help_text="What the force wants help with, and why now.")
    success = models.TextField("What success would look like")
    topics = models.ManyToManyField(Topic, related_name="support_requests")
    preferred_from = models.DateField("Earliest date", null=True, blank=True)
    preferred_to = models.DateField("Latest date", null=True, blank=True)
    dates_note = models.CharField("Anything else about dates", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=RequestStatus.choices,
                              default=RequestStatus.SUBMITTED, db_index=True)
    decision_reason = models.TextField(blank=True)
    agreed_terms = models.ForeignKey("TermsVersion", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # The engagement, once terms are agreed.
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    agenda = models.TextField(blank=True)
    # The team's findings (Markdown), written together; the recommendations are rows.
    findings = models.TextField(blank=True)
    report_issued_at = models.DateTimeField(null=True, blank=True)
    # What the force says afterwards.
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    what_changed = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    # A short anonymised summary, published only with the force's consent.
    public_summary = models.TextField(blank=True)
    summary_consented_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    summary_consented_at = models.DateTimeField(null=True, blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="request_force_status_idx")]

    def __str__(self):
        return f"{self.get_support_type_display()} for {self.organisation}"

    def get_absolute_url(self):
        return reverse("support:request", args=[self.pk])


class TermsVersion(models.Model):
    """One version of the terms of reference. Each change is a new version; the engagement
    starts only when the force's lead and staff have both accepted the same (latest) one."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField()
    scope = models.TextField()
    questions = models.TextField("Questions the support will answer")
    deliverables = models.TextField()
    starts_on = models.DateField("First day", null=True, blank=True)
    ends_on = models.DateField("Last day", null=True, blank=True)
    team_size = models.PositiveSmallIntegerField("Number of peers", null=True, blank=True)
    note = models.CharField("What changed in this version", max_length=300, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by_force = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    accepted_by_force_at = models.DateTimeField(null=True, blank=True)
    accepted_by_staff = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    accepted_by_staff_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "number"]
        constraints = [models.UniqueConstraint(fields=["request", "number"],
                                               name="one_terms_version_number")]

    def __str__(self):
        return f"Version {self.number}"

    @property
    def accepted_by_both(self):
        return bool(self.accepted_by_force_at and self.accepted_by_staff_at)
