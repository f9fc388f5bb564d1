"""Places: one engine for any programme that hands out a limited number of places.

A visit has twelve places for groups of police forces; an event will have places for
registrations. The rules are the same, so they live here, and this module names no programme.

What a programme supplies
-------------------------
- **The row that holds the capacity** (a visit, an event), with its ``capacity`` and the minimum
  group an organisation may send (1 when people come on their own). The programme locks it with
  ``select_for_update()`` inside ``transaction.atomic()`` before anything that changes who holds a
  place, so places are counted by one writer at a time (DESIGN.md, "Capacity is counted under a
  lock").
- **Its applications**, as :class:`GroupApplication`: an organisation, when it applied, how many
  places it received recently (the programme decides what "recently" means), and the people it
  named, in the order it named them.
- **Its waiting list and offers**, as concrete models inheriting :class:`WaitingEntry` and
  :class:`TimeLimitedOffer`. The bases hold the columns and states the rules need; the programme
  adds what ties a row to its world (the visit or event, the organisation, the waiting entry an
  offer is for), its manager and its ``Meta``.
- **A ledger** (:class:`PlacesLedger`): four reads and one write over the locked row's places,
  so the waiting-list rules can run without knowing the programme's tables.
- Its own activity log lines and emails: the engine writes neither.

What it gets
------------
- :func:`allocate`: the places and the waiting list, as a pure function of the applications
  (rules 1-5 below), with no database.
- :func:`offer_free_places`: every free place offered on to the next waiting entry that fits,
  with a deadline (:func:`offer_expires_at`); :func:`next_to_offer` is the choice alone.
- :func:`group_left_short`: whether an organisation has fallen below the minimum group with
  nobody of its own still able to join (the programme then releases or reports the places).
- :func:`claim_offer`: the one conditional UPDATE that answers, expires or cancels an open offer,
  so two requests (or two workers) never both act on it; :func:`cancel_open_offers`.
- :func:`expire_due_offers`: the periodic job's body: claims every offer past its deadline, each
  in its own transaction under the programme's lock, and hands it back to the programme.
- :func:`next_position`, :func:`free_places`: small sums the programme would otherwise repeat.

The allocation rules
--------------------
1. an organisation gets no places or at least the minimum group;
2. the places given never exceed the capacity;
3. as many organisations as possible are admitted before any gets more than the minimum; extra
   colleagues of placed organisations then fill what is left;
4. organisations are taken in order of fewest recent places, then earliest application;
5. everyone not placed goes on the waiting list, in that order: whole groups first, then
   extra colleagues one by one.

After the allocation, a freed place goes first to a waiting colleague of an organisation left
below the minimum, then to the first waiting entry that fits: a group needs the minimum free, an
extra colleague one place. An offer holds its places until it is accepted, declined or expires.
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.db import models, transaction


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Offered"
    ADMITTED = "admitted", "Admitted"
    PASSED = "passed", "Passed over"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OfferStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


# The allocation: a pure function of the applications.

@dataclass(frozen=True)
class GroupApplication:
    organisation: object  # any hashable, orderable id
    applied_at: datetime.datetime
    recent_places: int
    people: tuple  # in the order the organisation named them


@dataclass(frozen=True)
class WaitingLine:
    organisation: object
    people: tuple
    is_group: bool  # a whole organisation not placed (needs the minimum) or one extra colleague


@dataclass
class Allocation:
    places: dict = field(default_factory=dict)  # organisation -> tuple of people, in order
    waiting_list: list = field(default_factory=list)  # of WaitingLine, in offer order

    @property
    def placed_count(self):
        return sum(len(people) for people in self.places.values())


def application_order(applications):
    """Rule 4: fewest recent places, then earliest application (then id, to be total)."""
    return sorted(applications, key=lambda a: (a.recent_places, a.applied_at, a.organisation))


def allocate(*, capacity, minimum, applications):
    """Places and the waiting list for ``applications`` (GroupApplication) under rules 1-5."""
    if minimum < 1 or capacity < 0:
        raise ValueError("The minimum must be at least 1 and the capacity not negative")
    ordered = application_order(applications)
    result = Allocation()
    free = capacity
    # Every organisation needs the same minimum, so admitting in order while the minimum fits
    # admits the most organisations; once one does not fit, none after it would.
    for application in ordered:
        if len(application.people) >= minimum and free >= minimum:
            result.places[application.organisation] = list(application.people[:minimum])
            free -= minimum
    extras_waiting = _fill_with_extras(ordered, result.places, free)
    for application in ordered:
        if application.organisation not in result.places:
            result.waiting_list.append(WaitingLine(application.organisation,
                                                   tuple(application.people), True))
    result.waiting_list.extend(extras_waiting)
    result.places = {org: tuple(people) for org, people in result.places.items()}
    return result


def _fill_with_extras(ordered, places, free):
    """Give what is left to placed organisations' extra colleagues, one per organisation per
    round, in order; return the extras who did not get a place, in the order they would have."""
    queues = [(a.organisation, list(a.people[len(places[a.organisation]):]))
              for a in ordered if a.organisation in places]
    not_placed = []
    while any(queue for _, queue in queues):
        for organisation, queue in queues:
            if not queue:
                continue
            person = queue.pop(0)
            if free > 0:
                places[organisation].append(person)
                free -= 1
            else:
                not_placed.append(WaitingLine(organisation, (person,), False))
    return not_placed


# The waiting list and offers of freed places.

@dataclass(frozen=True)
class WaitingCandidate:
    """A waiting entry as the rules see it: ``entry`` is the programme's own row."""

    entry: object
    organisation: object
    is_group: bool
    waiting: int  # its people still waiting (an entry whose people all left has none)


