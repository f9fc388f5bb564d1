"""The forms of peer matching: asking to join, forming a group, the guide, submissions, host days
and reports. Each hands its checked data to a function of ``domain.matching``."""

import datetime

from django import forms
from django.utils import timezone

from exchange.common.forms import GovukForm, in_messages
from exchange.common.models import Topic
from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation

POLICE = (OrganisationType.TERRITORIAL_POLICE, OrganisationType.NATIONAL_POLICE,
          OrganisationType.OTHER_UK_POLICE)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def forces():
    return Organisation.objects.filter(type__in=POLICE, reviewed=True).order_by("name")


class JoinForm(GovukForm):
    topic = forms.ModelChoiceField(label="Topic", queryset=Topic.objects.order_by("name"),
                                   empty_label="Choose a topic",
                                   help_text="Your force joins the next group on this topic.")
    note = forms.CharField(label="Anything organisers should know (optional)", required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class GroupForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example, “Problem solving, autumn group”.")
    topic = forms.ModelChoiceField(label="Topic", queryset=Topic.objects.order_by("name"),
                                   empty_label="Choose a topic")
    organisations = in_messages(forms.ModelMultipleChoiceField(
        label="Forces", queryset=forces(), widget=forms.CheckboxSelectMultiple,
        help_text="Usually four. Forces that asked to join are listed above; any force may be "
                  "chosen."), "the forces in the group")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = forces()


class NoteForm(GovukForm):
    note = forms.CharField(label="Note for the record (optional)", required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(GovukForm):
    text = forms.CharField(label="Your question", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="A core question every force answers in its submission.")


class CommentForm(GovukForm):
    text = forms.CharField(label="Your comment", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class SubmissionForm(GovukForm):
    """One answer per question of the guide (``question_<id>``), and the processes or
    activities the force wants to see."""

    interests = forms.CharField(
        label="Processes or activities you would like to see (optional)", required=False,
        max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="On the host days, the other forces can show you these.")

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, start=1):
            field = forms.CharField(label=f"{number}. {question.text}", required=False,
                                    max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
            field.widget.attrs["class"] = "govuk-textarea"
            self.fields[f"question_{question.pk}"] = in_messages(
                field, f"your answer to question {number}")
        self.order_fields([name for name in self.fields if name != "interests"] + ["interests"])

    def answers(self):
        return {int(name.removeprefix("question_")): value
                for name, value in self.cleaned_data.items() if name.startswith("question_")}


class HostDayForm(GovukForm):
    host = forms.ModelChoiceField(label="Host force", queryset=Organisation.objects.none(),
                                  empty_label="Choose the host")
    date = in_messages(forms.DateField(label="Date", widget=DATE), "the date of the host day")
    starts = in_messages(forms.TimeField(label="Starts at", widget=TIME, initial="10:00",
                                         help_text="UK time, for example 10:00."),
                         "the start time")
    ends = in_messages(forms.TimeField(label="Ends at", widget=TIME, initial="15:00"),
                       "the end time")
    online = forms.BooleanField(label="The workshop is online", required=False)
    venue = forms.CharField(label="Venue (unless online)", required=False, max_length=300)
    joining_details = forms.CharField(label="Joining details", required=False, max_length=2000,
                                      widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text="The link for an online workshop, or where to go "
                                                "and who to ask for.")
    attendees = forms.CharField(label="Who attends (optional)", required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}))
    domain_error_fields = {"starts_at": "starts", "ends_at": "ends"}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["host"].queryset = Organisation.objects.filter(
                pk__in=group.forces.values("organisation_id")).order_by("name")

    def clean(self):
        data = super().clean()
        date = data.get("date")
        if date and not datetime.date(2000, 1, 1) <= date <= datetime.date(2100, 1, 1):
            self.add_error("date", "Enter the date of the host day as a real date")
        return data

    def times(self):
        """The start and end as aware datetimes in the Exchange's zone (Europe/London)."""
        data = self.cleaned_data
        return (timezone.make_aware(datetime.datetime.combine(data["date"], data["starts"])),
                timezone.make_aware(datetime.datetime.combine(data["date"], data["ends"])))


class HostReportForm(GovukForm):
    report = forms.CharField(label="Report of the host day", required=False, max_length=50000,
                             widget=forms.Textarea(attrs={"rows": 12}),
                             help_text="Markdown: ## for a heading, - for a list item.")
    share = forms.BooleanField(label="Share it with the group", required=False)


class OverallReportForm(GovukForm):
    text = forms.CharField(label="Overall report", max_length=100000,
                           widget=forms.Textarea(attrs={"rows": 24}),
                           help_text="Markdown: ## for a heading, - for a list item. The draft "
                                     "groups the forces' answers to each question.")
