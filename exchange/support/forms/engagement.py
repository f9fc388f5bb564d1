"""Forms of the engagement: dates and agenda, documents, the report, the action plan, the
progress review, feedback and the anonymised summary. Each hands its checked values to a domain
function (``form.carry_out``)."""

import re

from django import forms

from exchange.common.forms import GovukForm, in_messages

from ..enums import ActionStatus, Rating

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EngagementForm(GovukForm):
    starts_on = forms.DateField(label="First day", required=False, widget=DATE)
    ends_on = forms.DateField(label="Last day", required=False, widget=DATE)
    agenda = forms.CharField(label="Agenda", required=False,
                             widget=forms.Textarea(attrs={"rows": 8}),
                             help_text="Who the team meets, and when. Markdown: - for lists.")


class DocumentForm(GovukForm):
    title = forms.CharField(label="Title", required=False, max_length=200,
                            help_text="Leave empty to use the file's name.")
    file = in_messages(forms.FileField(
        label="File", help_text="PDF, Word, Excel, PowerPoint, text or an image, up to 10 MB. "
                                "Only the team, the force's leads and the programme team can open it."),
        "a file to share")


# A recommendation is a paragraph of its own: an empty line starts the next one.
PARAGRAPHS = re.compile(r"\n\s*\n")


class ReportForm(GovukForm):
    findings = forms.CharField(label="Findings", widget=forms.Textarea(attrs={"rows": 16}),
                               help_text="What the team found. Markdown: ## for headings, - for lists.")
    recommendations = forms.CharField(
        label="Recommendations", widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Write each recommendation as a paragraph of its own, with an empty line "
                  "between them. They are numbered in this order.")

    def recommendation_list(self):
        text = self.cleaned_data.get("recommendations", "").replace("\r\n", "\n")
        return [" ".join(part.split()) for part in PARAGRAPHS.split(text) if part.strip()]

    @staticmethod
    def initial_from(request):
        return {"findings": request.findings, "recommendations": "\n\n".join(
            item.text for item in request.recommendations.order_by("number"))}


class ActionForm(GovukForm):
    action = forms.CharField(label="What the force will do",
                             widget=forms.Textarea(attrs={"rows": 4}))
    owner = forms.CharField(label="Who is responsible", max_length=200,
                            help_text="A role or a name.")
    due_on = forms.DateField(label="By when", required=False, widget=DATE)
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices,
                               widget=forms.RadioSelect, initial=ActionStatus.NOT_STARTED)
    progress = forms.CharField(label="Progress so far", required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))


class MoveReviewForm(GovukForm):
    due_on = in_messages(forms.DateField(label="New date of the progress review", widget=DATE),
                         "the new date of the progress review")


class HeldReviewForm(GovukForm):
    held_on = in_messages(forms.DateField(label="Date it was held", widget=DATE),
                          "the date the review was held")
    notes = forms.CharField(label="What the review found", widget=forms.Textarea(attrs={"rows": 8}))


class CloseForm(GovukForm):
    note = forms.CharField(label="Anything to record about closing it", required=False,
                           max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(GovukForm):
    rating = forms.TypedChoiceField(label="How good was the support?", coerce=int,
                                    choices=Rating.choices, widget=forms.RadioSelect)
    what_changed = forms.CharField(label="What has the force changed because of it?",
                                   widget=forms.Textarea(attrs={"rows": 6}))


class SummaryForm(GovukForm):
    public_summary = forms.CharField(
        label="Anonymised summary", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="A few sentences others can learn from. Name no force, person or place the "
                  "force has not agreed to. Changing it asks the force to consent again.")


class ConsentForm(GovukForm):
    consent = forms.TypedChoiceField(
        label="Do you consent to publishing this summary?", widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, it can be published as it stands"),
                 ("no", "No, do not publish it")])
