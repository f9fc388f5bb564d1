from django.db import models


class EditorialStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    MERGED = "merged", "Merged into the published version"


# Rows whose text readers see (or once saw): never edited in place, only through a revision.
LOCKED_STATES = frozenset({EditorialStatus.PUBLISHED, EditorialStatus.MERGED})
OPEN_STATES = frozenset({EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW})

# The one table of editorial transitions: action -> (from states, to state). Issues and
# standalone case studies share it; who may take each action is checked in domain/workflow.py. A
# revision of published work is merged onto it instead of being published (domain.publish).
EDITORIAL_TRANSITIONS = {
    "submit_for_review": ({EditorialStatus.DRAFT}, EditorialStatus.IN_REVIEW),
    "return_to_draft": ({EditorialStatus.IN_REVIEW}, EditorialStatus.DRAFT),
    "publish": ({EditorialStatus.IN_REVIEW}, EditorialStatus.PUBLISHED),
    "withdraw": ({EditorialStatus.PUBLISHED}, EditorialStatus.DRAFT),
    "merge": ({EditorialStatus.IN_REVIEW}, EditorialStatus.MERGED),
}
ACTION_LABELS = {
    "submit_for_review": "Send for review",
    "return_to_draft": "Return to draft",
    "publish": "Approve and publish",
    "withdraw": "Withdraw",
}
# What an editor is told once an action is done ("merge": a revision's publish).
ACTION_DONE = {
    "submit_for_review": "{subject} has been sent for review. Another editor must approve it "
                         "before readers see it.",
    "return_to_draft": "{subject} is back in draft. Make your changes, then send it for review "
                       "again.",
    "publish": "{subject} is published. Readers can see it now.",
    "merge": "The changes to {subject} are published. Readers see them now.",
    "withdraw": "{subject} has been withdrawn, so readers can no longer see it. It is back in "
                "draft.",
}


class Audience(models.TextChoices):
    MANAGERS = "managers", "Managers"
    POLICY_MAKERS = "policy_makers", "Policy makers"
    TRAINERS = "trainers", "Trainers"
    OFFICERS_STAFF = "officers_staff", "Officers and staff"


class Role(models.TextChoices):
    CALL_HANDLERS = "call_handlers", "Call handlers"
    CUSTODY_STAFF = "custody_staff", "Custody staff"
    FRONTLINE_OFFICERS = "frontline_officers", "Frontline officers"
    INVESTIGATORS = "investigators", "Investigators"
    SUPERVISORS = "supervisors", "Supervisors"
    SENIOR_LEADERS = "senior_leaders", "Senior leaders"
    ROADS_POLICING = "roads_policing", "Roads policing officers"
    PROFESSIONAL_STANDARDS = "professional_standards", "Professional standards"
    STAFF = "police_staff", "Police staff"


class ArticleKind(models.TextChoices):
    STAKEHOLDER = "stakeholder", "Stakeholder article"
    SPOTLIGHT = "spotlight", "Force spotlight"


class FindingKind(models.TextChoices):
    NAME = "name", "Personal name"
    COLLAR_NUMBER = "collar_number", "Shoulder or collar number"
    WARRANT_NUMBER = "warrant_number", "Warrant number"
    PHONE = "phone", "Phone number"
    EMAIL = "email", "Email address"
    POSTCODE = "postcode", "Postcode"
    ADDRESS = "address", "Street address"
    VEHICLE_REGISTRATION = "vehicle_registration", "Vehicle registration"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth"
    NHS_NUMBER = "nhs_number", "NHS number"
    NI_NUMBER = "ni_number", "National Insurance number"


class ProposalStatus(models.TextChoices):
    """A reader's theme proposal: nobody else sees it until an editor approves it."""

    PENDING = "pending", "Waiting for an editor"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


# The one table of a proposal's moderation: action -> (from states, to state).
PROPOSAL_TRANSITIONS = {
    "approve_theme": ({ProposalStatus.PENDING, ProposalStatus.DECLINED}, ProposalStatus.APPROVED),
    "decline_theme": ({ProposalStatus.PENDING, ProposalStatus.APPROVED}, ProposalStatus.DECLINED),
}
