"""What events add to a person's learning record and to their own pages."""

from django.utils import timezone

from exchange.common.programmes import LearningEntry

from ..enums import EventStatus, RegistrationStatus
from ..models import ACTIVE_REGISTRATION, Event, PlaceOffer, Registration


def learning_entries(user):
    """Each event ``user`` attended, newest first, with its CPD hours. One query."""
    if not user.is_authenticated:
        return []
    attended = (Registration.objects.filter(user=user, attended=True)
                .exclude(event__status=EventStatus.DRAFT)
                .select_related("event").order_by("-event__starts_at", "-id"))
    return [LearningEntry(date=timezone.localtime(r.event.starts_at).date(), title=r.event.title,
                          kind=r.event.get_kind_display(), url=r.event.get_absolute_url(),
                          cpd_hours=float(r.event.cpd_hours) if r.event.cpd_hours else None)
            for r in attended]


def events_of(user, now=None):
    """``user``'s registrations, in three lists: coming up (registered, offered, waiting),
    past (registered, with attendance) and ended (cancelled, withdrawn, passed); with the open
    offers by registration. Two queries."""
    now = now or timezone.now()
    registrations = list(Registration.objects.filter(user=user)
                         .exclude(event__status=EventStatus.DRAFT)
                         .select_related("event", "waiting_place")
                         .order_by("event__starts_at", "id"))
    offered = [r.pk for r in registrations if r.status == RegistrationStatus.OFFERED]
    offers = {o.entry.registration_id: o for o in PlaceOffer.objects.filter(
        entry__registration__in=offered, status="open").select_related("entry")} \
        if offered else {}
    upcoming, past, ended = [], [], []
    for registration in registrations:
        event_ended = registration.event.has_ended(now)
        if (registration.status in ACTIVE_REGISTRATION and not event_ended
                and registration.event.status == EventStatus.PUBLISHED):
            registration.open_offer = offers.get(registration.pk)
            upcoming.append(registration)
        elif registration.status == RegistrationStatus.REGISTERED and event_ended:
            past.append(registration)
        else:
            ended.append(registration)
    return {"upcoming": upcoming, "past": list(reversed(past)), "ended": list(reversed(ended))}


def next_events(limit=3, now=None):
    """The next published events still to come. One query (and one for their topics)."""
    return list(Event.objects.published().upcoming(now).order_by("starts_at", "id")
                .prefetch_related("topics")[:limit])
