"""Forms for finding a network and for belonging to one: the list's filters, leaving, and a
facilitator's decisions about members."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from exchange.common.forms import GovukForm
from exchange.common.models import Topic


class NetworkFilterForm(GovukForm):
    """The list's search and topic filter (a GET form: a wrong value is ignored)."""

    q = forms.CharField(label="Search networks", required=False, max_length=200)
    topic = forms.ModelChoiceField(label="Topic", queryset=Topic.objects.none(), required=False,
                                   empty_label="Any topic", to_field_name="slug")

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics if topics is not None else Topic.objects.all()

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"q": (data.get("q") or "").strip(), "topic": data.get("topic")}


class LeaveForm(GovukForm):
    """Confirming that one leaves (or withdraws a request to join); nothing to fill in."""


class MemberActionForm(GovukForm):
    """A facilitator's decision about one person on the members page."""

    ACTIONS = [("approve", "Approve"), ("refuse", "Refuse"),
               ("make_facilitator", "Make facilitator"),
               ("stop_facilitating", "Stop being a facilitator"), ("remove", "Remove")]
    # The person is a hidden field: a refusal about them is shown above the list instead.
    domain_error_fields = {"membership": NON_FIELD_ERRORS}

    membership = forms.IntegerField(label="Member", widget=forms.HiddenInput)
    action = forms.ChoiceField(label="What to do", choices=ACTIONS, widget=forms.HiddenInput)
    reason = forms.CharField(label="Why (sent to them)", required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
