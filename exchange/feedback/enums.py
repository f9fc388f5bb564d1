"""The reasons a person may give for a page not being useful (GOV.UK's feedback component's)."""

from django.db import models


class Reason(models.TextChoices):
    NOT_FOUND = "not_found", "I couldn't find what I was looking for"
    NOT_RELEVANT = "not_relevant", "The information wasn't relevant to me"
    TOO_COMPLICATED = "too_complicated", "The information is too complicated"
    OTHER = "other", "Other"


# How the report's table heads name each reason, where the full wording is too wide.
SHORT_LABELS = {
    Reason.NOT_FOUND: "Couldn't find it",
    Reason.NOT_RELEVANT: "Not relevant",
    Reason.TOO_COMPLICATED: "Too complicated",
    Reason.OTHER: "Other",
}
