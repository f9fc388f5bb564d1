"""Forms a reviewer fills in: comments, decisions, and the queue's filters."""

from django import forms

from exchange.common.forms import GovukForm, in_messages

from ..enums import EVIDENCE_LABEL_EXPLANATIONS, EvidenceLabel, PracticeStatus
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
    label = in_messages(HintedChoiceField(
        label="Publish it as", choices=EvidenceLabel.choices, hints=EVIDENCE_LABEL_EXPLANATIONS,
        help_text="The label the submitter chose is selected. Choose another if the evidence "
                  "supports a different one.",
        required=False), "the label")
    label_reason = forms.CharField(
        label="Why did you choose a different label?", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if you changed the label. The submitter is emailed this, and it is kept "
                  "in the entry's label history.")
    note = forms.CharField(
        label="Note for the activity log", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything other reviewers should know. Only staff see it.")

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        # One label is always ticked, so the question is never left unanswered on the page; a
        # post without it (the API's, an old form's) publishes with the submitter's label.
        self.fields["label"].initial = practice.evidence_label
        self.fields["label"].preselected = True


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
    order = forms.ChoiceField(
        label="Show", required=False, initial="oldest", widget=forms.RadioSelect,
        choices=[("oldest", "Longest waiting first"), ("newest", "Most recently sent first")])

    ORDERINGS = {"oldest": ("submitted_at", "id"), "newest": ("-submitted_at", "-id")}

    def ordering(self):
        """How the queue is sorted: longest waiting first unless asked otherwise."""
        chosen = self.cleaned_data.get("order") if self.is_bound and self.is_valid() else ""
        return self.ORDERINGS.get(chosen or "oldest")

    def filter(self, queryset, user):
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(title__icontains=data["q"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("mine"):
            queryset = queryset.filter(reviewer=user)
        return queryset
