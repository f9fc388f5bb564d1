"""A visit, its preparation call, its background material and the report to its host."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from exchange.people.models import Organisation

from ..enums import ALLOCATED_STATES, PAST_STATES, Place, VisitStatus
from ..rules import can_run_visits
from ..validators import validate_visit
from .programme import ProgrammeYear


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        # Cancelled visits are the staff's record only; every other visit is public.
        if can_run_visits(user):
            return self
        return self.exclude(status=VisitStatus.CANCELLED)

    def planned(self):
        return self.exclude(status__in=[*PAST_STATES, VisitStatus.CANCELLED])

    def previous(self):
        return self.filter(status__in=PAST_STATES)


class Visit(models.Model):
    programme_year = models.ForeignKey(ProgrammeYear, on_delete=models.PROTECT,
                                       related_name="visits")
    theme = models.CharField(max_length=200, help_text="A theme of national strategic interest.")
    title = models.CharField(max_length=200)
    host_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                          related_name="hosted_visits")
    host_contact_name = models.CharField(max_length=150, blank=True)
    host_contact_email = models.EmailField(blank=True)
    description = models.TextField(blank=True)
    venue = models.CharField(max_length=300, blank=True)
    date = models.DateField(null=True, blank=True, help_text="Leave empty if to be confirmed.")
    capacity = models.PositiveSmallIntegerField(help_text="Places for visitors.")
    min_per_force = models.PositiveSmallIntegerField(
        default=2, help_text="The smallest group a visiting force may send.")
    applications_open = models.DateTimeField()
    applications_close = models.DateTimeField()
    status = models.CharField(max_length=30, choices=VisitStatus.choices,
                              default=VisitStatus.PLANNED, db_index=True)
    key_questions = models.TextField(
        blank=True, help_text="The questions the visit sets out to answer, one a line.")
    questions_sent_at = models.DateTimeField(null=True, blank=True)
    short_report = models.TextField(blank=True)
    short_report_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="visit_has_capacity",
                                   violation_error_message="Enter the number of places, 1 or more"),
            models.CheckConstraint(condition=models.Q(min_per_force__gte=1),
                                   name="visit_min_per_force_positive",
                                   violation_error_message="Enter the minimum group per visiting "
                                                           "force, 1 or more"),
            models.CheckConstraint(
                condition=models.Q(applications_close__gt=models.F("applications_open")),
                name="visit_window_closes_after_it_opens",
                violation_error_message="Enter a closing date and time after applications open"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("visits:detail", args=[self.pk])

    def clean(self):
        validate_visit(self)

    @property
    def question_list(self):
        return [line.strip() for line in self.key_questions.splitlines() if line.strip()]

    @property
    def is_allocated(self):
        return self.status in ALLOCATED_STATES

    @property
    def is_past(self):
        return self.status in PAST_STATES

    @property
    def has_published_report(self):
        return bool(self.short_report_published_at)


class PreparationCall(models.Model):
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="preparation_call")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    joining_details = models.TextField(
        help_text="How to join: a link, a dial-in number. Shown only to allocated visitors.")
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Preparation call for {self.visit}"


def material_path(instance, filename):
    return f"visits/{instance.visit_id}/material/{filename}"


class MaterialQuerySet(models.QuerySet):
    def for_user(self, user):
        if can_run_visits(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(visit__visitors__user=user, visit__visitors__place=Place.PLACED)


class Material(models.Model):
    """Background material for visitors: an uploaded file or a link."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=material_path, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(file="") & ~models.Q(link="")) | (~models.Q(file="") & models.Q(link="")),
            name="material_is_a_file_or_a_link",
            violation_error_message="Choose a file or give a link, not both")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.link or reverse("visits:material", args=[self.pk])


class HostReport(models.Model):
    """What the visitors learned, written for the host and sent to the host contact."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="host_report")
    body = models.TextField()
    drafted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by_name = models.CharField(max_length=150, blank=True)

    def __str__(self):
        return f"Host report for {self.visit}"

    @property
    def days_after_visit(self):
        """Days from the visit to the report going out, or None if either is not known (or the
        visit's date was later moved past the sending, so no count would be true)."""
        if not (self.sent_at and self.visit.date):
            return None
        days = (timezone.localtime(self.sent_at).date() - self.visit.date).days
        return days if days >= 0 else None
