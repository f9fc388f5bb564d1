"""Forms for a network's meetings: scheduling or changing one, and its notes and actions."""

from django import forms

from exchange.common.forms import GovukModelForm, in_messages

from ..models import Meeting

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(GovukModelForm):
    starts_at = in_messages(forms.DateTimeField(
        label="Starts", widget=DATETIME, help_text="UK time, for example 14:30."),
        "when the meeting starts")
    ends_at = in_messages(forms.DateTimeField(
        label="Ends", widget=DATETIME, help_text="UK time."), "when the meeting ends")

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "agenda", "joining_details"]
        labels = {"title": "Title", "agenda": "Agenda",
                  "joining_details": "Joining details"}
        help_texts = {"agenda": "What the meeting will cover, one item a line.",
                      "joining_details": "The link and any passcode. Only the network's "
                                         "members see them."}
        widgets = {"agenda": forms.Textarea(attrs={"rows": 5}),
                   "joining_details": forms.Textarea(attrs={"rows": 3})}

    def meeting(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NotesForm(GovukModelForm):
    class Meta:
        model = Meeting
        fields = ["notes", "actions"]
        labels = {"notes": "Notes", "actions": "Actions"}
        help_texts = {"notes": "What was discussed and agreed.",
                      "actions": "Who will do what, and by when: one a line."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 8}),
                   "actions": forms.Textarea(attrs={"rows": 5})}
