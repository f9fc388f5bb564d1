"""The visits programme's forms, all rendered with the GOV.UK Design System."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from exchange.common.forms import GovukForm, GovukModelForm, RepeatedGroup, in_messages, ordinal
from exchange.people.models import Organisation

from .enums import Place
from .models import HostOffer, ProgrammeYear, Visit
from .validators import MAX_CAPACITY

VISITOR_ROWS = 6
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _bound(field, low, high):
    field.validators = [v for v in field.validators
                        if not isinstance(v, MinValueValidator | MaxValueValidator)]
    field.validators += [MinValueValidator(low), MaxValueValidator(high)]


class VisitForm(GovukModelForm):
    class Meta:
        model = Visit
        fields = ["programme_year", "theme", "title", "host_organisation", "host_contact_name",
                  "host_contact_email", "description", "venue", "date", "capacity",
                  "min_per_force", "applications_open", "applications_close", "key_questions"]
        labels = {"host_organisation": "Host organisation", "min_per_force":
                  "Minimum group per visiting force", "applications_open": "Applications open",
                  "applications_close": "Applications close", "date": "Date of the visit",
                  "capacity": "Number of places"}
        widgets = {"date": DATE, "applications_open": DATETIME, "applications_close": DATETIME,
                   "description": forms.Textarea(attrs={"rows": 5}),
                   "key_questions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_year"].required = False
        self.fields["programme_year"].help_text = "Leave empty for the current programme year."
        self.fields["host_organisation"].queryset = Organisation.objects.order_by("name")
        in_messages(self.fields["applications_open"], "the date and time applications open")
        in_messages(self.fields["applications_close"], "the date and time applications close")
        # The bounds the model's constraints and validate_visit() keep, said in the field's words.
        _bound(self.fields["capacity"], 1, MAX_CAPACITY)
        _bound(self.fields["min_per_force"], 1, MAX_CAPACITY)


class HostOfferForm(GovukModelForm):
    class Meta:
        model = HostOffer
        fields = ["organisation_name", "contact_name", "contact_email", "theme", "practice",
                  "possible_dates"]
        widgets = {"practice": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_messages(self.fields["practice"], "what visitors would see and learn")
        in_messages(self.fields["possible_dates"], "the dates you could host")


ROW_PARTS = ("email", "role", "questions")
# A visitor's email address and role are needed once anything in their row is filled in, so
# the labels do not say "(optional)"; the rows themselves are, beyond the visit's minimum group.
NEEDED_IN_A_ROW = ("email", "role")


def _visitor_fields():
    fields = {}
    for n in range(1, VISITOR_ROWS + 1):
        visitor = f"the {ordinal(n)} visitor"
        fields[f"visitor_{n}_email"] = in_messages(
            forms.EmailField(label="Email address", required=False),
            f"the email address of {visitor}")
        fields[f"visitor_{n}_role"] = in_messages(forms.CharField(
            label="Role", required=False, max_length=200,
            help_text="For example: detective inspector, or research fellow."),
            f"the role of {visitor}")
        fields[f"visitor_{n}_questions"] = in_messages(forms.CharField(
            label="Questions they want answered", required=False,
            widget=forms.Textarea(attrs={"rows": 3}), help_text="One a line."),
            f"the questions {visitor} wants answered")
        for part in NEEDED_IN_A_ROW:
            fields[f"visitor_{n}_{part}"].needed_in_group = True
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

    def clean(self):
        data = super().clean()
        # A row with anything in it needs its email address and role: said here, on the row,
        # the message can name which visitor it is.
        for n in range(1, VISITOR_ROWS + 1):
            names = [f"visitor_{n}_{part}" for part in ROW_PARTS]
            if any(name in self.errors for name in names):
                continue
            if not any((data.get(name) or "").strip() for name in names):
                continue
            for part in NEEDED_IN_A_ROW:
                name = f"visitor_{n}_{part}"
                if not (data.get(name) or "").strip():
                    self.add_error(name, self.fields[name].error_messages["required"])
        return data

    def rows(self):
        """The filled-in rows as the domain's dicts, and each row's form number."""
        rows, numbers = [], []
        for n in range(1, VISITOR_ROWS + 1):
            row = {key: self.cleaned_data.get(f"visitor_{n}_{key}", "") for key in ROW_PARTS}
            if any(value.strip() for value in row.values()):
                rows.append(row)
                numbers.append(n)
        self.numbers = tuple(numbers)
        return rows, numbers

    def row_groups(self):
        return [[self[f"visitor_{n}_{key}"] for key in ROW_PARTS]
                for n in range(1, VISITOR_ROWS + 1)]

    def repeated_groups(self):
        # The domain numbers the visitors it was given; rows() remembers which rows they were.
        return {"visitors": RepeatedGroup(pattern="visitor_{number}_{part}", first_part="email",
                                          numbers=getattr(self, "numbers", ()), rows=VISITOR_ROWS)}


# Built with type() to declare the six rows' fields; __module__ says where, as a class
# statement would (the forms metaclass would otherwise name django's module).
ApplicationForm = type("ApplicationForm", (ApplicationFormBase,),
                       {"__module__": __name__, **_visitor_fields()})


class NoteForm(GovukForm):
    note = forms.CharField(label="Note for the record", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AdjustPlaceForm(GovukForm):
    place = in_messages(forms.ChoiceField(label="Change to", widget=forms.RadioSelect, choices=[
        (Place.PLACED, "Give a place"), (Place.WAITING, "Move to the waiting list")]),
        "whether to give a place or move to the waiting list")
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="It is kept in the visit's history.")


class PreparationCallForm(GovukForm):
    starts_at = in_messages(forms.DateTimeField(label="Date and time", widget=DATETIME),
                            "the date and time of the call")
    duration_minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=480,
                                          initial=60)
    joining_details = forms.CharField(label="How to join", widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text="Shown only to visitors with a place.")


class MaterialForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    file = forms.FileField(label="File", required=False,
                           help_text="PDF, Word, PowerPoint, Excel, text or image, up to 10 MB.")
    link = in_messages(forms.URLField(label="Or a link", required=False, assume_scheme="https"),
                       "the link")

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("link")):
            raise forms.ValidationError("Choose a file or give a link, not both")
        return data


class LearningPointForm(GovukForm):
    question = forms.ChoiceField(
        label="Which of the visit's questions does it answer?", required=False,
        error_messages={"invalid_choice": "Select one of the visit's questions, or none of them"})
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
        labels = {"name": "Name", "starts_on": "Start date", "ends_on": "End date"}


class MemberForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class VisitFilterForm(GovukForm):
    when = in_messages(forms.ChoiceField(
        label="Show", required=False, widget=forms.RadioSelect, choices=[
            ("planned", "Planned visits"), ("previous", "Previous visits")]), "which visits to show")
    q = forms.CharField(label="Host, theme or title", required=False, max_length=100)
