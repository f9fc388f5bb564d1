"""Events, registrations, the waiting list and offers (places engine), materials."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from exchange.common import places
from exchange.common.models import Topic

from ..enums import EventKind, EventStatus, MaterialsAudience, RegistrationStatus
from ..rules import can_run_events

__all__ = ["ACTIVE_REGISTRATION", "Event", "PlaceOffer", "Registration", "WaitingPlace"]

# A person holds, or may still get, a place: one such registration per person and event.
ACTIVE_REGISTRATION = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING,
                       RegistrationStatus.OFFERED)


class EventQuerySet(models.QuerySet):
    def published(self):
        """What anyone may see listed: published events (the topic filters count these)."""
        return self.filter(status=EventStatus.PUBLISHED)

    def for_user(self, user):
        """The events whose page ``user`` may open: organisers every one; anyone else
        published ones, and cancelled ones (so the people told of a cancellation can read it)."""
        if can_run_events(user):
            return self
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lte=now or timezone.now())


def slides_path(instance, filename):
    return f"events/{instance.pk or 'new'}/slides/{filename}"


class Event(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices,
                            default=EventKind.KNOWLEDGE_SHARING)
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    audience = models.CharField(max_length=300, blank=True,
                                help_text="Who the event is for, for example “Investigators "
                                          "and their supervisors”.")
    summary = models.CharField(max_length=300, help_text="One or two sentences for the list.")
    description = models.TextField(blank=True, help_text="You can use Markdown.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online = models.BooleanField(default=True)
    venue = models.CharField(max_length=300, blank=True)
    capacity = models.PositiveIntegerField(help_text="How many places there are.")
    registration_opens_at = models.DateTimeField()
    registration_closes_at = models.DateTimeField()
    cpd_hours = models.DecimalField("CPD hours", max_digits=4, decimal_places=1, default=0)
    joining_details = models.TextField(
        blank=True, help_text="How to join: a link, a dial-in number, a room. Only people "
                              "registered and organisers see it.")
    status = models.CharField(max_length=20, choices=EventStatus.choices,
                              default=EventStatus.DRAFT)
    materials_audience = models.CharField(max_length=20, choices=MaterialsAudience.choices,
                                          default=MaterialsAudience.MEMBERS)
    slides = models.FileField(upload_to=slides_path, blank=True)
    slides_content_type = models.CharField(max_length=120, blank=True)
    recording_url = models.URLField(blank=True)
    afterwards_summary = models.TextField(blank=True)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_starts"),
            models.Index(fields=["status", "ends_at"], name="event_status_ends"),
            models.Index(fields=["kind", "status", "starts_at"], name="event_kind_status_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_has_capacity",
                                   violation_error_message="Enter the number of places, 1 or more"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="event_ends_after_it_starts",
                                   violation_error_message="Enter an end after the start"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_closes_after_it_opens",
                violation_error_message="Enter a closing date and time after registration opens"),
            models.CheckConstraint(condition=Q(cpd_hours__gte=0), name="event_cpd_not_negative",
                                   violation_error_message="Enter the CPD hours, 0 or more"),
            models.CheckConstraint(condition=Q(online=True) | ~Q(venue=""),
                                   name="event_in_person_has_venue",
                                   violation_error_message="Enter the venue of an event held "
                                                           "in person"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == EventStatus.PUBLISHED

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    @property
    def has_materials(self):
        return bool(self.slides or self.recording_url or self.afterwards_summary)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_REGISTRATION)

    def registered(self):
        return self.filter(status=RegistrationStatus.REGISTERED)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_registrations")
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.REGISTERED)
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "id"]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            models.Index(fields=["user", "status"], name="registration_user_status"),
            models.Index(fields=["user", "attended"], name="registration_user_attended"),
            models.Index(fields=["status", "reminded_at"], name="registration_reminder"),
        ]
        constraints = [models.UniqueConstraint(
            fields=["event", "user"], condition=Q(status__in=ACTIVE_REGISTRATION),
            name="one_active_registration_per_person_per_event",
            violation_error_message="You are already registered or on the waiting list")]

    def __str__(self):
        return f"{self.user} for {self.event}"


class WaitingPlace(places.WaitingEntry):
    """One person's line on an event's waiting list (the places engine's waiting entry)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="waiting_places")
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="waiting_place")
    is_group = models.BooleanField(default=False, help_text="Always false: people come one by one.")

    class Meta:
        ordering = ["event_id", "position"]
        indexes = [models.Index(fields=["event", "status", "position"], name="waiting_event_status")]

    def __str__(self):
        return f"{self.position}. {self.registration.user}"


class PlaceOffer(places.TimeLimitedOffer):
    """A freed place offered to the next person waiting, until a deadline."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="offers")
    entry = models.ForeignKey(WaitingPlace, on_delete=models.CASCADE, related_name="offers")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["event", "status"], name="event_offer_status")]

    def __str__(self):
        return f"A place on {self.event} for {self.entry.registration.user}"
