"""The words and states of peer support and peer matching, and each state table (declared once)."""

from django.db import models


class PeerKind(models.TextChoices):
    PEER = "peer", "Peer"
    SPECIALIST_ASSOCIATE = "specialist_associate", "Specialist associate"


class PeerStatus(models.TextChoices):
    APPLIED = "applied", "Waiting for a decision"
    APPROVED = "approved", "In the pool"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left the pool"


PEER_TRANSITIONS = {
    "approve": ({PeerStatus.APPLIED}, PeerStatus.APPROVED),
    "decline": ({PeerStatus.APPLIED}, PeerStatus.DECLINED),
    "leave": ({PeerStatus.APPROVED, PeerStatus.APPLIED}, PeerStatus.LEFT),
    "rejoin": ({PeerStatus.LEFT}, PeerStatus.APPLIED),
}


class Sector(models.TextChoices):
    POLICE = "police", "Policing"
    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector"
    VOLUNTARY = "voluntary", "Voluntary sector"


class SupportType(models.TextChoices):
    PEER_REVIEW = "peer_review", "Peer review (two to three days, by a team of peers)"
    WORKSHOP = "workshop", "Organisational development or problem-solving workshop"
    INTRODUCTIONS = "introductions", "Introductions to peers from other forces"
    MENTORING = "mentoring", "Mentoring and coaching"
    DEVELOPMENT_EVENT = "development_event", "Bespoke development event"


# Introductions, mentoring and coaching lead to pairings and a light record of meetings;
# the others to a team, a report, an action plan and a progress review.
PAIRING_TYPES = frozenset({SupportType.INTRODUCTIONS, SupportType.MENTORING})


class Delivery(models.TextChoices):
    ON_SITE = "on_site", "On site"
    VIRTUAL = "virtual", "Virtual"
    EITHER = "either", "Either"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SCOPING = "scoping", "Agreeing terms of reference"
    AGREED = "agreed", "Terms agreed"
    UNDER_WAY = "under_way", "Under way"
    FOLLOW_UP = "follow_up", "Report issued: action plan and progress review"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


REQUEST_TRANSITIONS = {
    "start_scoping": ({RequestStatus.SUBMITTED}, RequestStatus.SCOPING),
    "agree_terms": ({RequestStatus.SCOPING}, RequestStatus.AGREED),
    "start": ({RequestStatus.AGREED}, RequestStatus.UNDER_WAY),
    "issue_report": ({RequestStatus.UNDER_WAY}, RequestStatus.FOLLOW_UP),
    "close": ({RequestStatus.UNDER_WAY, RequestStatus.FOLLOW_UP}, RequestStatus.CLOSED),
    "decline": ({RequestStatus.SUBMITTED, RequestStatus.SCOPING}, RequestStatus.DECLINED),
    "withdraw": ({RequestStatus.SUBMITTED, RequestStatus.SCOPING, RequestStatus.AGREED},
                 RequestStatus.WITHDRAWN),
}
OPEN_REQUEST_STATES = frozenset({
    RequestStatus.SUBMITTED, RequestStatus.SCOPING, RequestStatus.AGREED, RequestStatus.UNDER_WAY,
    RequestStatus.FOLLOW_UP})


class TeamStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


TEAM_TRANSITIONS = {
    "accept": ({TeamStatus.INVITED}, TeamStatus.ACCEPTED),
    "decline": ({TeamStatus.INVITED}, TeamStatus.DECLINED),
    "withdraw": ({TeamStatus.INVITED, TeamStatus.ACCEPTED}, TeamStatus.WITHDRAWN),
    "invite_again": ({TeamStatus.WITHDRAWN}, TeamStatus.INVITED),
}


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"


class Rating(models.IntegerChoices):
    VERY_POOR = 1, "Very poor"
    POOR = 2, "Poor"
    NEITHER = 3, "Neither good nor poor"
    GOOD = 4, "Good"
    VERY_GOOD = 5, "Very good"


class GroupStatus(models.TextChoices):
    FORMING = "forming", "Forming"
    GUIDE = "guide", "Writing the topic guide"
    SUBMISSIONS = "submissions", "Writing submissions"
    HOST_DAYS = "host_days", "Host days"
    REPORTING = "reporting", "Reporting"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


GROUP_TRANSITIONS = {
    "start_guide": ({GroupStatus.FORMING}, GroupStatus.GUIDE),
    "finalise_guide": ({GroupStatus.GUIDE}, GroupStatus.SUBMISSIONS),
    "release_submissions": ({GroupStatus.SUBMISSIONS}, GroupStatus.HOST_DAYS),
    "start_reporting": ({GroupStatus.HOST_DAYS}, GroupStatus.REPORTING),
    "share_report": ({GroupStatus.REPORTING}, GroupStatus.CLOSED),
    "cancel": ({GroupStatus.FORMING, GroupStatus.GUIDE, GroupStatus.SUBMISSIONS,
                GroupStatus.HOST_DAYS, GroupStatus.REPORTING}, GroupStatus.CANCELLED),
}


class QuestionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    INCLUDED = "included", "In the guide"
    DROPPED = "dropped", "Not in the guide"


# A peer gives this many days a quarter unless they say otherwise; a progress review falls
# this many months after the report is issued unless staff set another date.
DEFAULT_DAYS_PER_QUARTER = 3
PROGRESS_REVIEW_MONTHS = 10
PROGRESS_REVIEW_REMINDER_DAYS = 14
