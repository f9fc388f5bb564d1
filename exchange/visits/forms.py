"""The visits programme's forms, all rendered with the GOV.UK Design System."""

from django import forms

from exchange.common.forms import GovukForm, GovukModelForm
from exchange.people.models import Organisation

from .enums import Place
from .models import HostOffer, ProgrammeYear, Visit

VISITOR_ROWS = 6
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VisitForm(GovukModelForm):
    class Meta:
        model = Visit
        fields = ["programme_year", "theme", "title", "host_organisation", "host_contact_name",
                  "host_contact_email", "description", "venue", "date", "capacity",
                  "min_per_force", "applications_open", "applications_close", "key_questions"]
        labels = {"host_organisation": "Host organisation", "min_per_force":
                  "Minimum group per visiting force", "applications_open": "Applications open",
                  "applications_close": "Applications close", "date": "Date of the visit"}
        widgets = {"date": DATE, "applications_open": DATETIME, "applications_close": DATETIME,
                   "description": forms.Textarea(attrs={"rows": 5}),
                   "key_questions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_year"].required = False
        self.fields["programme_year"].help_text = "Leave empty for the current programme year."
        self.fields["host_organisation"].queryset = Organisation.objects.order_by("name")


class HostOfferForm(GovukModelForm):
    class Meta:
        model = HostOffer
        fields = ["organisation_name", "contact_name", "contact_email", "theme", "practice",
                  "possible_dates"]
        widgets = {"practice": forms.Textarea(attrs={"rows": 5})}


def _visitor_fields():
    fields = {}
    for n in range(1, VISITOR_ROWS + 1):
        fields[f"visitor_{n}_email"] = forms.EmailField(label="Email address", required=False)
        fields[f"visitor_{n}_role"] = forms.CharField(
            label="Role", required=False, max_length=200,
            help_text="For example: detective inspector, or research fellow.")
        fields[f"visitor_{n}_questions"] = forms.CharField(
            label="Questions they want answered", required=False,
            widget=forms.Textarea(attrs={"rows": 3}), help_text="One a line.")
    return fields


class ApplicationFormBase(GovukForm):
    """Up to six visitors, each with role and questions. Empty rows are ignored."""

    @classmethod
    def initial_from(cls, application):
        initial = {}
        for n, visitor in enumerate(application.visitors.exclude(place=Place.WITHDRAWN)
                                    .select_related("user"), start=1):
            initial.update({f"visitor_{n}_email": visitor.user.email,
                            f"visitor_{n}_role": visitor.role,
                            f"visitor_{n}_questions": visitor.questions})
        return initial

    def rows(self):
        """The filled-in rows as the domain's dicts, and each row's form number."""
        rows, numbers = [], []
        for n in range(1, VISITOR_ROWS + 1):
            row = {key: self.cleaned_data.get(f"visitor_{n}_{key}", "")
                   for key in ("email", "role", "questions")}
            if any(value.strip() for value in row.values()):
                rows.append(row)
                numbers.append(n)
        return rows, numbers

    def row_groups(self):
        return [[self[f"visitor_{n}_{key}"] for key in ("email", "role", "questions")]
                for n in range(1, VISITOR_ROWS + 1)]

    def add_domain_errors(self, error, numbers):
        """Show the domain's ``visitors.<i>.<field>`` errors on the fields of those rows."""
        for key, messages in error.message_dict.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "visitors":
                self.add_error(f"visitor_{numbers[int(parts[1])]}_{parts[2]}", messages)
            else:
                self.add_error(None, messages)


ApplicationForm = type("ApplicationForm", (ApplicationFormBase,), _visitor_fields())


class NoteForm(GovukForm):
    note = forms.CharField(label="Note for the record", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AdjustPlaceForm(GovukForm):
    place = forms.ChoiceField(label="Change to", widget=forms.RadioSelect, choices=[
        (Place.PLACED, "Give a place"), (Place.WAITING, "Move to the waiting list")])
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="It is kept in the visit's history.")


class PreparationCallForm(GovukForm):
    starts_at = forms.DateTimeField(label="Date and time", widget=DATETIME)
    duration_minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=480,
                                          initial=60)
    joining_details = forms.CharField(label="How to join", widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text="Shown only to visitors with a place.")


class MaterialForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    file = forms.FileField(label="File", required=False,
                           help_text="PDF, Word, PowerPoint, Excel, text or image, up to 10 MB.")
    link = forms.URLField(label="Or a link", required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("link")):
            raise forms.ValidationError("Choose a file or give a link, not both")
        return data


class LearningPointForm(GovukForm):
    question = forms.ChoiceField(label="Which of the visit's questions does it answer?",
                                 required=False)
    theme = forms.CharField(label="Theme", required=False, max_length=120,
                            help_text="A word or two, for example: triage, data sharing.")
    key_learning = forms.CharField(label="Your key learning point",
                                   widget=forms.Textarea(attrs={"rows": 4}))
    how_to_apply = forms.CharField(label="How you will apply it at home",
                                   widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "None of them")] + [
            (q, q) for q in visit.question_list]


class HostReportForm(GovukForm):
    body = forms.CharField(label="Report", widget=forms.Textarea(attrs={"rows": 20}),
                           help_text="Markdown: # for headings, - for lists.")


class ShortReportForm(GovukForm):
    short_report = forms.CharField(
        label="Short report", widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Themes, key learning and what visitors intend to apply. It is public.")


class CheckInForm(GovukForm):
    applied = forms.CharField(label="What have you applied so far?", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    obstacles = forms.CharField(label="What stands in the way?", required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    wants_help = forms.BooleanField(label="I would like help from the programme team",
                                    required=False)
    help_note = forms.CharField(label="What help would be useful?", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class AcknowledgeForm(GovukForm):
    name = forms.CharField(label="Your name", max_length=150)


class ProgrammeYearForm(GovukModelForm):
    class Meta:
        model = ProgrammeYear
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class MemberForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class VisitFilterForm(GovukForm):
    when = forms.ChoiceField(label="Show", required=False, widget=forms.RadioSelect, choices=[
        ("planned", "Planned visits"), ("previous", "Previous visits")])
    q = forms.CharField(label="Host, theme or title", required=False, max_length=100)
