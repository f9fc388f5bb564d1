"""An organisation's application to a call, and its budget lines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..enums import ApplicationStatus
from ..rules import can_run_grants
from .calls import GrantCall


class GrantApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """What ``user`` may see: organisers everything; a lead their organisations'; a staff
        assessor what they are on the panel of; nobody else anything."""
        if not (user and user.is_authenticated):
            return self.none()
        if can_run_grants(user):
            return self
        return self.filter(Q(organisation_id__in=led_organisation_ids(user))
                           | Q(panel__assessor=user)).distinct()

    def live(self):
        return self.exclude(status=ApplicationStatus.WITHDRAWN)


class GrantApplication(models.Model):
    """A member organisation's bid for a grant. A draft saves with parts missing; submitting
    checks it is complete, within the call's range and before the deadline."""

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="grant_applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="grant_applications")
    project_title = models.CharField(max_length=200, blank=True)
    aims = models.TextField(blank=True)
    method = models.TextField(blank=True)
    evaluation_plan = models.TextField(blank=True)
    partners = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    amount_awarded = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GrantApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["call", "organisation"], condition=~Q(status=ApplicationStatus.WITHDRAWN),
            name="one_live_grant_application_per_organisation",
            violation_error_message="Your organisation already has an application to this call")]

    def __str__(self):
        return self.project_title or f"Application from {self.organisation}"

    def get_absolute_url(self):
        return reverse("grants:application", args=[self.pk])

    @property
    def title(self):
        return self.project_title or "Untitled project"

    @property
    def budget_total(self):
        """The sum of the budget lines (prefetch ``budget_lines`` for a list)."""
        return sum(line.amount or 0 for line in self.budget_lines.all())


class BudgetLine(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE,
                                    related_name="budget_lines")
    item = models.CharField(max_length=200)
    amount = models.PositiveIntegerField("Amount (£)")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.item}: £{self.amount}"
