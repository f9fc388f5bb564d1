"""Peer learning visits as the rest of the site shows them (found by exchange/common/programmes.py)."""

import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import (
    HOME_VISITS,
    Dashboard,
    LearningEntry,
    LearningRecord,
    Programme,
    StaffPage,
    Teaser,
)

from .domain.your_visits import visits_of
from .enums import PAST_STATES, Place, VisitStatus
from .models import CheckIn, Visit, Visitor

SHOWN_ON_DASHBOARD = 10


def visits_dashboard(user):
    """The person's visits with the next thing to do (the same steps as "Your visits"), their
    check-ins due and, for an organiser, the visits waiting on a step. A fixed number of queries
    however many visits there are."""
    now, today = timezone.now(), timezone.localdate()
    places = [(visitor, step) for visitor, step in visits_of(user)
              if visitor.visit.status != VisitStatus.CANCELLED][:SHOWN_ON_DASHBOARD]
    context = {"places": places, "check_ins_due": list(
        CheckIn.objects.filter(visitor__user=user, visitor__place=Place.PLACED,
                               completed_at__isnull=True, due_at__lte=now,
                               visitor__visit__status__in=PAST_STATES - {VisitStatus.CLOSED})
        .select_related("visitor__visit").order_by("due_at"))}
    if user.has_perm("visits.run_visits"):
        context["organiser_queues"] = organiser_queues(now, today)
    return context


def organiser_queues(now, today):
    """Visits waiting on an organiser's next step: how many, and since when. One query."""
    to_allocate = Q(status=VisitStatus.OPEN, applications_close__lte=now)
    to_mark = Q(status__in=[VisitStatus.ALLOCATED, VisitStatus.PREPARATION], date__lt=today)
    to_report = Q(status=VisitStatus.VISITED)
    found = Visit.objects.aggregate(
        allocate=Count("id", filter=to_allocate),
        allocate_since=Min("applications_close", filter=to_allocate),
        mark=Count("id", filter=to_mark), mark_since=Min("date", filter=to_mark),
        report=Count("id", filter=to_report), report_since=Min("date", filter=to_report))
    return [
        {"label": "to allocate places: applications have closed", "count": found["allocate"],
         "since": found["allocate_since"]},
        {"label": "to mark as visited: the visit day has passed", "count": found["mark"],
         "since": _start_of(found["mark_since"])},
        {"label": "to send the host report", "count": found["report"],
         "since": _start_of(found["report_since"])},
    ]


SHOWN_ON_HOME_PAGE = 3


def upcoming_visits(request):
    """The home page's next planned visits, soonest first (a date to be confirmed last). One
    query."""
    return {"upcoming_visits": list(Visit.objects.for_user(request.user).planned()
                                    .select_related("host_organisation")[:SHOWN_ON_HOME_PAGE])}


def visits_attended(user):
    """The person's learning record from visits: each visit they had a place on that has taken
    place, on the day of the visit. One query however many there were."""
    places = (Visitor.objects.filter(user=user, place=Place.PLACED,
                                     visit__status__in=PAST_STATES, visit__date__isnull=False)
              .select_related("visit__host_organisation").order_by("-visit__date", "-id"))
    return [LearningEntry(date=place.visit.date, kind="Peer learning visit",
                          title=f"{place.visit.title} (hosted by "
                                f"{place.visit.host_organisation.name})",
                          url=reverse("visits:detail", args=[place.visit_id]))
            for place in places]


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time())) if day else None


PROGRAMME = Programme(
    key="visits", label="Peer learning visits", title="Peer learning visits",
    url_name="visits:list", order=20,
    summary="Themed visits to a host organisation, police or not, with a report of learning "
            "points and six weeks of follow-up.",
    staff_pages=(StaffPage("Run visits", "visits:manage", "visits.run_visits"),),
    dashboard=Dashboard(template="visits/dashboard.html", context=visits_dashboard),
    teaser=Teaser(template="visits/home_teaser.html", context=upcoming_visits, order=HOME_VISITS),
    learning_record=LearningRecord(label="Peer learning visits", entries=visits_attended),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Created", "edit": "Edited",
    "open_applications": "Opened for applications", "allocate": "Places allocated",
    "start_preparation": "Preparation started", "mark_visited": "Marked as visited",
    "send_host_report": "Host report sent", "start_follow_up": "Follow-up started",
    "close": "Follow-up closed", "cancel": "Visit cancelled",
    "add_member": "Member added", "remove_member": "Member removed",
    "apply": "Applied", "change_application": "Application changed",
    "withdraw_application": "Application withdrawn",
    "offer_place": "Place offered", "accept_offer": "Offer of a place accepted",
    "decline_offer": "Offer of a place declined", "expire_offer": "Offer of a place expired",
    "reallocate": "Places allocated again", "adjust_allocation": "Allocation adjusted",
    "withdraw_visitor": "Visitor withdrawn",
    "group_below_minimum": "A force's group fell below the minimum",
    "release_group_below_minimum": "Places of a group below the minimum released",
    "add_material": "Preparation material added", "schedule_call": "Preparation call arranged",
    "move_call": "Preparation call moved", "send_preparation": "Preparation pack sent",
    "send_questions": "Questions sent to the host",
    "draft_host_report": "Host report drafted", "edit_host_report": "Host report edited",
    "host_acknowledged": "Host acknowledged the report", "record_learning": "Learning recorded",
    "edit_learning": "Learning point changed", "delete_learning": "Learning point deleted",
    "publish_short_report": "Short report published", "edit_short_report": "Short report edited",
    "check_in": "Follow-up check-in answered",
}
STATE_LABELS = dict(VisitStatus.choices)
