"""Forms for assembling a team, answering an invitation, and pairings with their meetings."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from exchange.common.forms import GovukForm, GovukModelForm
from exchange.common.models import Topic

from ..enums import Sector
from ..models import Pairing, PairingMeeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CandidateFilterForm(GovukForm):
    """The team page's filters (a GET form: never refuses, an unknown value is ignored)."""

    expertise = forms.ModelChoiceField(label="Expertise", queryset=Topic.objects.none(),
                                       required=False, empty_label="Any expertise")
    sector = forms.ChoiceField(label="Sector", required=False,
                               choices=[("", "Any sector"), *Sector.choices])

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = topics if topics is not None else Topic.objects.all()

    def values(self):
        if not self.is_valid():
            return {"expertise": None, "sector": ""}
        return {"expertise": self.cleaned_data["expertise"], "sector": self.cleaned_data["sector"]}


class InviteForm(GovukForm):
    # The peer is a hidden field: a refusal about them is shown above the list instead.
    domain_error_fields = {"peer": NON_FIELD_ERRORS}

    peer = forms.IntegerField(label="Peer to invite", widget=forms.HiddenInput)


class WithdrawForm(GovukForm):
    member = forms.IntegerField(label="Invitation to withdraw", widget=forms.HiddenInput)
    note = forms.CharField(label="Why (sent to the peer)", required=False, max_length=300)


class AnswerForm(GovukForm):
    answer = forms.ChoiceField(label="Will you join the team?", widget=forms.RadioSelect,
                               choices=[("accept", "Yes, I accept"), ("decline", "No, I decline")])
    reason = forms.CharField(label="Why not", required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Staff see this; it helps them ask the right people.")

    @property
    def accepted(self):
        return self.cleaned_data["answer"] == "accept"


class PairingForm(GovukModelForm):
    peer = forms.TypedChoiceField(label="Peer", coerce=int, choices=())

    class Meta:
        model = Pairing
        fields = ["person_name", "person_role", "purpose", "started_on"]
        labels = {"person_name": "Who at the force", "person_role": "Their role",
                  "purpose": "What the pairing is for", "started_on": "Start date"}
        widgets = {"started_on": DATE, "purpose": forms.Textarea(attrs={"rows": 3})}

    field_order = ["peer", "person_name", "person_role", "purpose", "started_on"]

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].choices = [("", "Choose a peer")] + [
            (p.peer.pk, f"{p.peer} ({p.peer.organisation_label or p.peer.get_sector_display()}), "
                        f"score {p.score}") for p in proposals]


class MeetingForm(GovukModelForm):
    class Meta:
        model = PairingMeeting
        fields = ["held_on", "minutes", "note"]
        labels = {"held_on": "Date of the meeting", "minutes": "Length in minutes",
                  "note": "Note"}
        widgets = {"held_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class EndPairingForm(GovukForm):
    note = forms.CharField(label="Why it ends", required=False, max_length=300)
