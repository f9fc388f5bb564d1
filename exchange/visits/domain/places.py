"""Places on a visit: running the allocation, adjusting it, withdrawals and offers of freed places.

The rules (the allocation, the waiting list, offers and their deadlines) are the places engine
every programme shares, ``exchange.common.places``; this module stores their outcome in the
visit's tables, logs it and emails the people concerned. Everything that changes who holds a place
runs in ``transaction.atomic()`` after locking the visit row with ``select_for_update()``, so
places are counted by one writer at a time and a visit is never overbooked, however many requests
arrive together.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from exchange.common import places as engine
from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.mail.domain import Email, queue_emails
from exchange.people.enums import StaffRole
from exchange.people.models import User

from ..enums import ALLOCATED_STATES, OFFER_HOURS, OfferStatus, Place, VisitStatus, WaitingStatus
from ..models import Application, PlaceOffer, Visit, Visitor, WaitingEntry
from .programme import STATES, require_organiser


def lock_visit(visit):
    return Visit.objects.select_for_update().get(pk=visit.pk)


def recent_places(visit, organisation_ids, today=None):
    """Places each organisation got on the programme's other visits held in the twelve months
    before ``today`` (rule 4). Visits still to come, undated or cancelled took place nowhere, so
    places on them do not put a force behind."""
    today = today or timezone.localdate()
    counts = dict.fromkeys(organisation_ids, 0)
    rows = (Visitor.objects.filter(place=Place.PLACED, application__organisation__in=organisation_ids)
            .exclude(visit=visit).exclude(visit__status=VisitStatus.CANCELLED)
            .filter(visit__date__gt=today - datetime.timedelta(days=365), visit__date__lte=today)
            .values_list("application__organisation_id", flat=True))
    for organisation_id in rows:
        counts[organisation_id] += 1
    return counts


def allocation_input(visit):
    applications = list(Application.objects.active().filter(visit=visit)
                        .prefetch_related("visitors"))
    recent = recent_places(visit, [a.organisation_id for a in applications])
    return [engine.GroupApplication(
        organisation=a.organisation_id, applied_at=a.applied_at,
        recent_places=recent[a.organisation_id],
        people=tuple(v.pk for v in a.visitors.all() if v.place != Place.WITHDRAWN))
        for a in applications]


@transaction.atomic
def run_allocation(*, visit, actor):
    """Allocate the places by the programme's rules and store the places and waiting list.

    Runs while applications are open (moving the visit to places allocated) or again once
    allocated, before preparation. Side effects: every visitor's place, the waiting list
    (replaced), open offers cancelled, state change or log.
    """
    require_organiser(actor)
    visit = lock_visit(visit)
    if visit.status not in {VisitStatus.OPEN, VisitStatus.ALLOCATED}:
        raise ValidationError("Places can only be allocated while applications are open or "
                              "just after.")
    result = engine.allocate(capacity=visit.capacity, minimum=visit.min_per_force,
                             applications=allocation_input(visit))
    _store(visit, result)
    note = f"{result.placed_count} places to {len(result.places)} forces; " \
           f"{len(result.waiting_list)} on the waiting list"
    if visit.status == VisitStatus.OPEN:
        STATES.change(visit, action="allocate", actor=actor, note=note)
    else:
        log_activity(subject=visit, actor=actor, verb="reallocate", note=note)
    _email_allocation(visit)
    return result


def _store(visit, result):
    engine.cancel_open_offers(PlaceOffer.objects.filter(visit=visit), now=timezone.now())
    Visitor.objects.current().filter(visit=visit).update(place=Place.APPLIED, waiting_entry=None)
    WaitingEntry.objects.filter(visit=visit).delete()
    placed = [pk for visitors in result.places.values() for pk in visitors]
    Visitor.objects.filter(pk__in=placed).update(place=Place.PLACED)
    for position, line in enumerate(result.waiting_list, start=1):
        entry = WaitingEntry.objects.create(visit=visit, organisation_id=line.organisation,
                                            position=position, is_group=line.is_group)
        Visitor.objects.filter(pk__in=line.people).update(place=Place.WAITING, waiting_entry=entry)


def _email_allocation(visit):
    visitors = Visitor.objects.current().filter(visit=visit).select_related("user", "application")
    queue_emails(Email(to=visitor.user.email,
                       template="visit_place_given" if visitor.place == Place.PLACED
                       else "visit_place_waiting",
                       context={"visit": visit, "visitor": visitor})
                 for visitor in visitors)


def current_allocation(visit):
    """The places and waiting list as stored: the API's shape, organisations by name."""
    visitors = list(Visitor.objects.current().filter(visit=visit)
                    .select_related("user", "application__organisation", "waiting_entry")
                    .order_by("application__applied_at", "position", "id"))
    places, waiting = {}, {}
    for visitor in visitors:
        name = visitor.application.organisation.name
        entry = visitor.waiting_entry
        if visitor.place == Place.PLACED:
            places.setdefault(name, []).append(visitor.user.email)
        elif entry is not None and entry.status in {WaitingStatus.WAITING, WaitingStatus.OFFERED}:
            waiting.setdefault((entry.position, name), []).append(visitor.user.email)
    return {
        "places": [{"organisation": name, "visitors": emails} for name, emails in places.items()],
        "waiting_list": [{"organisation": name, "visitors": emails}
                         for (_, name), emails in sorted(waiting.items())],
    }


