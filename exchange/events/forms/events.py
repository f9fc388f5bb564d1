"""Organisers' forms for an event, its attendance and its materials; the list's filters."""

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from exchange.common.forms import GovukForm, GovukModelForm, in_messages
from exchange.common.models import Topic

from ..domain.events import check_slides
from ..enums import EventKind
from ..models import Event

# Entered and shown in Europe/London (settings.TIME_ZONE): Django reads a naive date and time
# in the current time zone, so 10:00 in June is 10:00 BST.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_CAPACITY = 5000


def _bound(field, low, high):
    field.validators = [v for v in field.validators
                        if not isinstance(v, MinValueValidator | MaxValueValidator)]
    field.validators += [MinValueValidator(low), MaxValueValidator(high)]
    field.widget.attrs.update(min=low, max=high)


class EventForm(GovukModelForm):
    topics = forms.ModelMultipleChoiceField(
        label="Topics", queryset=Topic.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Event
        fields = ["title", "kind", "summary", "description", "audience", "topics", "starts_at",
                  "ends_at", "online", "venue", "capacity", "registration_opens_at",
                  "registration_closes_at", "cpd_hours", "joining_details"]
        labels = {"kind": "Kind of event", "starts_at": "Starts (UK time)",
                  "ends_at": "Ends (UK time)", "online": "Held online",
                  "venue": "Venue (for an event held in person)", "capacity": "Number of places",
                  "registration_opens_at": "Registration opens (UK time)",
                  "registration_closes_at": "Registration closes (UK time)",
                  "cpd_hours": "CPD hours", "joining_details": "Joining details",
                  "audience": "Who it is for (optional)", "description":
                  "Description (optional)"}
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "registration_opens_at": DATETIME,
                   "registration_closes_at": DATETIME,
                   "description": forms.Textarea(attrs={"rows": 8}),
                   "summary": forms.Textarea(attrs={"rows": 2}),
                   "joining_details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["starts_at"], "the date and time the event starts")
        in_messages(self.fields["ends_at"], "the date and time the event ends")
        in_messages(self.fields["registration_opens_at"], "the date and time registration opens")
        in_messages(self.fields["registration_closes_at"],
                    "the date and time registration closes")
        _bound(self.fields["capacity"], 1, MAX_CAPACITY)
        _bound(self.fields["cpd_hours"], 0, 100)
        self.fields["joining_details"].required = False


class AttendanceForm(GovukForm):
    attended = forms.MultipleChoiceField(
        label="Who attended", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Tick everyone who came. Everyone not ticked is recorded as not attending.")

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(r.pk), f"{r.user.full_name} ({r.user.email})") for r in registrations]
        if not self.is_bound:
            self.initial["attended"] = [str(r.pk) for r in registrations if r.attended]


class MaterialsForm(GovukModelForm):
    domain_error_fields = {"slides": "slides_file"}
    slides_file = forms.FileField(label="Slides (optional)", required=False,
                                  help_text="A PDF, PowerPoint or OpenDocument presentation, "
                                            "up to 50 MB. It replaces any slides already "
                                            "added.")
    remove_slides = forms.BooleanField(label="Remove the slides", required=False)

    class Meta:
        model = Event
        fields = ["materials_audience", "recording_url", "afterwards_summary"]
        labels = {"materials_audience": "Who can see the materials",
                  "recording_url": "Recording link (optional)",
                  "afterwards_summary": "Summary (optional)"}
        widgets = {"materials_audience": forms.RadioSelect,
                   "afterwards_summary": forms.Textarea(attrs={"rows": 6})}

    def clean_slides_file(self):
        """A real PDF, PowerPoint or OpenDocument presentation of up to 50 MB (the domain
        checks again, for any other way slides arrive)."""
        upload = self.cleaned_data.get("slides_file")
        if upload:
            check_slides(upload, field=None)
        return upload


class CancelEventForm(GovukForm):
    reason = forms.CharField(label="Why is the event cancelled? (optional)", required=False,
                             max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Everyone registered or waiting is emailed this.")


class EventFilter(django_filters.FilterSet):
    """The list's filters: a topic (by its slug) and a kind."""

    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", label="Topic", empty_label="All topics",
        queryset=Topic.objects.order_by("name"))
    kind = django_filters.ChoiceFilter(label="Kind of event", choices=EventKind.choices,
                                       empty_label="All kinds")

    class Meta:
        model = Event
        fields = ["topic", "kind"]
        form = GovukForm


PAST, UPCOMING = "past", "upcoming"


def listed_events(params, *, now=None):
    """Published events, upcoming (soonest first) or past (latest first), filtered by the
    :class:`EventFilter` in ``params`` (the page's query string or the API's filters). Returns
    ``(filterset, when, queryset)``; a filter that is not valid gives no events."""
    when = PAST if params.get("when") == PAST else UPCOMING
    events = Event.objects.published()
    events = (events.past(now).order_by("-starts_at", "-id") if when == PAST
              else events.upcoming(now).order_by("starts_at", "id"))
    filterset = EventFilter(params, queryset=events)
    events = filterset.qs if filterset.is_valid() else events.none()
    return filterset, when, events
