"""Places on an event: registering, the waiting list, offers of freed places, cancelling, and
the reminders a day before.

The rules of the waiting list and offers are the places engine's (``exchange.common.places``):
people come one by one, so every waiting entry is one person and the minimum group is 1. Every
change to who holds a place runs in ``transaction.atomic()`` after locking the event row with
``select_for_update()``, so places are counted by one writer at a time and an event is never
overbooked, however many people register at once.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from exchange.common import places as engine
from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.mail.domain import Email, queue_email, queue_emails

from ..enums import EventStatus, RegistrationStatus
from ..models import Event, PlaceOffer, Registration, WaitingPlace
from .calendar import events_calendar

# How long a freed place is held for the person offered it, unless the event starts sooner.
OFFER_HOURS = 24
# Reminders go this long before an event starts.
REMIND_BEFORE = datetime.timedelta(days=1)

Offer = engine.OfferStatus
Waiting = engine.WaitingStatus


def lock_event(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def free_places(event):
    """Capacity less the places held and those held for open offers (call under the lock)."""
    placed = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    offered = PlaceOffer.objects.filter(event=event, status=Offer.OPEN).aggregate(
        n=Sum("places"))["n"] or 0
    return engine.free_places(capacity=event.capacity, placed=placed, offered=offered)


def places_left(event):
    """Free places as a page shows them (no lock: a count for reading, never for deciding)."""
    return max(0, free_places(event))


def with_places_left(events):
    """``events`` annotated with ``places_left``, counted as :func:`free_places` counts them
    (places held, and places held for open offers), in the same query as the list."""
    placed = (Registration.objects.filter(event=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
              .values("event").annotate(n=Count("pk")).values("n"))
    offered = (PlaceOffer.objects.filter(event=OuterRef("pk"), status=Offer.OPEN)
               .values("event").annotate(n=Sum("places")).values("n"))
    return events.annotate(placed=Coalesce(Subquery(placed), 0),
                           offered=Coalesce(Subquery(offered), 0))


def listed_places_left(event):
    """The places left of an event from :func:`with_places_left`."""
    return max(0, engine.free_places(capacity=event.capacity, placed=event.placed,
                                     offered=event.offered))


def offer_hours(event, now):
    """The offer's deadline in hours: OFFER_HOURS (or the setting), but never past the start."""
    hours = getattr(settings, "EXCHANGE_EVENT_OFFER_HOURS", OFFER_HOURS)
    until_start = (event.starts_at - now).total_seconds() / 3600
    return max(0.25, min(hours, until_start))


class EventPlaces:
    """The places engine's ledger (``exchange.common.places.PlacesLedger``) of a locked event."""

    minimum = 1

    def __init__(self, event):
        self.event = event

    def free_places(self):
        return free_places(self.event)

    def waiting(self):
        entries = WaitingPlace.objects.filter(event=self.event, status=Waiting.WAITING) \
            .select_related("registration__user").order_by("position")
        return [engine.WaitingCandidate(entry=e, organisation=e.registration.user_id,
                                        is_group=False, waiting=1) for e in entries]

    def below_minimum(self):
        return set()  # nobody comes as a group

    def offer(self, candidate, *, places, expires_at):
        entry = candidate.entry
        offer = PlaceOffer.objects.create(event=self.event, entry=entry, places=places,
                                          expires_at=expires_at)
        WaitingPlace.objects.filter(pk=entry.pk).update(status=Waiting.OFFERED)
        Registration.objects.filter(pk=entry.registration_id).update(
            status=RegistrationStatus.OFFERED)
        registration = entry.registration  # loaded with its user by waiting()
        registration.status = RegistrationStatus.OFFERED
        log_activity(subject=self.event, actor=None, verb="offer_place",
                     to_state=RegistrationStatus.OFFERED,
                     note=f"{registration.user.email} until "
                          f"{timezone.localtime(expires_at):%Y-%m-%d %H:%M}")
        queue_email(to=registration.user.email, template="event_place_offered",
                    context={"event": self.event, "offer": offer, "registration": registration})
        return offer


def offer_free_places(*, event, now=None):
    """Offer every free place to the next people waiting, each with a deadline. Call with the
    event locked. Nothing is offered once the event has started or if it is not published."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or event.has_started(now):
        return []
    return engine.offer_free_places(EventPlaces(event), now=now, hours=offer_hours(event, now))


def why_cannot_register(event, now=None):
    """Why nobody can register for ``event`` now, or "" if they can."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return "This event is not open for registration."
    if event.has_started(now):
        return "This event has already started."
    if now < event.registration_opens_at:
        return f"Registration opens on {_when(event.registration_opens_at)}."
    if now >= event.registration_closes_at:
        return "Registration has closed."
    return ""