def free_places(visit):
    """Capacity less the places held and the places held for open offers (under the lock)."""
    placed = Visitor.objects.filter(visit=visit, place=Place.PLACED).count()
    offered = PlaceOffer.objects.filter(visit=visit, status=OfferStatus.OPEN).aggregate(
        n=Sum("places"))["n"] or 0
    return engine.free_places(capacity=visit.capacity, placed=placed, offered=offered)


@transaction.atomic
def adjust_place(*, visitor, actor, place, reason):
    """Staff give or take one visitor's place by hand, with a reason. Never beyond capacity.

    Side effects: the visitor's place, log (with the reason).
    """
    require_organiser(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are changing the allocation"})
    visit = lock_visit(visitor.visit)
    visitor = Visitor.objects.select_for_update().get(pk=visitor.pk)
    if visit.status not in ALLOCATED_STATES:
        raise ValidationError("Run the allocation before adjusting it.")
    if place == Place.PLACED:
        if visitor.place == Place.PLACED:
            return visitor
        if free_places(visit) < 1:
            raise ValidationError("The visit is full: take a place away first.")
        visitor.place, visitor.waiting_entry = Place.PLACED, None
    elif place == Place.WAITING:
        if visitor.place != Place.PLACED:
            return visitor
        entry = WaitingEntry.objects.create(visit=visit, organisation=visitor.application.organisation,
                                            position=_next_position(visit), is_group=False)
        visitor.place, visitor.waiting_entry = Place.WAITING, entry
    else:
        raise ValidationError({"place": "Choose to give a place or move to the waiting list"})
    visitor.save(update_fields=["place", "waiting_entry"])
    log_activity(subject=visit, actor=actor, verb="adjust_allocation",
                 note=f"{visitor.user.email} → {visitor.get_place_display()}: {reason.strip()}")
    return visitor


def _next_position(visit):
    return engine.next_position(WaitingEntry.objects.filter(visit=visit))


def may_withdraw(actor, visitor):
    return allows(actor, "visits.withdraw_visitor", visitor)


@transaction.atomic
def withdraw_visitor(*, visitor, actor):
    """A visitor leaves the visit (themself, their lead or staff). A freed place is offered on.

    Side effects: the visitor's place, log, offers and their emails.
    """
    if not may_withdraw(actor, visitor):
        raise PermissionDenied("Only the visitor, their organisation lead or the programme team "
                               "can withdraw a visitor.")
    visit = lock_visit(visitor.visit)
    visitor = Visitor.objects.select_for_update().get(pk=visitor.pk)
    if visitor.place == Place.WITHDRAWN:
        return visitor
    if visit.status in {VisitStatus.VISITED, VisitStatus.HOST_REPORT_SENT, VisitStatus.FOLLOW_UP,
                        VisitStatus.CLOSED, VisitStatus.CANCELLED}:
        raise ValidationError("The visit has taken place; nobody can withdraw from it now.")
    was_placed = visitor.place == Place.PLACED
    visitor.place, visitor.withdrawn_at = Place.WITHDRAWN, timezone.now()
    visitor.save(update_fields=["place", "withdrawn_at"])
    log_activity(subject=visit, actor=actor, verb="withdraw_visitor",
                 note=f"{visitor.user.email} ({visitor.application.organisation.name})")
    if was_placed and visit.status in ALLOCATED_STATES:
        offer_free_places(visit=visit)
        keep_group_whole(visit=visit, organisation_id=visitor.application.organisation_id)
    return visitor


class VisitPlaces:
    """The places engine's ledger (``exchange.common.places.PlacesLedger``) of a locked visit."""

    def __init__(self, visit):
        self.visit = visit
        self.minimum = visit.min_per_force

    def free_places(self):
        return free_places(self.visit)

    def waiting(self):
        entries = list(WaitingEntry.objects.filter(visit=self.visit, status=WaitingStatus.WAITING)
                       .select_related("organisation").order_by("position"))
        counts = dict(Visitor.objects.filter(waiting_entry__in=entries, place=Place.WAITING)
                      .values("waiting_entry").annotate(n=Count("id"))
                      .values_list("waiting_entry", "n")) if entries else {}
        return [engine.WaitingCandidate(entry=e, organisation=e.organisation_id,
                                        is_group=e.is_group, waiting=counts.get(e.pk, 0))
                for e in entries]

    def below_minimum(self):
        held = dict(Visitor.objects.filter(visit=self.visit, place__in=[Place.PLACED, Place.OFFERED])
                    .values("application__organisation").annotate(n=Count("id"))
                    .values_list("application__organisation", "n"))
        placed = set(Visitor.objects.filter(visit=self.visit, place=Place.PLACED)
                     .values_list("application__organisation", flat=True))
        return engine.organisations_below_minimum(held=held, placed=placed, minimum=self.minimum)

    def offer(self, candidate, *, places, expires_at):
        entry = candidate.entry
        offer = PlaceOffer.objects.create(visit=self.visit, entry=entry, places=places,
                                          expires_at=expires_at)
        entry.status = WaitingStatus.OFFERED
        entry.save(update_fields=["status"])
        entry.visitors.filter(place=Place.WAITING).update(place=Place.OFFERED)
        log_activity(subject=self.visit, actor=None, verb="offer_place",
                     note=f"{places} place(s) to {entry.organisation.name} until "
                          f"{timezone.localtime(expires_at):%Y-%m-%d %H:%M}")
        _email_offer(offer)
        return offer


def offer_free_places(*, visit, now=None):
    """Offer every free place to the next waiting entries that fit. Call with the visit locked.

    A force's group needs the minimum; an extra colleague one place. A force left below the
    minimum (by a withdrawal, a decline) gets its own waiting colleagues offered first. Side
    effects: offers, entry states, log, emails.
    """
    return engine.offer_free_places(VisitPlaces(visit), now=now or timezone.now(),
                                    hours=offer_deadline_hours())


def keep_group_whole(*, visit, organisation_id, now=None):
    """Rule 1 after the allocation: a force keeps no places or at least the minimum group.

    Call with the visit locked, after a force lost a place and its own waiting colleagues were
    offered it. If the force still falls short with no colleague waiting or offered, its
    remaining visitors cannot make a group: when a waiting entry could use their places, the
    places are released (the visitors go on the waiting list as the force's group) and offered
    on; when nobody could use them, the visitors keep them, since an empty seat helps no one,
    and the organisers are told so they can decide. Side effects: places, a waiting entry, log,
    offers, emails.
    """
    visitors = list(Visitor.objects.filter(visit=visit, application__organisation_id=organisation_id)
                    .select_related("user", "application__organisation", "waiting_entry"))
    placed = [v for v in visitors if v.place == Place.PLACED]
    if not engine.group_left_short(placed=len(placed), minimum=visit.min_per_force,
                                   may_still_join=any(map(_may_still_join, visitors))):
        return
    organisation = placed[0].application.organisation
    ledger = VisitPlaces(visit)
    if engine.next_to_offer(ledger, free=ledger.free_places() + len(placed)) is None:
        log_activity(subject=visit, actor=None, verb="group_below_minimum",
                     note=f"{organisation.name}: {len(placed)} visitor(s), nobody waiting")
        _email_organisers_group_below_minimum(visit, organisation, placed)
        return
    entry = WaitingEntry.objects.create(visit=visit, organisation=organisation,
                                        position=_next_position(visit), is_group=True)
    Visitor.objects.filter(pk__in=[v.pk for v in placed]).update(place=Place.WAITING,
                                                                 waiting_entry=entry)
    log_activity(subject=visit, actor=None, verb="release_group_below_minimum",
                 note=f"{organisation.name}: {len(placed)} place(s) below the minimum of "
                      f"{visit.min_per_force} offered on")
    _email_released(visit, organisation, placed)
    offer_free_places(visit=visit, now=now)


def _may_still_join(visitor):
    """Offered a place, or waiting in an entry that may still be offered one."""
    return visitor.place == Place.OFFERED or (
        visitor.place == Place.WAITING and visitor.waiting_entry is not None
        and visitor.waiting_entry.status == WaitingStatus.WAITING)


def _lead_emails(visit, organisation):
    return {email for email in Application.objects.active().filter(
        visit=visit, organisation=organisation).values_list("applied_by__email", flat=True) if email}


def _email_released(visit, organisation, visitors):
    recipients = {v.user.email for v in visitors} | _lead_emails(visit, organisation)
    queue_emails(Email(to=email, template="visit_place_released",
                       context={"visit": visit, "organisation": organisation,
                                "visitors": visitors})
                 for email in sorted(recipients))


def _email_organisers_group_below_minimum(visit, organisation, visitors):
    organisers = User.objects.holding_staff_role(StaffRole.ORGANISER).filter(is_active=True)
    queue_emails(Email(to=organiser.email, template="visit_group_below_minimum",
                       context={"visit": visit, "organisation": organisation,
                                "visitors": visitors})
                 for organiser in organisers)


def _email_offer(offer):
    entry = offer.entry
    recipients = {v.user.email for v in entry.visitors.filter(place=Place.OFFERED).select_related("user")}
    lead_emails = Application.objects.active().filter(
        visit=offer.visit, organisation=entry.organisation).values_list("applied_by__email", flat=True)
    recipients |= {e for e in lead_emails if e}
    queue_emails(Email(to=email, template="visit_place_offered",
                       context={"offer": offer, "visit": offer.visit, "entry": entry})
                 for email in sorted(recipients))


def may_answer_offer(actor, offer):
    return allows(actor, "visits.answer_offer", offer)


@transaction.atomic
def accept_offer(*, offer, actor, now=None):
    """Take up an offered place before its deadline. Side effects: places, offer, log, email."""
    now = now or timezone.now()
    if not may_answer_offer(actor, offer):
        raise PermissionDenied("This offer is not yours to answer.")
    visit = lock_visit(offer.visit)
    if not engine.claim_offer(PlaceOffer.objects, pk=offer.pk, status=OfferStatus.ACCEPTED, now=now,
                              actor=actor, before_deadline=True):
        raise ValidationError("This offer has already been answered or has expired.")
    offer.refresh_from_db()
    entry = offer.entry
    offered = list(entry.visitors.filter(place=Place.OFFERED).order_by("position", "id"))
    taking, left = offered[:offer.places], offered[offer.places:]
    Visitor.objects.filter(pk__in=[v.pk for v in taking]).update(place=Place.PLACED, waiting_entry=None)
    for visitor in left:
        # Colleagues beyond the group's places wait on, one by one, as extras do.
        extra = WaitingEntry.objects.create(visit=visit, organisation=entry.organisation,
                                            position=_next_position(visit), is_group=False)
        Visitor.objects.filter(pk=visitor.pk).update(place=Place.WAITING, waiting_entry=extra)
    entry.status = WaitingStatus.ADMITTED
    entry.save(update_fields=["status"])
    log_activity(subject=visit, actor=actor, verb="accept_offer",
                 note=f"{entry.organisation.name}: {', '.join(v.user.email for v in taking)}")
    queue_emails(Email(to=visitor.user.email, template="visit_place_given",
                       context={"visit": visit, "visitor": visitor})
                 for visitor in taking)
    # Someone placed by hand meanwhile may have left one of these places unused.
    offer_free_places(visit=visit, now=now)
    return offer


@transaction.atomic
def decline_offer(*, offer, actor, now=None):
    """Say no to an offered place; it moves on to the next fitting entry. Side effects: offer,
    the entry's visitors withdrawn, log, new offers."""
    now = now or timezone.now()
    if not may_answer_offer(actor, offer):
        raise PermissionDenied("This offer is not yours to answer.")
    visit = lock_visit(offer.visit)
    if not engine.claim_offer(PlaceOffer.objects, pk=offer.pk, status=OfferStatus.DECLINED, now=now,
                              actor=actor):
        raise ValidationError("This offer has already been answered or has expired.")
    _pass_over(offer.entry, place=Place.WITHDRAWN)
    log_activity(subject=visit, actor=actor, verb="decline_offer", note=offer.entry.organisation.name)
    offer_free_places(visit=visit, now=now)
    keep_group_whole(visit=visit, organisation_id=offer.entry.organisation_id, now=now)
    return offer


def _pass_over(entry, *, place):
    WaitingEntry.objects.filter(pk=entry.pk).update(status=WaitingStatus.PASSED)
    entry.visitors.filter(place=Place.OFFERED).update(place=place)


def expire_due_offers(now=None):
    """Expire offers past their deadline and offer the places on. Each offer is claimed with a
    conditional UPDATE, so two workers never expire (and re-offer) the same one twice.
    Side effects: offers, entries, log, new offers and emails. Returns how many expired."""
    now = now or timezone.now()

    def expired(offer, visit):
        _pass_over(offer.entry, place=Place.WAITING)
        log_activity(subject=visit, actor=None, verb="expire_offer", note=offer.entry.organisation.name)
        offer_free_places(visit=visit, now=now)
        keep_group_whole(visit=visit, organisation_id=offer.entry.organisation_id, now=now)

    return engine.expire_due_offers(
        PlaceOffer.objects.select_related("visit", "entry__organisation"), now=now,
        lock=lambda offer: lock_visit(offer.visit), expired=expired)


def offer_deadline_hours():
    """How long an offer stays open: 48 hours unless settings say otherwise."""
    return getattr(settings, "EXCHANGE_VISIT_OFFER_HOURS", OFFER_HOURS)
