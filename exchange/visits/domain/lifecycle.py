"""Where a visit is in its life, for the staff page: each step's status and the next step."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from ..enums import ACTION_LABELS, VisitStatus
from .applications import allocation_cuts_applications_short
from .programme import STATES

# The steps in order, each with the state the visit is in once the step is done.
STEPS = [
    ("Plan the visit", VisitStatus.PLANNED),
    ("Take applications", VisitStatus.OPEN),
    ("Give out the places", VisitStatus.ALLOCATED),
    ("Prepare the visitors", VisitStatus.PREPARATION),
    ("The visit takes place", VisitStatus.VISITED),
    ("Report to the host", VisitStatus.HOST_REPORT_SENT),
    ("Six weeks of follow-up", VisitStatus.FOLLOW_UP),
    ("Close and publish the short report", VisitStatus.CLOSED),
]
ORDER = [state for _, state in STEPS]


@dataclass(frozen=True)
class Step:
    name: str
    status: str  # "done", "current" or "to do"


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str
    post: bool = False  # a form's button rather than a link
    hint: str = ""
    ready: bool = True  # False: the step waits for a day to come, and the hint says which


def lifecycle(visit):
    """The steps with "done", "current" (the one under way) or "to do"; all "to do" but the
    ones done when the visit is cancelled."""
    if visit.status == VisitStatus.CANCELLED:
        return [Step(name, "cancelled") for name, _ in STEPS]
    reached = ORDER.index(visit.status)
    steps = []
    for index, (name, _) in enumerate(STEPS):
        status = "done" if index < reached else "current" if index == reached else "to do"
        if visit.status == VisitStatus.CLOSED and index == reached:
            status = "done" if visit.has_published_report else "current"
        steps.append(Step(name, status))
    return steps


def next_action(visit):
    """The one thing the programme team does next, or None when nothing is left."""
    status = visit.status
    if status == VisitStatus.OPEN:
        early = allocation_cuts_applications_short(visit)
        close = timezone.localtime(visit.applications_close)
        return NextAction("Allocate places", reverse("visits:allocate", args=[visit.pk]),
                          post=not early,
                          hint=f"Applications close on {close:%-d %B %Y, %H:%M}." if early else "")
    if status == VisitStatus.PREPARATION:
        if visit.date and visit.date > timezone.localdate():
            return NextAction(ACTION_LABELS["mark_visited"], _change(visit, "mark_visited"),
                              hint=f"You can mark it as visited from {visit.date:%-d %B %Y}, "
                                   "the day of the visit.", ready=False)
        return NextAction(ACTION_LABELS["mark_visited"], _change(visit, "mark_visited"))
    if status == VisitStatus.VISITED:
        return NextAction("Write and send the host report",
                          reverse("visits:host-report", args=[visit.pk]))
    if status == VisitStatus.CLOSED:
        if visit.has_published_report:
            return None
        return NextAction("Publish the short report", reverse("visits:short-report", args=[visit.pk]))
    action = {VisitStatus.PLANNED: "open_applications", VisitStatus.ALLOCATED: "start_preparation",
              VisitStatus.HOST_REPORT_SENT: "start_follow_up", VisitStatus.FOLLOW_UP: "close"
              }.get(status)
    return NextAction(ACTION_LABELS[action], _change(visit, action)) if action else None


def other_actions(visit, main):
    """The state changes staff may also make now, besides the next step and cancelling."""
    return [(action, ACTION_LABELS[action]) for action in STATES.allowed_actions(visit)
            if action in ACTION_LABELS and action != "cancel"
            and (main is None or ACTION_LABELS[action] != main.label)]


def _change(visit, action):
    return reverse("visits:change-state", args=[visit.pk, action])
