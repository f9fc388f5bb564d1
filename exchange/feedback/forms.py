"""The answer to "Was this page useful?" and the report's filters."""

from django import forms
from django.core.exceptions import ValidationError

from exchange.common.forms import GovukForm

from . import domain
from .enums import Reason
from .models import OTHER_TEXT_MAX_LENGTH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnswerForm(GovukForm):
    """"Yes" (a button named ``useful``) or "No" with its reasons, about the page ``page``.

    Ids start ``page-feedback-`` so the form can sit on any page without clashing with its own.
    """

    page = forms.CharField(widget=forms.HiddenInput, max_length=2000,
                           error_messages={"required": "We could not tell which page your "
                                                       "answer was about.",
                                           "max_length": "We could not tell which page your "
                                                         "answer was about."})
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.HiddenInput,
                               error_messages={"required": "Select Yes or No",
                                               "invalid_choice": "Select Yes or No"})
    reasons = forms.MultipleChoiceField(
        label="Why was the page not useful?", choices=Reason.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select the reasons from the list"})
    other_text = forms.CharField(
        label="Tell us what was wrong", required=False, max_length=OTHER_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"What was wrong must be {OTHER_TEXT_MAX_LENGTH:,} "
                                      "characters or fewer"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "page-feedback-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        # The rules of an answer (the page is ours, "No" has a reason, "Other" has its text) are
        # the domain's (domain.record_answer); carry_out puts its refusals on the fields. The
        # form only reads text typed without ticking "Other" (the box is always shown without
        # JavaScript) as "Other".
        data = super().clean()
        if data.get("useful") == "no" and "reasons" in data \
                and (data.get("other_text") or "").strip():
            reasons = {*data["reasons"], Reason.OTHER.value}
            data["reasons"] = [value for value, _ in Reason.choices if value in reasons]
        return data

    @property
    def page_error(self):
        """The message when the page itself is the problem: nothing the person can fix."""
        problems = self.errors.get("page") or self.errors.get("useful")
        return problems[0] if problems else None

    def checked_path(self):
        """The path answered about, for showing the form again when nothing was recorded (the
        domain checks the page when recording); None, with the refusal on ``page``, when it is
        not one of the Exchange's pages."""
        if self.page_error:
            return None
        try:
            return domain.normalise_path(self.cleaned_data["page"])
        except ValidationError as refused:
            self.add_error("page", refused)
            return None

    def record(self, *, address):
        data = self.cleaned_data
        return domain.record_answer(page=data["page"], useful=data["useful"] == "yes",
                                    reasons=data.get("reasons") or [],
                                    other_text=data.get("other_text", ""), address=address)


class ReportFilterForm(GovukForm):
    since = forms.DateField(label="From", required=False, widget=DATE)
    until = forms.DateField(label="To", required=False, widget=DATE)
    path = forms.CharField(label="Page address contains", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError({"until": "Enter a date on or after the From date"})
        return data

    def filters(self):
        """The checked filters for :func:`domain.answers`; none where the form is invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"since": data.get("since"), "until": data.get("until"),
                "page_contains": (data.get("path") or "").strip()}