def _when(moment):
    return f"{timezone.localtime(moment):%-d %B %Y at %H:%M}"


def require_registering(actor):
    if not allows(actor, "events.register"):
        raise PermissionDenied("Sign in to register for an event.")


def register(*, event, actor, now=None):
    """Register ``actor`` for ``event``: a place if one is free and nobody is waiting before
    them, otherwise a place on the waiting list. Returns the registration (its status says
    which). Side effects: registration, waiting place, log, email."""
    require_registering(actor)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return _register(event, actor, now)
    except IntegrityError as error:
        # The one-active-registration constraint: the same person registering twice at once.
        raise ValidationError("You are already registered or on the waiting list.") from error


def _register(event, actor, now):
    event = lock_event(event)
    refusal = why_cannot_register(event, now)
    if refusal:
        raise ValidationError(refusal)
    if Registration.objects.active().filter(event=event, user=actor).exists():
        raise ValidationError("You are already registered or on the waiting list.")
    someone_waiting = WaitingPlace.objects.filter(event=event, status__in=[
        Waiting.WAITING, Waiting.OFFERED]).exists()
    if free_places(event) > 0 and not someone_waiting:
        registration = Registration.objects.create(event=event, user=actor, registered_at=now,
                                                   status=RegistrationStatus.REGISTERED)
        log_activity(subject=event, actor=actor, verb="register",
                     to_state=RegistrationStatus.REGISTERED, note=actor.email)
        _confirm(registration, event)
        return registration
    registration = Registration.objects.create(event=event, user=actor, registered_at=now,
                                               status=RegistrationStatus.WAITING)
    position = engine.next_position(WaitingPlace.objects.filter(event=event))
    WaitingPlace.objects.create(event=event, registration=registration, position=position)
    log_activity(subject=event, actor=actor, verb="join_waiting_list",
                 to_state=RegistrationStatus.WAITING, note=f"{actor.email}, position {position}")
    queue_email(to=actor.email, template="event_waiting",
                context={"event": event, "registration": registration, "position": position})
    offer_free_places(event=event, now=now)
    registration.refresh_from_db()
    return registration


def _confirm(registration, event):
    """The confirmation of a place, with the event for a calendar attached (an .ics never
    holds the joining details, which are in the email itself: see domain/calendar.py)."""
    ics = events_calendar([event], name=event.title)
    queue_email(to=registration.user.email, template="event_registered",
                context={"event": event, "registration": registration},
                attachments=[(f"{event.slug}.ics", ics, "text/calendar")])


def own_registration(event, actor):
    return Registration.objects.active().filter(event=event, user=actor) \
        .select_related("user").first() if actor.is_authenticated else None


@transaction.atomic
def cancel_registration(*, event, actor, now=None):
    """``actor`` gives up their place, leaves the waiting list or declines their offer, before
    the event starts. A freed place is offered to the next person waiting. Side effects:
    registration, waiting place, offer, log, emails."""
    require_registering(actor)
    now = now or timezone.now()
    event = lock_event(event)
    registration = own_registration(event, actor)
    if registration is None:
        raise ValidationError("You are not registered for this event.")
    if event.has_started(now):
        raise ValidationError("The event has started: registrations can no longer be cancelled.")
    if registration.status == RegistrationStatus.OFFERED:
        offer = PlaceOffer.objects.get(entry__registration=registration, status=Offer.OPEN)
        return _decline(offer, event, actor, now)
    if registration.status == RegistrationStatus.WAITING:
        return _leave_waiting_list(registration, event, actor, now)
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=now)
    log_activity(subject=event, actor=actor, verb="cancel_registration",
                 from_state=RegistrationStatus.REGISTERED, to_state=RegistrationStatus.CANCELLED,
                 note=actor.email)
    queue_email(to=actor.email, template="event_registration_cancelled",
                context={"event": event, "registration": registration})
    offer_free_places(event=event, now=now)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def leave_waiting_list(*, event, actor, now=None):
    """``actor`` leaves the waiting list. Side effects: registration, waiting place, log."""
    require_registering(actor)
    now = now or timezone.now()
    event = lock_event(event)
    registration = own_registration(event, actor)
    if registration is None or registration.status != RegistrationStatus.WAITING:
        raise ValidationError("You are not on the waiting list for this event.")
    return _leave_waiting_list(registration, event, actor, now)


