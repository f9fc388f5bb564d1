"""Events as the rest of the site shows it (found by exchange/common/programmes.py): the
navigation, the staff page, the home page's upcoming events, a panel on "Your Exchange" and
attended events in the learning record."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from exchange.common.permissions import allows
from exchange.common.programmes import (
    HOME_EVENTS,
    Dashboard,
    LearningRecord,
    Programme,
    StaffPage,
    Teaser,
)

from .domain.learning import events_of, learning_entries, next_events
from .enums import EventStatus, RegistrationStatus, RequestStatus
from .models import Event

SHOWN_ON_HOME_PAGE = 3
SHOWN_ON_DASHBOARD = 5


def upcoming_events(request):
    """The home page's next three published events, soonest first. Two queries."""
    return {"upcoming_events": next_events(SHOWN_ON_HOME_PAGE)}


def events_dashboard(user):
    """The person's coming events and open offers; for an organiser, what waits on them. A
    fixed number of queries however many registrations there are."""
    mine = events_of(user)
    context = {"upcoming": mine["upcoming"][:SHOWN_ON_DASHBOARD],
               "offers": [r for r in mine["upcoming"] if getattr(r, "open_offer", None)]}
    if allows(user, "events.run_events"):
        now = timezone.now()
        to_mark = Q(status=EventStatus.PUBLISHED, ends_at__lte=now,
                    registrations__status=RegistrationStatus.REGISTERED,
                    registrations__attended__isnull=True)
        context["organiser_queues"] = Event.objects.aggregate(
            drafts=Count("id", filter=Q(status=EventStatus.DRAFT), distinct=True),
            to_mark=Count("id", filter=to_mark, distinct=True),
            next_start=Min("starts_at", filter=Q(status=EventStatus.PUBLISHED,
                                                 starts_at__gt=now)))
    return context


PROGRAMME = Programme(
    key="events", label="Events", title="Knowledge sharing events", url_name="events:list", order=40,
    summary="Knowledge sharing events, online seminars and workshops, with recordings and slides afterwards.",
    staff_pages=(StaffPage("Run events", "events:manage", "events.run_events"),),
    teaser=Teaser(template="events/home_teaser.html", context=upcoming_events, order=HOME_EVENTS),
    dashboard=Dashboard(template="events/dashboard.html", context=events_dashboard),
    learning_record=LearningRecord(label="Events", entries=learning_entries),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Created", "edit": "Edited", "publish": "Published", "cancel": "Event cancelled",
    "register": "Registered", "join_waiting_list": "Joined the waiting list",
    "cancel_registration": "Registration cancelled", "leave_waiting_list": "Left the waiting list",
    "offer_place": "Place offered", "accept_offer": "Offer of a place accepted",
    "decline_offer": "Offer of a place declined", "expire_offer": "Offer of a place expired",
    "mark_attendance": "Attendance marked", "publish_materials": "Materials published",
    "send_invitations": "Invitations sent",
    # Requests for an event (domain/requests.py).
    "request": "Event requested", "accept": "Request accepted",
    "merge": "Request merged into a planned event", "decline": "Request declined",
}
STATE_LABELS = {**dict(EventStatus.choices), **dict(RegistrationStatus.choices),
                **dict(RequestStatus.choices)}
