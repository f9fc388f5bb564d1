"""The forms of the pool of peers: applying, the profile, availability, staff decisions and
appointments, the pool's filters and the time a peer gave to an engagement."""

from django import forms

from exchange.common.forms import GovukForm, RepeatedGroup, in_messages, ordinal
from exchange.common.models import Topic
from exchange.people.models import Organisation

from ..domain.peers import MAX_DAYS_PER_QUARTER
from ..enums import DEFAULT_DAYS_PER_QUARTER, PeerKind, PeerStatus, Sector

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ABSENCE_ROWS = 3
CONFLICT_ROWS = 3


def _organisations():
    return Organisation.objects.reviewed().order_by("name")


class ProfileFormBase(GovukForm):
    """What a peer says about themself: applying, editing the profile, and staff appointing."""

    expertise = forms.ModelMultipleChoiceField(
        label="What you know well", queryset=Topic.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every topic you could help a force with.")
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), required=False,
        empty_label="Not listed", help_text="Where you work now.")
    organisation_name = forms.CharField(
        label="If your organisation is not listed, its name", required=False, max_length=200,
        help_text="Type it as you would say it, for example “Calm Minds (with Avon NHS Trust)”.")
    rank_or_grade = forms.CharField(label="Rank or grade", required=False, max_length=120,
                                    help_text="For example: chief inspector, or police staff grade 7.")
    statement = forms.CharField(
        label="What you could bring to a force", max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences: what you have done and what you could help with.")
    days_per_quarter = forms.IntegerField(
        label="Days a quarter you could give", min_value=1, max_value=MAX_DAYS_PER_QUARTER,
        initial=DEFAULT_DAYS_PER_QUARTER, widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))
    can_travel = forms.BooleanField(label="I can travel to other forces", required=False,
                                    initial=True)

    domain_error_fields = {"conflicts": "conflict_1_organisation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()
        in_messages(self.fields["expertise"], "at least one topic you know well")
        in_messages(self.fields["statement"], "what you could bring to a force")
        in_messages(self.fields["days_per_quarter"], "the days a quarter you could give")
        for n in range(1, CONFLICT_ROWS + 1):
            if f"conflict_{n}_organisation" in self.fields:
                self.fields[f"conflict_{n}_organisation"].queryset = _organisations()

    @staticmethod
    def initial_from(peer):
        conflicts = list(peer.conflicts.select_related("organisation"))
        initial = {"expertise": list(peer.expertise.all()), "sector": peer.sector,
                   "organisation": peer.organisation,
                   "organisation_name": peer.organisation_name,
                   "rank_or_grade": peer.rank_or_grade, "statement": peer.statement,
                   "days_per_quarter": peer.days_per_quarter, "can_travel": peer.can_travel}
        for n, conflict in enumerate(conflicts[:CONFLICT_ROWS], start=1):
            initial[f"conflict_{n}_organisation"] = conflict.organisation
            initial[f"conflict_{n}_reason"] = conflict.reason
        return initial

    def conflict_rows(self):
        return [[self[f"conflict_{n}_organisation"], self[f"conflict_{n}_reason"]]
                for n in range(1, CONFLICT_ROWS + 1)]

    def _conflicts(self):
        numbers, pairs = [], []
        for n in range(1, CONFLICT_ROWS + 1):
            organisation = self.cleaned_data.get(f"conflict_{n}_organisation")
            reason = self.cleaned_data.get(f"conflict_{n}_reason", "")
            if organisation is not None or reason.strip():
                numbers.append(n)
                pairs.append((organisation, reason))
        return numbers, pairs

    def repeated_groups(self):
        groups = {}
        if hasattr(self, "cleaned_data"):
            groups["conflicts"] = RepeatedGroup("conflict_{number}_{part}",
                                                tuple(self._conflicts()[0]), "organisation",
                                                CONFLICT_ROWS)
        return groups

    def profile(self):
        """The keyword arguments of the domain's ``check_profile``."""
        data = self.cleaned_data
        return {"expertise": list(data["expertise"]), "sector": data["sector"],
                "organisation": data.get("organisation"),
                "organisation_name": data.get("organisation_name", ""),
                "rank_or_grade": data.get("rank_or_grade", ""), "statement": data["statement"],
                "days_per_quarter": data["days_per_quarter"],
                "can_travel": data.get("can_travel", False), "conflicts": self._conflicts()[1]}


def _conflict_fields():
    fields = {}
    for n in range(1, CONFLICT_ROWS + 1):
        which = f"the {ordinal(n)} conflict"
        fields[f"conflict_{n}_organisation"] = in_messages(forms.ModelChoiceField(
            label="Organisation", queryset=Organisation.objects.none(), required=False,
            empty_label="None"), f"the organisation of {which}")
        fields[f"conflict_{n}_reason"] = in_messages(forms.CharField(
            label="Why", required=False, max_length=300), f"the reason for {which}")
    return fields


# Built with type() to declare the rows' fields; __module__ says where, as a class statement
# would (the forms metaclass would otherwise name django's module).
ProfileForm = type("ProfileForm", (ProfileFormBase,), {"__module__": __name__,
                                                       **_conflict_fields()})


def _absence_fields():
    fields = {}
    for n in range(1, ABSENCE_ROWS + 1):
        which = f"the {ordinal(n)} dates away"
        fields[f"away_{n}_starts_on"] = in_messages(forms.DateField(
            label="First day away", required=False, widget=DATE), f"the first day of {which}")
        fields[f"away_{n}_ends_on"] = in_messages(forms.DateField(
            label="Last day away", required=False, widget=DATE), f"the last day of {which}")
    return fields


class ApplicationFormBase(ProfileForm):
    """Becoming a peer: the profile and a few dates away."""

    def absence_rows(self):
        return [[self[f"away_{n}_starts_on"], self[f"away_{n}_ends_on"]]
                for n in range(1, ABSENCE_ROWS + 1)]

    def _absences(self):
        numbers, pairs = [], []
        for n in range(1, ABSENCE_ROWS + 1):
            start = self.cleaned_data.get(f"away_{n}_starts_on")
            end = self.cleaned_data.get(f"away_{n}_ends_on")
            if start or end:
                numbers.append(n)
                pairs.append((start, end))
        return numbers, pairs

    def repeated_groups(self):
        groups = super().repeated_groups()
        if hasattr(self, "cleaned_data"):
            groups["absences"] = RepeatedGroup("away_{number}_{part}",
                                               tuple(self._absences()[0]), "starts_on",
                                               ABSENCE_ROWS)
        return groups

    def absences(self):
        return self._absences()[1]


ApplicationForm = type("ApplicationForm", (ApplicationFormBase,), {"__module__": __name__,
                                                                   **_absence_fields()})


class AppointForm(ApplicationForm):
    """Staff appoint a specialist associate: an existing account, by email address."""

    email = forms.EmailField(label="Their email address",
                             help_text="The address of their account on the Exchange.")

    field_order = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].label = "What they know well"
        self.fields["organisation_name"].label = "If their organisation is not listed, its name"
        self.fields["statement"].label = "What they could bring to a force"
        self.fields["days_per_quarter"].label = "Days a quarter they could give"
        self.fields["can_travel"].label = "They can travel to other forces"
        in_messages(self.fields["statement"], "what they could bring to a force")
        in_messages(self.fields["days_per_quarter"], "the days a quarter they could give")


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("approve", "Approve: add them to the pool"),
                                          ("decline", "Decline")])
    reason = forms.CharField(label="Reason", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="Needed to decline: the applicant reads it in the email.")


