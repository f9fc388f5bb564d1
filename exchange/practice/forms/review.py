"""Forms a reviewer fills in: comments, decisions, and the queue's filters."""

from django import forms

from exchange.common.forms import GovukForm, in_messages

from ..enums import PracticeStatus
from .fields import HintedChoiceField


class CommentForm(GovukForm):
    body = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter a comment"})
    audience = HintedChoiceField(
        label="Who should see it?", choices=[("internal", "Reviewers only"),
                                             ("submitter", "The submitter too")],
        hints={"submitter": "They see it on their entry the next time it is with them."},
        initial="internal", error_messages={"required": "Choose who should see the comment"})


class RequestChangesForm(GovukForm):
    comment = forms.CharField(
        label="What needs to change?", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The submitter is emailed this and sees it on their entry.",
        error_messages={"required": "Say what needs to change"})


class PublishForm(GovukForm):
    note = forms.CharField(
        label="Note for the activity log", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why you chose this label. Only staff see it.")


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reason"})

    def __init__(self, *args, reason_help="", reason_required_message="", **kwargs):
        super().__init__(*args, **kwargs)
        if reason_help:
            self.fields["reason"].help_text = reason_help
        if reason_required_message:
            self.fields["reason"].error_messages["required"] = reason_required_message


class ConfirmForm(GovukForm):
    """An action that needs nothing typed, only a button."""


class AcceptNamesForm(GovukForm):
    """Which of the names a submission proposed become organisations and topics."""

    names = forms.MultipleChoiceField(
        label="Names to add to the Exchange", widget=forms.CheckboxSelectMultiple,
        help_text="Each one you tick is added (or matched to one already there) and linked to "
                  "this entry. Leave a name unticked to keep it as text.",
        error_messages={"required": "Choose at least one name to add"})

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"topic:{name}", f"{name} (topic)") for name in practice.proposed_topics]
        if practice.proposed_organisation:
            choices.insert(0, ("organisation", f"{practice.proposed_organisation} (organisation)"))
        self.fields["names"].choices = choices



QUEUE_STATES = [PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW,
                PracticeStatus.CHANGES_REQUESTED]


class QueueFilterForm(GovukForm):
    q = in_messages(forms.CharField(label="Title contains", required=False, max_length=200),
                    "what the title contains")
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("", "All waiting"), *[(s.value, s.label) for s in QUEUE_STATES]])
    mine = forms.BooleanField(label="Only entries assigned to me", required=False)

    def filter(self, queryset, user):
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(title__icontains=data["q"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("mine"):
            queryset = queryset.filter(reviewer=user)
        return queryset
