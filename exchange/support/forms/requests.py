"""Forms for asking for support, moving a request on, the terms and the self-assessment."""

from django import forms

from exchange.common.forms import GovukForm, GovukModelForm, in_messages
from exchange.common.models import Topic

from ..domain.assessment import active_dimensions
from ..enums import Delivery
from ..models import SupportRequest, TermsVersion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Fields added after GovukForm.__init__ has given every widget its GOV.UK class bring their own.
RADIOS = {"class": "govuk-radios__input"}


class SupportRequestForm(GovukModelForm):
    topics = forms.ModelMultipleChoiceField(
        label="Topics", queryset=Topic.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the support is about; we look for peers who know these.")

    class Meta:
        model = SupportRequest
        fields = ["issue", "success", "support_type", "delivery", "topics", "preferred_from",
                  "preferred_to", "dates_note"]
        labels = {"issue": "What is the issue?", "support_type": "Type of support",
                  "delivery": "How should a peer review be held?",
                  "preferred_from": "Earliest date", "preferred_to": "Latest date"}
        help_texts = {
            "success": "How you and the peers will know the support helped.",
            "delivery": "Only for a peer review: the team visits, meets online, or either.",
            "preferred_from": "The earliest the support could start.",
        }
        widgets = {"issue": forms.Textarea(attrs={"rows": 5}),
                   "success": forms.Textarea(attrs={"rows": 4}),
                   "support_type": forms.RadioSelect, "delivery": forms.RadioSelect,
                   "preferred_from": DATE, "preferred_to": DATE}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A lead of more than one force says which is asking; a lead of one is not asked.
        if organisations is not None and len(organisations) > 1:
            self.fields = {"organisation": forms.ModelChoiceField(
                label="Which force is asking?", queryset=organisations, empty_label=None,
                widget=forms.RadioSelect(attrs=RADIOS),
                error_messages={"required": "Select which force is asking",
                                "invalid_choice": "Select a force you lead"}), **self.fields}
        self.fields["delivery"].required = False
        self.fields["delivery"].choices = Delivery.choices
        self.fields["support_type"].choices = self.fields["support_type"].choices[1:]  # no "---"

    def clean_delivery(self):
        return self.cleaned_data.get("delivery") or Delivery.EITHER


class ReasonForm(GovukForm):
    """Why a request is declined or withdrawn."""

    note = forms.CharField(label="Reason", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))


class RequestFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False)
    support_type = forms.ChoiceField(label="Type of support", required=False)
    organisation = forms.TypedChoiceField(label="Force", required=False, coerce=int,
                                          empty_value=None)

    def __init__(self, *args, statuses=(), types=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *statuses]
        self.fields["support_type"].choices = [("", "Any type"), *types]
        self.fields["organisation"].choices = [("", "Any force"), *organisations]


class TermsForm(GovukModelForm):
    team_size = forms.IntegerField(label="Number of peers", required=False, min_value=1,
                                   max_value=20)

    class Meta:
        model = TermsVersion
        fields = ["scope", "questions", "deliverables", "starts_on", "ends_on", "team_size",
                  "note"]
        labels = {"scope": "Scope", "deliverables": "Deliverables"}
        help_texts = {"scope": "What the support covers, and what it leaves out.",
                      "questions": "One a line.",
                      "note": "A sentence for the other side: what you changed and why."}
        widgets = {"scope": forms.Textarea(attrs={"rows": 4}),
                   "questions": forms.Textarea(attrs={"rows": 4}),
                   "deliverables": forms.Textarea(attrs={"rows": 3}),
                   "starts_on": DATE, "ends_on": DATE}


class SelfAssessmentForm(GovukForm):
    """A level and a target (radios worded from the matrix) and evidence, per active dimension.
    Nothing is required here: a draft may be partial; submitting asks the domain for every
    dimension."""

    def __init__(self, *args, dimensions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = active_dimensions() if dimensions is None else dimensions
        for dimension in self.dimensions:
            levels = list(dimension.levels.all())
            choices = [(level.level, f"{level.level}. {level.name}: {level.description}")
                       for level in levels]
            short = [(level.level, f"{level.level}. {level.name}") for level in levels]
            self.fields[f"level_{dimension.pk}"] = in_messages(forms.TypedChoiceField(
                label="Where the force is now", choices=choices, coerce=int, empty_value=None,
                required=False, widget=forms.RadioSelect(attrs=RADIOS)),
                f"where the force is now for {dimension.name}")
            self.fields[f"target_{dimension.pk}"] = in_messages(forms.TypedChoiceField(
                label="Where the force wants to be", choices=short, coerce=int,
                empty_value=None, required=False, widget=forms.RadioSelect(attrs=RADIOS)),
                f"the target level for {dimension.name}")
            self.fields[f"evidence_{dimension.pk}"] = in_messages(forms.CharField(
                label="Evidence", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                help_text="What shows the force is at this level: inspections, data, reviews."),
                f"the evidence for {dimension.name}")

    def rows(self):
        """``[(dimension, level field, target field, evidence field)]`` for the template."""
        return [(d, self[f"level_{d.pk}"], self[f"target_{d.pk}"], self[f"evidence_{d.pk}"])
                for d in self.dimensions]

    def scores(self):
        """The cleaned answers as the domain takes them: dimension id -> level, target,
        evidence."""
        data = self.cleaned_data
        return {d.pk: {"level": data.get(f"level_{d.pk}"), "target": data.get(f"target_{d.pk}"),
                       "evidence": data.get(f"evidence_{d.pk}", "")} for d in self.dimensions}

    @classmethod
    def initial_from(cls, assessment):
        if assessment is None:
            return {}
        initial = {}
        for score in assessment.scores.all():
            initial.update({f"level_{score.dimension_id}": score.level,
                            f"target_{score.dimension_id}": score.target,
                            f"evidence_{score.dimension_id}": score.evidence})
        return initial
