"""The words and states of the small grants scheme, and each state table (declared once)."""

from django.db import models


class CallStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    ASSESSING = "assessing", "Being assessed"
    DECIDED = "decided", "Decided"


CALL_TRANSITIONS = {
    "open": ({CallStatus.DRAFT}, CallStatus.OPEN),
    "close_for_assessment": ({CallStatus.OPEN}, CallStatus.ASSESSING),
    "finish": ({CallStatus.ASSESSING}, CallStatus.DECIDED),
}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    FUNDED = "funded", "Funded"
    NOT_FUNDED = "not_funded", "Not funded"
    WITHDRAWN = "withdrawn", "Withdrawn"


APPLICATION_TRANSITIONS = {
    "submit": ({ApplicationStatus.DRAFT}, ApplicationStatus.SUBMITTED),
    "withdraw": ({ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED},
                 ApplicationStatus.WITHDRAWN),
    "fund": ({ApplicationStatus.SUBMITTED}, ApplicationStatus.FUNDED),
    "not_fund": ({ApplicationStatus.SUBMITTED}, ApplicationStatus.NOT_FUNDED),
}
# The applications a panel assesses and the ranking table lists.
ASSESSED_STATES = (ApplicationStatus.SUBMITTED, ApplicationStatus.FUNDED,
                   ApplicationStatus.NOT_FUNDED)

MIN_SCORE = 0
MAX_SCORE = 5
