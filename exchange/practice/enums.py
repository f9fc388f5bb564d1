from django.db import models


class EvidenceLabel(models.TextChoices):
    WORKED = "worked", "Worked"
    PROMISING = "promising", "Promising"
    NEW_INNOVATIVE = "new_innovative", "New or innovative"
    DIDNT_WORK = "didnt_work", "Didn't work"


# Plain words for the public, shown beside each label.
EVIDENCE_LABEL_EXPLANATIONS = {
    EvidenceLabel.WORKED: "There is good evidence that this practice achieved what it set out to "
    "do, usually from an evaluation that compared it with what happened without it.",
    EvidenceLabel.PROMISING: "There are early signs that this practice works, but the evidence is "
    "not yet strong enough to be sure. It is worth trying and evaluating.",
    EvidenceLabel.NEW_INNOVATIVE: "This is a new approach that has not yet been evaluated. It may "
    "give ideas, but nobody knows yet whether it works.",
    EvidenceLabel.DIDNT_WORK: "This practice was tried and the evidence shows it did not achieve "
    "what it set out to do. Knowing that saves others the same effort.",
}


class Stage(models.TextChoices):
    UNTESTED = "untested", "Untested"
    EVALUATED_LOCALLY = "evaluated_locally", "Evaluated locally"
    INDEPENDENTLY_EVALUATED = "independently_evaluated", "Independently evaluated"


class Focus(models.TextChoices):
    PREVENTION = "prevention", "Prevention"
    DIVERSION = "diversion", "Diversion"
    REOFFENDING = "reoffending", "Reoffending"
    ORGANISATIONAL = "organisational", "Organisational"
    INVESTIGATION = "investigation", "Investigation"


class Scale(models.TextChoices):
    LOCAL = "local", "Local"
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"


class Recognition(models.TextChoices):
    HMICFRS_INSPECTION = "hmicfrs_inspection", "HMICFRS inspection"
    SMARTER_PRACTICE = "smarter_practice", "Smarter practice review"
    TILLEY_AWARD = "tilley_award", "Tilley award"
    POLICE_STAR_FUND = "police_star_fund", "Police STAR Fund"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Signed-in members only"


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    MERGED = "merged", "Merged into the published entry"


# The one table of allowed transitions: action -> (from states, to state).
PRACTICE_TRANSITIONS = {
    "submit": ({PracticeStatus.DRAFT}, PracticeStatus.SUBMITTED),
    "resubmit": ({PracticeStatus.CHANGES_REQUESTED}, PracticeStatus.SUBMITTED),
    "start_review": ({PracticeStatus.SUBMITTED}, PracticeStatus.IN_REVIEW),
    "request_changes": ({PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW},
                        PracticeStatus.CHANGES_REQUESTED),
    "publish": ({PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW}, PracticeStatus.PUBLISHED),
    "decline": ({PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW}, PracticeStatus.DECLINED),
    "withdraw": ({PracticeStatus.PUBLISHED}, PracticeStatus.WITHDRAWN),
    "merge": ({PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW}, PracticeStatus.MERGED),
}
