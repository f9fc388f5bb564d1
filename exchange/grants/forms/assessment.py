"""The organisers' panel, decision, report-date and practice-bank forms, and the assessor's
scoring form."""

from django import forms

from exchange.common.forms import GovukForm, in_messages
from exchange.people.models import User
from exchange.practice.enums import EvidenceLabel

from ..enums import MAX_SCORE, MIN_SCORE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORES = [(str(n), str(n)) for n in range(MIN_SCORE, MAX_SCORE + 1)]


class AssessorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class PanelForm(GovukForm):
    assessors = AssessorChoice(queryset=User.objects.none(), required=False,
                               label="Assessors on the panel", widget=forms.CheckboxSelectMultiple,
                               help_text="Organisers and reviewers. Staff from the applicant "
                                         "organisation are not offered.")

    def __init__(self, *args, assessors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assessors is not None:
            self.fields["assessors"].queryset = assessors


class ScoreForm(GovukForm):
    """A score (0 to 5) and a comment for each of the call's criteria."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = in_messages(forms.TypedChoiceField(
                label=f"Score for “{criterion.name}” (weight {criterion.weight})",
                choices=SCORES, coerce=int, widget=forms.RadioSelect,
                help_text=criterion.description or f"{MIN_SCORE} is poor, {MAX_SCORE} excellent."),
                f"a score for “{criterion.name}”")
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on “{criterion.name}”", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}))
            self.fields[f"score_{criterion.pk}"].widget.attrs["class"] = "govuk-radios__input"

    def scores(self):
        return {c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
                for c in self.criteria}

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect,
                                 choices=[("funded", "Fund it"), ("not_funded", "Do not fund it")])
    amount_awarded = forms.IntegerField(label="Amount awarded (£)", required=False, min_value=1,
                                        max_value=10_000_000,
                                        help_text="Only when funded.",
                                        widget=forms.NumberInput(
                                            attrs={"class": "govuk-input--width-10"}))
    feedback = forms.CharField(label="Feedback for the applicant", max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 6}),
                               help_text="Their leads are emailed it with the decision.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "funded" and cleaned.get("amount_awarded") is None and \
                "amount_awarded" not in self.errors:
            self.add_error("amount_awarded", "Enter the amount awarded")
        return cleaned


class ReportDateForm(GovukForm):
    due_on = forms.DateField(label="Due on", widget=DATE)
    is_final = forms.BooleanField(label="This is the final report", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["due_on"], "the date the report is due")


class PracticeEntryForm(GovukForm):
    label = forms.ChoiceField(label="Evidence label", choices=EvidenceLabel.choices,
                              widget=forms.RadioSelect,
                              help_text="Label the entry by the evidence the project produced.")
    summary = forms.CharField(label="One-line summary", max_length=300)
    mechanism = forms.CharField(label="Why it worked or did not (the mechanism)",
                                max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
