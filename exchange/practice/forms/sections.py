"""The five sections a submission is written in (the GOV.UK task list pattern), and how their
answers are shown on "check your answers", the review page and a revision's list of changes.

Each section is a form whose field names are the content keys
:func:`exchange.practice.domain.save_content` accepts, so a valid form's ``content()`` goes
straight to the domain.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Count

from exchange.common.enums import Region
from exchange.common.forms import GovukForm, in_messages
from exchange.common.models import Topic
from exchange.people.models import Organisation

from ..enums import (
    EVIDENCE_LABEL_EXPLANATIONS,
    DatePrecision,
    EvidenceLabel,
    Focus,
    Recognition,
    Scale,
    Stage,
    Visibility,
)
from ..models import MARKDOWN_FIELDS
from .fields import HintedChoiceField, LinesField, LinksField

MARKDOWN_HINT = ("You can use Markdown: leave a blank line between paragraphs, start a line with "
                 "* for a bullet point, and put **two stars** around words to make them bold.")

LABELS = {
    "title": "Title",
    "summary": "One-line summary",
    "evidence_label": "Did it work?",
    "stage": "How far has it been tested?",
    "focus": "What is it about?",
    "topics": "Topics",
    "scale": "Scale",
    "target_groups": "Who is it for?",
    "start_date": "When did it start?",
    "organisation": "Organisation that ran it",
    "region": "Region",
    "partners": "Partners",
    "contact_name": "Contact name",
    "contact_email": "Contact email address",
    "aim": "Aim",
    "intended_outcome": "Intended outcome",
    "description": "Description",
    "results": "Results",
    "effect": "Effect: what difference did it make?",
    "mechanism": "Mechanism: why does it work?",
    "moderators": "Context: where and for whom does it work?",
    "implementation": "Implementation: what did it take?",
    "economic_cost": "Cost: what did it cost, and what did it save?",
    "recognition": "Recognition",
    "links": "Links",
    "source_url": "Source web address",
    "visibility": "Who can read it?",
}

CHOICES = {
    "evidence_label": EvidenceLabel, "stage": Stage, "scale": Scale, "region": Region,
    "visibility": Visibility, "focus": Focus, "recognition": Recognition,
}

VISIBILITY_HINTS = {
    Visibility.PUBLIC: "Anyone can read it, including the public.",
    Visibility.MEMBERS: "Only signed-in members of police forces and partner organisations.",
}


def _text(name, *, required=False, hint="", markdown=False, rows=6, required_message=""):
    if markdown:
        hint = f"{hint} {MARKDOWN_HINT}".strip()
    return forms.CharField(
        label=LABELS[name], required=required, help_text=hint, strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message or f"Enter {LABELS[name].lower()}"})


class SectionForm(GovukForm):
    """A section of a submission. Its field names are content keys unless said otherwise."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from(cls, content):
        return {name: content.get(name) for name in cls.base_fields if name in content}

    def content(self):
        return {name: self.cleaned_data[name] for name in self.fields
                if name in self.cleaned_data}


class AboutForm(SectionForm):
    title = forms.CharField(
        label=LABELS["title"], max_length=200,
        help_text="Say what the practice does, for example “Knife crime talks in secondary schools”.",
        error_messages={"required": "Enter a title"})
    summary = forms.CharField(
        label=LABELS["summary"], max_length=300,
        help_text="One sentence: what it is and what it achieved.",
        error_messages={"required": "Enter a one-line summary"})
    evidence_label = in_messages(HintedChoiceField(
        label=LABELS["evidence_label"], choices=EvidenceLabel.choices,
        hints=EVIDENCE_LABEL_EXPLANATIONS,
        help_text="Choose the label the evidence supports. A reviewer may suggest another.",
        error_messages={"required": "Choose whether it worked"}), "whether it worked")
    stage = in_messages(forms.ChoiceField(
        label=LABELS["stage"], choices=Stage.choices, required=False, widget=forms.RadioSelect),
        "how far it has been tested")


class TopicChoiceField(forms.ModelMultipleChoiceField):
    """Topics as checkboxes, the ones most entries use first, each saying how many use it."""

    def label_from_instance(self, topic):
        uses = getattr(topic, "uses", 0)
        if not uses:
            return topic.name
        return f"{topic.name} ({uses} entr{'y' if uses == 1 else 'ies'})"


def topics_by_use():
    """Every topic, the ones on most entries first, so the likely choices are at the top."""
    return (Topic.objects.annotate(uses=Count("practices", distinct=True))
            .order_by("-uses", "name"))


