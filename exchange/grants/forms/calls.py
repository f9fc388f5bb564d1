"""The organisers' forms for a call, its criteria and its state."""

from django import forms

from exchange.common.forms import GovukForm, RepeatedGroup, in_messages, ordinal
from exchange.visits.models import ProgrammeYear

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CRITERION_ROWS = 6
MAX_WEIGHT = 10


def _criterion_fields():
    fields = {}
    for n in range(1, CRITERION_ROWS + 1):
        which = f"the {ordinal(n)} criterion"
        fields[f"criterion_{n}_name"] = in_messages(forms.CharField(
            label="Name", required=False, max_length=120), f"the name of {which}")
        fields[f"criterion_{n}_description"] = in_messages(forms.CharField(
            label="What the panel looks for", required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2})), f"what the panel looks for in {which}")
        fields[f"criterion_{n}_weight"] = in_messages(forms.IntegerField(
            label="Weight", required=False, min_value=1, max_value=MAX_WEIGHT,
            help_text=f"1 to {MAX_WEIGHT}: how much it counts in the total.",
            widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"})),
            f"the weight of {which}")
    return fields


class CallForm(GovukForm):
    title = forms.CharField(max_length=200)
    aims = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                           help_text="What the call wants projects to achieve.")
    eligibility = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                                  help_text="Who may apply, in plain words.")
    programme_year = forms.ModelChoiceField(
        queryset=ProgrammeYear.objects.all(), label="Programme year",
        help_text="Only this programme year's member organisations may apply.")
    amount_min = forms.IntegerField(label="Smallest grant (£)", min_value=0,
                                    max_value=10_000_000,
                                    widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}))
    amount_max = forms.IntegerField(label="Largest grant (£)", min_value=1,
                                    max_value=10_000_000,
                                    widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}))
    opens_at = forms.DateTimeField(label="Opens", widget=DATETIME,
                                   help_text="UK time, for example 1 May at 09:00.")
    deadline = forms.DateTimeField(label="Deadline", widget=DATETIME,
                                   help_text="UK time. Applications submitted after it are refused.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["opens_at"], "the date and time the call opens")
        in_messages(self.fields["deadline"], "the deadline")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", "Enter a largest grant no smaller than the smallest")
        opens, deadline = cleaned.get("opens_at"), cleaned.get("deadline")
        if opens and deadline and deadline <= opens:
            self.add_error("deadline", "Enter a deadline after the call opens")
        for n in range(1, CRITERION_ROWS + 1):
            name = cleaned.get(f"criterion_{n}_name")
            if (cleaned.get(f"criterion_{n}_description") or cleaned.get(f"criterion_{n}_weight")) \
                    and not name and f"criterion_{n}_name" not in self.errors:
                self.add_error(f"criterion_{n}_name", f"Enter the name of the {ordinal(n)} "
                               "criterion, or clear its other boxes")
            if name and not cleaned.get(f"criterion_{n}_weight") and \
                    f"criterion_{n}_weight" not in self.errors:
                self.add_error(f"criterion_{n}_weight", f"Enter the weight of the {ordinal(n)} "
                               "criterion")
        return cleaned

    def criteria(self):
        """The filled rows as the domain takes them."""
        rows = []
        for n in range(1, CRITERION_ROWS + 1):
            name = self.cleaned_data.get(f"criterion_{n}_name")
            if name:
                rows.append({"name": name, "weight": self.cleaned_data[f"criterion_{n}_weight"],
                             "description": self.cleaned_data.get(f"criterion_{n}_description", "")})
        return rows

    def call_fields(self):
        return {name: self.cleaned_data[name] for name in (
            "title", "aims", "eligibility", "programme_year", "amount_min", "amount_max",
            "opens_at", "deadline")}

    def repeated_groups(self):
        numbers = tuple(n for n in range(1, CRITERION_ROWS + 1)
                        if self.cleaned_data.get(f"criterion_{n}_name"))
        return {"criteria": RepeatedGroup("criterion_{number}_{part}", numbers, "name",
                                          CRITERION_ROWS)}

    def criterion_rows(self):
        return [[self[f"criterion_{n}_{part}"] for part in ("name", "description", "weight")]
                for n in range(1, CRITERION_ROWS + 1)]


# The rows are the form's own fields, so the GOV.UK classes and messages reach them.
CallForm.base_fields.update(_criterion_fields())


def call_initial(call):
    initial = {name: getattr(call, name) for name in (
        "title", "aims", "eligibility", "programme_year", "amount_min", "amount_max", "opens_at",
        "deadline")}
    for n, criterion in enumerate(call.criteria.all(), start=1):
        initial.update({f"criterion_{n}_name": criterion.name,
                        f"criterion_{n}_description": criterion.description,
                        f"criterion_{n}_weight": criterion.weight})
    return initial


class NoteForm(GovukForm):
    note = forms.CharField(label="Note (kept in the activity log)", required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