class PlacesLedger(Protocol):
    """The places of one capacity-holding row, which the programme has locked."""

    minimum: int

    def free_places(self) -> int:
        """Capacity less places held and places held for open offers."""

    def waiting(self) -> list[WaitingCandidate]:
        """Entries still waiting to be offered a place, in waiting-list order."""

    def below_minimum(self) -> set:
        """Organisations holding some places (placed or offered, at least one placed) but fewer
        than the minimum."""

    def offer(self, candidate: WaitingCandidate, *, places: int, expires_at: datetime.datetime):
        """Make and announce the offer; mark the entry and its people offered. Returns it."""


def free_places(*, capacity, placed, offered):
    return capacity - placed - offered


def offer_size(*, is_group, minimum):
    """A group needs the minimum to come at all; an extra colleague one place."""
    return minimum if is_group else 1


def offer_expires_at(now, *, hours):
    return now + datetime.timedelta(hours=hours)


def next_to_offer(ledger, *, free):
    """The waiting entry the next ``free`` places go to, or None if none fits.

    A waiting colleague of an organisation left below the minimum comes first, so the group
    already there can still come; then the first entry that fits: a group with the minimum
    free and at least the minimum people still waiting, or an extra colleague still waiting.
    """
    waiting = ledger.waiting()
    if not waiting:
        return None
    short = ledger.below_minimum()
    own = [c for c in waiting if c.organisation in short and not c.is_group and c.waiting]
    if own:
        return own[0]
    for candidate in waiting:
        if candidate.is_group:
            if free >= ledger.minimum and candidate.waiting >= ledger.minimum:
                return candidate
        elif candidate.waiting:
            return candidate
    return None


def offer_free_places(ledger, *, now, hours):
    """Offer every free place to the next waiting entries that fit, each until ``now`` plus
    ``hours``. Call with the capacity row locked. Side effects: the ledger's ``offer``."""
    offers = []
    while (free := ledger.free_places()) > 0:
        candidate = next_to_offer(ledger, free=free)
        if candidate is None:
            break
        places = offer_size(is_group=candidate.is_group, minimum=ledger.minimum)
        offers.append(ledger.offer(candidate, places=places,
                                   expires_at=offer_expires_at(now, hours=hours)))
    return offers


def group_left_short(*, placed, minimum, may_still_join):
    """Rule 1 after the allocation: an organisation holding ``placed`` places, fewer than the
    minimum, with nobody of its own offered or waiting to be, cannot make a group."""
    return 0 < placed < minimum and not may_still_join


def organisations_below_minimum(*, held, placed, minimum):
    """From ``held`` ({organisation: places placed or offered}) and the organisations with a
    place ``placed``: those holding fewer than the minimum."""
    return {org for org, n in held.items() if org in placed and n < minimum}


# The rows: abstract bases a programme's waiting list and offers inherit.

class WaitingEntry(models.Model):
    """One line of an ordered waiting list: an organisation's group, or one extra colleague."""

    position = models.PositiveSmallIntegerField()
    is_group = models.BooleanField(help_text="An organisation not placed, needing the minimum group.")
    status = models.CharField(max_length=20, choices=WaitingStatus.choices,
                              default=WaitingStatus.WAITING)

    class Meta:
        abstract = True


class TimeLimitedOffer(models.Model):
    """Freed places offered to a waiting entry until a deadline; the places are held meanwhile."""

    places = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=OfferStatus.choices,
                              default=OfferStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


def next_position(entries):
    """The position after the last of ``entries`` (one waiting list's rows)."""
    last = entries.order_by("-position").first()
    return (last.position if last else 0) + 1


def claim_offer(offers, *, pk, status, now, actor=None, before_deadline=False):
    """Move the open offer ``pk`` to ``status`` if it is still open (and, with
    ``before_deadline``, not yet due). True if this caller won it.

    One conditional UPDATE, so of two requests or workers acting on the same offer exactly one
    wins, even without a lock on the offer itself.
    """
    rows = offers.filter(pk=pk, status=OfferStatus.OPEN)
    if before_deadline:
        rows = rows.filter(expires_at__gt=now)
    decision = {"status": status, "decided_at": now}
    if actor is not None:
        decision["decided_by"] = actor
    return bool(rows.update(**decision))


def cancel_open_offers(offers, *, now):
    """Cancel every open offer in ``offers`` (a fresh allocation replaces them)."""
    return offers.filter(status=OfferStatus.OPEN).update(status=OfferStatus.CANCELLED,
                                                         decided_at=now)


def expire_due_offers(offers, *, now, lock, expired):
    """Expire every open offer in ``offers`` whose deadline has passed. Returns how many.

    Each offer is handled in its own transaction: ``lock(offer)`` locks the programme's
    capacity row and returns it; the offer is claimed with :func:`claim_offer`, so two workers
    never expire (and offer on) the same one twice; then ``expired(offer, locked)`` lets the
    programme pass the entry over, log it and offer the places on. Side effects: the offers',
    and ``expired``'s.
    """
    due = list(offers.filter(status=OfferStatus.OPEN, expires_at__lte=now)
               .values_list("pk", flat=True))
    count = 0
    for pk in due:
        with transaction.atomic():
            offer = offers.get(pk=pk)
            locked = lock(offer)
            if not claim_offer(offers, pk=pk, status=OfferStatus.EXPIRED, now=now):
                continue
            expired(offer, locked)
            count += 1
    return count