class PauseForm(GovukForm):
    until = forms.DateField(label="The day you can be asked again", required=False,
                            widget=DATE, help_text="Leave empty to pause until you resume.")


class AbsenceForm(GovukForm):
    starts_on = forms.DateField(label="First day away", widget=DATE)
    ends_on = forms.DateField(label="Last day away", widget=DATE)


class LeaveForm(GovukForm):
    reason = forms.CharField(label="Why you are leaving", required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Staff read it; it helps them look after the pool.")


class TimeForm(GovukForm):
    days = forms.DecimalField(label="Days", required=False, min_value=0, max_value=99.9,
                              max_digits=3, decimal_places=1,
                              widget=forms.NumberInput(attrs={"class": "govuk-input--width-4",
                                                              "step": "0.5"}))
    hours = forms.DecimalField(label="Hours", required=False, min_value=0, max_value=9999.9,
                               max_digits=5, decimal_places=1,
                               widget=forms.NumberInput(attrs={"class": "govuk-input--width-4",
                                                               "step": "0.5"}))


BLANK = [("", "Any")]


class PoolFilterForm(GovukForm):
    """The pool's filters; status and the name search are for staff only."""

    expertise = forms.ModelChoiceField(label="Knows about", queryset=Topic.objects.none(),
                                       required=False, empty_label="Any topic")
    sector = forms.ChoiceField(label="Sector", choices=BLANK + Sector.choices, required=False)
    kind = forms.ChoiceField(label="Kind", choices=BLANK + PeerKind.choices, required=False)
    available = forms.BooleanField(label="Available now only", required=False)
    status = forms.ChoiceField(label="Status", choices=BLANK + PeerStatus.choices, required=False)
    q = forms.CharField(label="Name or email address", required=False, max_length=200)

    def __init__(self, *args, staff=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = Topic.objects.order_by("name")
        if not staff:
            del self.fields["status"], self.fields["q"]

    def filters(self):
        """The domain's ``pool`` filters; a filter given wrong is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"expertise": data.get("expertise"), "sector": data.get("sector", ""),
                "kind": data.get("kind", ""), "available": bool(data.get("available")),
                "status": data.get("status", ""), "name": (data.get("q") or "").strip()}
