"""Forms for proposing a network and for organisers' decisions."""

from django import forms

from exchange.common.forms import GovukForm, GovukModelForm
from exchange.common.models import Topic

from ..models import NetworkProposal


class ProposalForm(GovukModelForm):
    topic = forms.ModelChoiceField(label="Topic", queryset=Topic.objects.order_by("name"),
                                   empty_label="Choose a topic")

    class Meta:
        model = NetworkProposal
        fields = ["name", "topic", "purpose", "audience", "facilitation"]
        labels = {"name": "Name of the network", "purpose": "Purpose",
                  "audience": "Who is it for", "facilitation": "Who will facilitate it"}
        help_texts = {
            "purpose": "What the network will improve, and how members will learn from each "
                       "other.",
            "audience": "The jobs or roles of the people who should join.",
            "facilitation": "You, and anyone who will facilitate with you; how often you "
                            "expect to meet."}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 5}),
                   "audience": forms.Textarea(attrs={"rows": 3}),
                   "facilitation": forms.Textarea(attrs={"rows": 3})}

    def proposal(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect,
        choices=[("approve", "Approve: create the network, with the proposer as facilitator"),
                 ("decline", "Decline")])
    is_closed = forms.BooleanField(
        label="Closed network: a facilitator approves each request to join", required=False)
    reason = forms.CharField(label="Reason for declining", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="Needed if you decline: we send it to the proposer.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Needed when declining, so the label does not say "(optional)".
        self.fields["reason"].needed_in_group = True

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the proposal is declined: the proposer is told.")
        return data
