"""Places on a visit: running the allocation, adjusting it, withdrawals and offers of freed places.

Everything that changes who holds a place runs in ``transaction.atomic()`` after locking the
visit row with ``select_for_update()``, so places are counted by one writer at a time and a visit
is never overbooked, however many requests arrive together.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_emails
from exchange.people.enums import StaffRole
from exchange.people.models import User

from .. import allocation as rules_of_allocation
from ..enums import ALLOCATED_STATES, OFFER_HOURS, OfferStatus, Place, VisitStatus, WaitingStatus
from ..models import Application, PlaceOffer, Visit, Visitor, WaitingEntry
from .applications import lead_organisation
from .programme import STATES, require_organiser
from .programme import can_run_visits as is_organiser


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
    return [rules_of_allocation.ForceApplication(
        organisation=a.organisation_id, applied_at=a.applied_at,
        recent_places=recent[a.organisation_id],
        visitors=tuple(v.pk for v in a.visitors.all() if v.place != Place.WITHDRAWN))
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
    result = rules_of_allocation.allocate(capacity=visit.capacity, minimum=visit.min_per_force,
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
    PlaceOffer.objects.filter(visit=visit, status=OfferStatus.OPEN).update(
        status=OfferStatus.CANCELLED, decided_at=timezone.now())
    Visitor.objects.current().filter(visit=visit).update(place=Place.APPLIED, waiting_entry=None)
    WaitingEntry.objects.filter(visit=visit).delete()
    placed = [pk for visitors in result.places.values() for pk in visitors]
    Visitor.objects.filter(pk__in=placed).update(place=Place.PLACED)
    for position, line in enumerate(result.waiting_list, start=1):
        entry = WaitingEntry.objects.create(visit=visit, organisation_id=line.organisation,
                                            position=position, is_group=line.is_group)
        Visitor.objects.filter(pk__in=line.visitors).update(place=Place.WAITING, waiting_entry=entry)


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
    return visit.capacity - placed - offered


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
    last = WaitingEntry.objects.filter(visit=visit).order_by("-position").first()
    return (last.position if last else 0) + 1


def may_withdraw(actor, visitor):
    if not actor.is_authenticated:
        return False
    return (visitor.user_id == actor.pk or is_organiser(actor)
            or lead_organisation(actor) == visitor.application.organisation)


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


def offer_free_places(*, visit, now=None):
    """Offer every free place to the next waiting entries that fit. Call with the visit locked.

    A force's group needs the minimum; an extra colleague one place. A force left below the
    minimum (by a withdrawal, a decline) gets its own waiting colleagues offered first. Side
    effects: offers, entry states, emails.
    """
    now = now or timezone.now()
    offers = []
    while (free := free_places(visit)) > 0:
        entry = _next_fitting_entry(visit, free)
        if entry is None:
            break
        places = visit.min_per_force if entry.is_group else 1
        expires_at = now + datetime.timedelta(hours=offer_deadline_hours())
        offer = PlaceOffer.objects.create(visit=visit, entry=entry, places=places,
                                          expires_at=expires_at)
        entry.status = WaitingStatus.OFFERED
        entry.save(update_fields=["status"])
        entry.visitors.filter(place=Place.WAITING).update(place=Place.OFFERED)
        log_activity(subject=visit, actor=None, verb="offer_place",
                     note=f"{places} place(s) to {entry.organisation.name} until "
                          f"{timezone.localtime(expires_at):%Y-%m-%d %H:%M}")
        _email_offer(offer)
        offers.append(offer)
    return offers


def _next_fitting_entry(visit, free):
    waiting = list(WaitingEntry.objects.filter(visit=visit, status=WaitingStatus.WAITING)
                   .select_related("organisation").order_by("position"))
    if not waiting:
        return None
    short = _organisations_below_minimum(visit)
    waiting_counts = dict(Visitor.objects.filter(waiting_entry__in=waiting, place=Place.WAITING)
                          .values("waiting_entry").annotate(n=Count("id"))
                          .values_list("waiting_entry", "n"))
    own = [e for e in waiting if e.organisation_id in short and not e.is_group
           and waiting_counts.get(e.pk, 0)]
    if own:
        return own[0]
    for entry in waiting:
        if entry.is_group:
            if free >= visit.min_per_force and waiting_counts.get(entry.pk, 0) >= visit.min_per_force:
                return entry
        elif waiting_counts.get(entry.pk, 0):
            return entry
    return None


def _organisations_below_minimum(visit):
    """{organisation id: places} for forces holding some places, placed or offered, but fewer
    than the minimum group."""
    held = dict(Visitor.objects.filter(visit=visit, place__in=[Place.PLACED, Place.OFFERED])
                .values("application__organisation").annotate(n=Count("id"))
                .values_list("application__organisation", "n"))
    placed = set(Visitor.objects.filter(visit=visit, place=Place.PLACED)
                 .values_list("application__organisation", flat=True))
    return {org: n for org, n in held.items() if org in placed and n < visit.min_per_force}


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
    if not placed or len(placed) >= visit.min_per_force or any(map(_may_still_join, visitors)):
        return
    organisation = placed[0].application.organisation
    if _next_fitting_entry(visit, free_places(visit) + len(placed)) is None:
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
    organisers = User.objects.filter(groups__name=StaffRole.ORGANISER, is_active=True)
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
    if not actor.is_authenticated:
        return False
    return (is_organiser(actor) or lead_organisation(actor) == offer.entry.organisation
            or offer.entry.visitors.filter(user=actor).exists())


@transaction.atomic
def accept_offer(*, offer, actor, now=None):
    """Take up an offered place before its deadline. Side effects: places, offer, log, email."""
    now = now or timezone.now()
    if not may_answer_offer(actor, offer):
        raise PermissionDenied("This offer is not yours to answer.")
    visit = lock_visit(offer.visit)
    claimed = PlaceOffer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN, expires_at__gt=now
                                        ).update(status=OfferStatus.ACCEPTED, decided_at=now,
                                                 decided_by=actor)
    if not claimed:
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
    claimed = PlaceOffer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN).update(
        status=OfferStatus.DECLINED, decided_at=now, decided_by=actor)
    if not claimed:
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
    due = list(PlaceOffer.objects.filter(status=OfferStatus.OPEN, expires_at__lte=now)
               .values_list("pk", flat=True))
    expired = 0
    for pk in due:
        with transaction.atomic():
            offer = PlaceOffer.objects.select_related("visit", "entry__organisation").get(pk=pk)
            visit = lock_visit(offer.visit)
            if not PlaceOffer.objects.filter(pk=pk, status=OfferStatus.OPEN).update(
                    status=OfferStatus.EXPIRED, decided_at=now):
                continue
            _pass_over(offer.entry, place=Place.WAITING)
            log_activity(subject=visit, actor=None, verb="expire_offer",
                         note=offer.entry.organisation.name)
            offer_free_places(visit=visit, now=now)
            keep_group_whole(visit=visit, organisation_id=offer.entry.organisation_id, now=now)
            expired += 1
    return expired


def offer_deadline_hours():
    """How long an offer stays open: 48 hours unless settings say otherwise."""
    return getattr(settings, "EXCHANGE_VISIT_OFFER_HOURS", OFFER_HOURS)
