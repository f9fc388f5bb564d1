"""A call for small grants and the criteria its applications are scored against."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.visits.models import ProgrammeYear

from ..enums import CallStatus
from ..rules import can_run_grants


class GrantCallQuerySet(models.QuerySet):
    def published(self):
        """Calls anyone may read: every one past its draft."""
        return self.exclude(status=CallStatus.DRAFT)

    def for_user(self, user):
        return self if can_run_grants(user) else self.published()


class GrantCall(models.Model):
    """One round of small grants: member organisations of ``programme_year`` may apply between
    ``opens_at`` and ``deadline`` (both entered and shown in Europe/London)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    aims = models.TextField(help_text="What the call wants projects to achieve.")
    eligibility = models.TextField(help_text="Who may apply, in plain words.")
    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.PROTECT, related_name="grant_calls",
        help_text="Only the member organisations of this programme year may apply.")
    amount_min = models.PositiveIntegerField("Smallest grant (£)")
    amount_max = models.PositiveIntegerField("Largest grant (£)")
    opens_at = models.DateTimeField("Opens")
    deadline = models.DateTimeField("Deadline")
    status = models.CharField(max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT,
                              db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GrantCallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_max__gte=models.F("amount_min")),
                name="grant_call_range_in_order",
                violation_error_message="Enter a largest grant no smaller than the smallest"),
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("opens_at")),
                name="grant_call_deadline_after_opening",
                violation_error_message="Enter a deadline after the call opens"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("grants:call", args=[self.slug])


class Criterion(models.Model):
    """What the panel scores each application on (0 to 5), with its weight in the total."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(weight__gte=1),
                                              name="grant_criterion_weight_positive",
                                              violation_error_message="Enter a weight of 1 or more")]

    def __str__(self):
        return self.name