class FocusForm(SectionForm):
    focus = in_messages(forms.MultipleChoiceField(
        label=LABELS["focus"], choices=Focus.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply."),
        "what it is about")
    topics = TopicChoiceField(
        label=LABELS["topics"], queryset=Topic.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, template_name="practice/submit/fields/topics.html",
        help_text="Select all that apply. The topics most entries use come first.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics_by_use()


class ScaleForm(SectionForm):
    scale = forms.ChoiceField(
        label=LABELS["scale"], choices=Scale.choices, required=False, widget=forms.RadioSelect)
    target_groups = LinesField(
        label=LABELS["target_groups"], required=False,
        help_text="One group on each line, for example “Young people aged 11 to 16”.")
    start_day = in_messages(forms.IntegerField(
        label="Day", required=False, min_value=1, max_value=31,
        widget=forms.TextInput(attrs={"class": "govuk-date-input__input govuk-input--width-2",
                                      "inputmode": "numeric"})), "the day it started")
    start_month = in_messages(forms.IntegerField(
        label="Month", required=False, min_value=1, max_value=12,
        widget=forms.TextInput(attrs={"class": "govuk-date-input__input govuk-input--width-2",
                                      "inputmode": "numeric"})), "the month it started")
    start_year = in_messages(forms.IntegerField(
        label="Year", required=False, min_value=1900, max_value=2100,
        widget=forms.TextInput(attrs={"class": "govuk-date-input__input govuk-input--width-4",
                                      "inputmode": "numeric"})), "the year it started")

    DATE_PARTS = ("start_day", "start_month", "start_year")
    # The domain knows one start date; the form asks for it in three boxes, led by the day.
    domain_error_fields = {"start_date": "start_day", "start_date_precision": "start_day"}

    @property
    def date_parts(self):
        return [self[name] for name in self.DATE_PARTS]

    @classmethod
    def initial_from(cls, content):
        initial = super().initial_from(content)
        start, precision = content.get("start_date"), content.get("start_date_precision")
        if start:
            initial["start_year"] = start.year
            if precision in {DatePrecision.MONTH, DatePrecision.DAY}:
                initial["start_month"] = start.month
            if precision == DatePrecision.DAY:
                initial["start_day"] = start.day
        return initial

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in self.DATE_PARTS):
            return data
        day, month, year = (data.get(name) for name in self.DATE_PARTS)
        if year is None and (day or month):
            self.add_error("start_year", "Enter the year it started")
        elif day and not month:
            self.add_error("start_month", "Enter the month it started, or leave out the day")
        elif year is not None:
            try:
                data["start_date"] = datetime.date(year, month or 1, day or 1)
            except ValueError:
                self.add_error("start_day", "The start date must be a real date")
                return data
            data["start_date_precision"] = (
                DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR)
            if data["start_date"] > datetime.date.today():
                self.add_error("start_year", "The start date must be today or in the past")
        else:
            data["start_date"] = None
        return data

    def content(self):
        data = {name: value for name, value in super().content().items()
                if name not in self.DATE_PARTS}
        data["start_date"] = self.cleaned_data.get("start_date")
        data["start_date_precision"] = self.cleaned_data.get(
            "start_date_precision", DatePrecision.DAY)
        return data


class WhoForm(SectionForm):
    organisation = forms.ModelChoiceField(
        label=LABELS["organisation"], queryset=Organisation.objects.all(),
        error_messages={"required": "Choose the organisation that ran the practice"})
    region = forms.ChoiceField(
        label=LABELS["region"], choices=[("", "The organisation's region"), *Region.choices],
        required=False, help_text="Leave this as it is unless the practice ran somewhere else.")
    partners = LinesField(
        label=LABELS["partners"], required=False,
        help_text="Organisations that worked with you, one on each line, for example "
                  "“Kent County Council”.")
    contact_name = forms.CharField(
        label=LABELS["contact_name"], max_length=150, required=False,
        help_text="Someone other forces can ask about the practice. Shown on the entry.")
    contact_email = forms.EmailField(
        label=LABELS["contact_email"], required=False,
        error_messages={"invalid": "Enter an email address like name@force.police.uk"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.initial.get("organisation") and self.user is not None:
            self.initial["organisation"] = getattr(self.user, "organisation", None)

    @classmethod
    def initial_from(cls, content):
        initial = super().initial_from(content)
        organisation = content.get("organisation")
        # The region was filled in from the organisation: keep it following the organisation.
        if organisation is not None and initial.get("region") == organisation.region:
            initial["region"] = ""
        return initial


class WhatForm(SectionForm):
    aim = _text("aim", hint="What problem were you trying to solve?", markdown=True, rows=4)
    intended_outcome = _text("intended_outcome", hint="What did you hope would change, and for "
                             "whom?", markdown=True, rows=4)
    description = _text(
        "description", required=True, markdown=True, rows=10,
        hint="What was done, by whom, how often and with what. Write enough for another force "
             "to copy it.",
        required_message="Describe the practice")


class EvidenceForm(SectionForm):
    results = _text("results", hint="What happened: numbers, findings, what people said.",
                    markdown=True)
    effect = _text("effect", markdown=True,
                   hint="What changed because of the practice, how big the change was, and how "
                        "sure you are it was the practice and not something else.")
    mechanism = _text("mechanism", required=True, markdown=True,
                      hint="Why it works (or did not): what it changes in people's behaviour or "
                           "circumstances that leads to the result.",
                      required_message="Say why it works or did not: the mechanism")
    moderators = _text("moderators", markdown=True,
                       hint="The places, people and conditions it worked in, and any where it "
                            "did not. Would it work in a city and a rural area alike?")
    implementation = _text("implementation", required=True, markdown=True,
                           hint="What it took to put in place: staff, training, partners, "
                                "systems, time, and what got in the way.",
                           required_message="Say what it took to put in place: implementation")
    economic_cost = _text("economic_cost", markdown=True,
                          hint="What it cost to set up and run, and anything it saved. Rough "
                               "figures are better than none.")


class RecognitionForm(SectionForm):
    recognition = forms.MultipleChoiceField(
        label=LABELS["recognition"], choices=Recognition.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select any that recognised this practice.")
    links = LinksField(
        label=LABELS["links"], required=False,
        help_text="Web pages about the practice, such as an evaluation report, one on each line.")
    source_url = forms.URLField(
        label=LABELS["source_url"], required=False, max_length=500, assume_scheme="https",
        help_text="Where this entry first appeared, if it came from an inspection report or "
                  "another site.",
        error_messages={"invalid": "Enter a web address like https://www.example.org"})
    visibility = HintedChoiceField(
        label=LABELS["visibility"], choices=Visibility.choices, hints=VISIBILITY_HINTS,
        initial=Visibility.PUBLIC, error_messages={"required": "Choose who can read it"})


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form_class: type
    fields: tuple
    required: tuple = ()


SECTIONS = [
    Section("about", "About the practice", AboutForm,
            ("title", "summary", "evidence_label", "stage"),
            ("title", "summary", "evidence_label")),
    Section("focus", "Focus and topics", FocusForm, ("focus", "topics")),
    Section("scale", "Who it is for, scale and start date", ScaleForm,
            ("scale", "target_groups", "start_date")),
    Section("who", "Who ran it", WhoForm,
            ("organisation", "region", "partners", "contact_name", "contact_email"),
            ("organisation",)),
    Section("what", "What was done", WhatForm,
            ("aim", "intended_outcome", "description"), ("description",)),
    Section("evidence", "Results and evidence", EvidenceForm,
            ("results", "effect", "mechanism", "moderators", "implementation", "economic_cost"),
            ("mechanism", "implementation")),
    Section("recognition", "Recognition and who can read it", RecognitionForm,
            ("recognition", "links", "source_url", "visibility")),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
SECTION_OF_FIELD = {name: section.slug for section in SECTIONS for name in section.fields}

COMPLETED, INCOMPLETE, NOT_STARTED = "Completed", "Incomplete", "Not yet started"


def is_filled(content, name):
    value = content.get(name)
    return value not in (None, "", [], ())


def section_status(section, content, *, edited, is_revision):
    """Completed, Incomplete or Not yet started, for the task list.

    A section with nothing required counts as started once it was saved, so that leaving it
    empty on purpose still completes it.
    """
    started = (is_revision or section.slug in edited
               or any(is_filled(content, name) for name in section.fields if name != "visibility"))
    if not started:
        return NOT_STARTED
    if all(is_filled(content, name) for name in section.required):
        return COMPLETED
    return INCOMPLETE


def display_value(content, name):
    """A content value as people read it: a string, a list of strings, or None when empty."""
    value = content.get(name)
    if name == "start_date":
        return _display_date(value, content.get("start_date_precision"))
    if not is_filled(content, name):
        return None
    if name in CHOICES:
        labels = dict(CHOICES[name].choices)
        return [labels.get(v, v) for v in value] if isinstance(value, list) else labels.get(value, value)
    if name == "topics":
        return [topic.name for topic in value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _display_date(value, precision):
    if not value:
        return None
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value:%B %Y}"


def answer_rows(section, content, missing=()):
    """The rows of a "check your answers" summary list for one section."""
    return [{
        "name": name,
        "label": LABELS[name],
        "value": display_value(content, name),
        "is_list": isinstance(display_value(content, name), list),
        "markdown": name in MARKDOWN_FIELDS,
        "missing": missing.get(name) if missing else None,
    } for name in section.fields]


def changed_rows(content, live_content):
    """The fields a revision changes, with the live value and the proposed one."""
    rows = []
    for section in SECTIONS:
        for name in section.fields:
            old, new = display_value(live_content, name), display_value(content, name)
            if old != new:
                rows.append({"label": LABELS[name], "values": [old, new],
                             "is_list": isinstance(old, list) or isinstance(new, list),
                             "markdown": name in MARKDOWN_FIELDS})
    return rows
