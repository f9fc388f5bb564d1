"""The consortium: programme years and their member organisations; offers to host."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from exchange.people.models import Organisation

from ..rules import can_run_visits


class ProgrammeYearQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if can_run_visits(user) else self.none()

    def current(self, today=None):
        today = today or timezone.localdate()
        return (self.filter(starts_on__lte=today, ends_on__gte=today)
                .order_by("-starts_on", "-id").first())


class ProgrammeYear(models.Model):
    """One membership year of the consortium that runs the visits."""

    name = models.CharField(max_length=60, unique=True, help_text="For example 2025 to 2026.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    members = models.ManyToManyField(Organisation, through="ProgrammeMembership",
                                     related_name="visit_programme_years")

    objects = ProgrammeYearQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                              name="programme_year_ends_after_start",
                                              violation_error_message="Enter an end date after "
                                                                      "the start date")]

    def __str__(self):
        return self.name


class ProgrammeMembership(models.Model):
    programme_year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE,
                                       related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="visit_memberships")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["programme_year", "organisation"],
                                               name="one_programme_membership_per_year")]

    def __str__(self):
        return f"{self.organisation} in {self.programme_year}"


class HostOfferQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if can_run_visits(user) else self.none()


class HostOffer(models.Model):
    """Someone's expression of interest in hosting a future visit."""

    organisation_name = models.CharField("Organisation", max_length=200)
    contact_name = models.CharField("Your name", max_length=150)
    contact_email = models.EmailField("Your email address")
    theme = models.CharField("Theme of the practice", max_length=200)
    practice = models.TextField("What would visitors see and learn?")
    possible_dates = models.CharField("When could you host?", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = HostOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.organisation_name}: {self.theme}"
