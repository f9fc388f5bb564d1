from django.db import models

# The waiting list's and offers' states belong to the places engine every programme shares.
from exchange.common.places import OfferStatus, WaitingStatus  # noqa: F401


class VisitStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open_for_applications", "Open for applications"
    ALLOCATED = "places_allocated", "Places allocated"
    PREPARATION = "preparation", "Preparation"
    VISITED = "visited", "Visited"
    HOST_REPORT_SENT = "host_report_sent", "Host report sent"
    FOLLOW_UP = "follow_up", "Follow-up"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


# The one table of allowed transitions: action -> (from states, to state).
VISIT_TRANSITIONS = {
    "open_applications": ({VisitStatus.PLANNED}, VisitStatus.OPEN),
    "allocate": ({VisitStatus.OPEN}, VisitStatus.ALLOCATED),
    "start_preparation": ({VisitStatus.ALLOCATED}, VisitStatus.PREPARATION),
    "mark_visited": ({VisitStatus.ALLOCATED, VisitStatus.PREPARATION}, VisitStatus.VISITED),
    "send_host_report": ({VisitStatus.VISITED}, VisitStatus.HOST_REPORT_SENT),
    "start_follow_up": ({VisitStatus.HOST_REPORT_SENT}, VisitStatus.FOLLOW_UP),
    "close": ({VisitStatus.FOLLOW_UP}, VisitStatus.CLOSED),
    "cancel": ({VisitStatus.PLANNED, VisitStatus.OPEN, VisitStatus.ALLOCATED,
                VisitStatus.PREPARATION}, VisitStatus.CANCELLED),
}

# What the buttons on the staff page say, per action a person may take by hand.
ACTION_LABELS = {
    "open_applications": "Open for applications",
    "start_preparation": "Start preparation",
    "mark_visited": "Mark as visited",
    "start_follow_up": "Start follow-up",
    "close": "Close follow-up",
    "cancel": "Cancel the visit",
}
# What an organiser is told once they have taken one of those actions.
ACTION_DONE = {
    "open_applications": "{title} is open for applications. Leads of member forces can apply now.",
    "start_preparation": "Preparation for {title} has started. Arrange the call and add material "
                         "for the visitors.",
    "mark_visited": "{title} is marked as visited. The visitors' weekly check-ins are set, and "
                    "the host report is the next step.",
    "start_follow_up": "Follow-up for {title} has started.",
    "close": "Follow-up for {title} is closed. Visitors get no more check-in reminders.",
    "cancel": "{title} has been cancelled.",
}

# States after the visit took place: the visit is "previous" on the public list.
PAST_STATES = {VisitStatus.VISITED, VisitStatus.HOST_REPORT_SENT, VisitStatus.FOLLOW_UP,
               VisitStatus.CLOSED}
# States in which people who were placed are the visit's visitors.
ALLOCATED_STATES = {VisitStatus.ALLOCATED, VisitStatus.PREPARATION, *PAST_STATES}


class ApplicationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Place(models.TextChoices):
    APPLIED = "applied", "Applied"
    PLACED = "placed", "Placed"
    WAITING = "waiting", "Waiting list"
    OFFERED = "offered", "Offered a place"
    WITHDRAWN = "withdrawn", "Withdrawn"


CHECK_IN_WEEKS = 6
# A week's check-in opens as its week starts, a week before it is due: "what have you applied
# this week" cannot be answered for week 6 on the day of the visit.
CHECK_IN_OPEN_DAYS = 7
OFFER_HOURS = 48
