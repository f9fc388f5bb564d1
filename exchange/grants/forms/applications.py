"""The lead's forms: starting an application, the draft with its budget lines, withdrawing, and
reports on a funded project."""

from django import forms

from exchange.common.forms import GovukForm, in_messages, ordinal
from exchange.people.models import Organisation

BUDGET_ROWS = 8
MAX_AMOUNT = 10_000_000


class StartForm(GovukForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Which organisation is applying?",
                                          widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


def _budget_fields():
    fields = {}
    for n in range(1, BUDGET_ROWS + 1):
        line = f"the {ordinal(n)} budget line"
        fields[f"line_{n}_item"] = in_messages(forms.CharField(
            label="Item", required=False, max_length=200), f"the item on {line}")
        fields[f"line_{n}_amount"] = in_messages(forms.IntegerField(
            label="Amount (£)", required=False, min_value=0, max_value=MAX_AMOUNT,
            widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"})),
            f"the amount on {line}")
    return fields


class ApplicationForm(GovukForm):
    """Everything an application holds. Nothing is required to save a draft; submitting
    checks completeness (the domain's ``missing_for_submission``)."""

    project_title = forms.CharField(label="Project title", required=False, max_length=200)
    aims = forms.CharField(label="Aims", required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What the project will change, and for whom.")
    method = forms.CharField(label="Method", required=False, max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 6}),
                             help_text="What the project will do, who will do it and when.")
    evaluation_plan = forms.CharField(label="Evaluation plan", required=False, max_length=10000,
                                      widget=forms.Textarea(attrs={"rows": 5}),
                                      help_text="How you will know whether it worked.")
    partners = forms.CharField(label="Partners", required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="Who you will work with, one a line, for example "
                                         "“Calm Minds (with Avon NHS Trust)”.")

    def clean(self):
        cleaned = super().clean()
        for n in range(1, BUDGET_ROWS + 1):
            item, amount = cleaned.get(f"line_{n}_item"), cleaned.get(f"line_{n}_amount")
            if item and amount is None and f"line_{n}_amount" not in self.errors:
                self.add_error(f"line_{n}_amount", f"Enter the amount on the {ordinal(n)} "
                               "budget line")
            if amount is not None and not item:
                self.add_error(f"line_{n}_item", f"Enter the item on the {ordinal(n)} budget "
                               "line, or clear its amount")
        return cleaned

    def content(self):
        return {name: self.cleaned_data[name] for name in (
            "project_title", "aims", "method", "evaluation_plan", "partners")}

    def budget_lines(self):
        return [(self.cleaned_data[f"line_{n}_item"], self.cleaned_data[f"line_{n}_amount"])
                for n in range(1, BUDGET_ROWS + 1) if self.cleaned_data.get(f"line_{n}_item")]

    def budget_rows(self):
        return [(n, self[f"line_{n}_item"], self[f"line_{n}_amount"])
                for n in range(1, BUDGET_ROWS + 1)]


# The rows are the form's own fields (declared, not added per instance), so the GOV.UK classes
# and messages reach them as they reach the others.
ApplicationForm.base_fields.update(_budget_fields())


def application_initial(application):
    initial = {name: getattr(application, name) for name in (
        "project_title", "aims", "method", "evaluation_plan", "partners")}
    for n, line in enumerate(application.budget_lines.all(), start=1):
        initial.update({f"line_{n}_item": line.item, f"line_{n}_amount": line.amount})
    return initial


class WithdrawForm(GovukForm):
    note = forms.CharField(label="Why are you withdrawing it? (kept with the application)",
                           required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(GovukForm):
    what_was_done = forms.CharField(label="What the project has done", max_length=10000,
                                    widget=forms.Textarea(attrs={"rows": 6}))
    results = forms.CharField(label="Results", max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="What changed, with figures where you have them.")
    evidence = forms.CharField(label="Evidence", max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="What shows the results: an evaluation, data, "
                                         "feedback.")
