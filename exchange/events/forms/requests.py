"""Forms for asking for a knowledge sharing event and for the organisers' decision on one."""

from django import forms
from django.utils import timezone

from exchange.common.forms import GovukForm, GovukModelForm
from exchange.common.models import Topic

from ..domain.requests import DECISIONS, mergeable_events
from ..enums import RequestStatus
from ..models import EventRequest


class EventRequestForm(GovukModelForm):
    topic = forms.ModelChoiceField(
        label="What should the event be about?", queryset=Topic.objects.order_by("name"),
        empty_label="Choose a topic",
        help_text="The topic closest to what you want to learn about. Say more below.")

    class Meta:
        model = EventRequest
        fields = ["topic", "why", "audience", "preferred_dates"]
        labels = {"why": "Why is an event needed?", "audience": "Who is it for?",
                  "preferred_dates": "Preferred dates"}
        help_texts = {
            "why": "The problem it would help with, what people need to learn, and what "
                   "difference it would make. Say if a force has practice others could learn from.",
            "audience": "Roles, ranks or teams, and roughly how many people would come.",
            "preferred_dates": "Months or weeks that suit, and any to avoid, like "
                               "“any Tuesday in March, not school holidays”.",
        }
        widgets = {"why": forms.Textarea(attrs={"rows": 6}),
                   "audience": forms.Textarea(attrs={"rows": 3})}


class RequestFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *RequestStatus.choices])


class DecisionForm(GovukForm):
    """An organiser's decision on a request: accept, merge into a planned event, or decline."""

    decision = forms.ChoiceField(label="Your decision", choices=list(DECISIONS.items()),
                                 widget=forms.RadioSelect)
    event = forms.ModelChoiceField(
        label="Event to merge it into", queryset=EventRequest.objects.none(), required=False,
        empty_label="Choose an event",
        help_text="Only for a merge: draft and published events still to come.")
    reason = forms.CharField(
        label="Reason, or a message for the person who asked", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required to decline. The person who asked reads it in the email we send.")

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = mergeable_events()
        self.fields["event"].label_from_instance = lambda event: (
            f"{event.title}, {timezone.localtime(event.starts_at):%d %b %Y} "
            f"({event.get_status_display().lower()})")
        if allowed is not None:
            self.fields["decision"].choices = [(a, label) for a, label in DECISIONS.items()
                                               if a in allowed]