def _leave_waiting_list(registration, event, actor, now):
    WaitingPlace.objects.filter(registration=registration).update(status=Waiting.WITHDRAWN)
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.WITHDRAWN, cancelled_at=now)
    log_activity(subject=event, actor=actor, verb="leave_waiting_list",
                 from_state=RegistrationStatus.WAITING, to_state=RegistrationStatus.WITHDRAWN,
                 note=actor.email)
    registration.refresh_from_db()
    return registration


def may_answer(actor, offer):
    return actor.is_authenticated and offer.entry.registration.user_id == actor.pk


@transaction.atomic
def accept_offer(*, offer, actor, now=None):
    """Take up the offered place before its deadline. Side effects: offer, registration,
    waiting place, log, email."""
    now = now or timezone.now()
    if not may_answer(actor, offer):
        raise PermissionDenied("This offer is not yours to answer.")
    event = lock_event(offer.event)
    if not engine.claim_offer(PlaceOffer.objects, pk=offer.pk, status=Offer.ACCEPTED, now=now,
                              actor=actor, before_deadline=True):
        raise ValidationError("This offer has already been answered or has expired.")
    registration = offer.entry.registration
    WaitingPlace.objects.filter(pk=offer.entry_id).update(status=Waiting.ADMITTED)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.REGISTERED)
    log_activity(subject=event, actor=actor, verb="accept_offer",
                 from_state=RegistrationStatus.OFFERED, to_state=RegistrationStatus.REGISTERED,
                 note=actor.email)
    registration.refresh_from_db()
    _confirm(registration, event)
    return registration


@transaction.atomic
def decline_offer(*, offer, actor, now=None):
    """Say no to the offered place; it goes to the next person waiting. Side effects: offer,
    registration, waiting place, log, new offers."""
    now = now or timezone.now()
    if not may_answer(actor, offer):
        raise PermissionDenied("This offer is not yours to answer.")
    event = lock_event(offer.event)
    return _decline(offer, event, actor, now)


def _decline(offer, event, actor, now):
    if not engine.claim_offer(PlaceOffer.objects, pk=offer.pk, status=Offer.DECLINED, now=now,
                              actor=actor):
        raise ValidationError("This offer has already been answered or has expired.")
    registration = _pass_over(offer, now)
    log_activity(subject=event, actor=actor, verb="decline_offer",
                 from_state=RegistrationStatus.OFFERED, to_state=RegistrationStatus.PASSED,
                 note=actor.email)
    offer_free_places(event=event, now=now)
    return registration


def _pass_over(offer, now):
    WaitingPlace.objects.filter(pk=offer.entry_id).update(status=Waiting.PASSED)
    Registration.objects.filter(pk=offer.entry.registration_id).update(
        status=RegistrationStatus.PASSED, cancelled_at=now)
    registration = Registration.objects.select_related("user").get(pk=offer.entry.registration_id)
    return registration


def expire_due_offers(now=None):
    """Expire offers past their deadline and offer each place on. Each offer is claimed with a
    conditional UPDATE, so two workers never expire (and re-offer) the same one twice.
    Side effects: offers, registrations, log, new offers and emails. Returns how many."""
    now = now or timezone.now()

    def expired(offer, event):
        registration = _pass_over(offer, now)
        log_activity(subject=event, actor=None, verb="expire_offer",
                     from_state=RegistrationStatus.OFFERED, to_state=RegistrationStatus.PASSED,
                     note=registration.user.email)
        queue_email(to=registration.user.email, template="event_offer_expired",
                    context={"event": event, "registration": registration})
        offer_free_places(event=event, now=now)

    return engine.expire_due_offers(
        PlaceOffer.objects.select_related("event", "entry__registration"), now=now,
        lock=lambda offer: lock_event(offer.event), expired=expired)


def send_due_reminders(now=None):
    """Remind everyone registered for a published event that starts within a day. Each
    registration is claimed by setting its ``reminded_at`` with one conditional UPDATE, so two
    workers ticking together remind a person once. Returns how many were sent."""
    now = now or timezone.now()
    due = list(Registration.objects.filter(
        status=RegistrationStatus.REGISTERED, reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED, event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_BEFORE).values_list("pk", flat=True))
    sent = []
    for pk in due:
        if Registration.objects.filter(pk=pk, reminded_at__isnull=True,
                                       status=RegistrationStatus.REGISTERED).update(reminded_at=now):
            sent.append(pk)
    registrations = Registration.objects.filter(pk__in=sent).select_related("event", "user")
    queue_emails(Email(to=r.user.email, template="event_reminder",
                       context={"event": r.event, "registration": r}) for r in registrations)
    return len(sent)


def periodic_expire(*, now):
    return f"{expire_due_offers(now)} offers expired"


def periodic_remind(*, now):
    return f"{send_due_reminders(now)} reminders sent"
