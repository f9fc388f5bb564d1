"""Many requests at once never overbook and never act on one offer twice. Needs PostgreSQL's row
locks and real threads.

The engine's claims are tested on the one concrete offer table there is today, the visits'
``PlaceOffer``; the overbooking tests run through the visits' domain, which locks the visit, as
a programme using the engine must lock its capacity row.
"""

import datetime

import pytest
from django.utils import timezone

from exchange.common import places
from exchange.visits import domain
from exchange.visits.enums import OfferStatus, Place
from exchange.visits.models import PlaceOffer, Visit, Visitor, WaitingEntry
from tests.concurrency import POSTGRESQL_ONLY, run_together
from tests.factories import member_of
from tests.visits import conftest as visits

# The visits' fixtures, for the tests that run through the visits' domain.
host, make_visit, organiser, programme_year = visits.host, visits.make_visit, visits.organiser, \
    visits.programme_year
other_lead, other_colleague, rows = visits.other_lead, visits.other_colleague, visits.rows

pytestmark = [pytest.mark.django_db(transaction=True), POSTGRESQL_ONLY]


@pytest.fixture
def due_offers(make_visit, force):
    visit = make_visit(capacity=6)
    past = timezone.now() - datetime.timedelta(hours=1)
    for position in (1, 2, 3):
        entry = WaitingEntry.objects.create(visit=visit, organisation=force, position=position,
                                            is_group=False)
        PlaceOffer.objects.create(visit=visit, entry=entry, places=1, expires_at=past)
    return visit


def test_of_many_claims_on_one_offer_exactly_one_wins(due_offers):
    offer = PlaceOffer.objects.first()
    now = timezone.now()
    outcomes = run_together([
        lambda: places.claim_offer(PlaceOffer.objects, pk=offer.pk, status=OfferStatus.DECLINED,
                                   now=now)
        for _ in range(8)])
    assert sorted(outcomes) == [False] * 7 + [True]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED


def test_workers_expiring_due_offers_together_expire_each_once(due_offers):
    handed_back = []
    now = timezone.now()

    def expire():
        return places.expire_due_offers(
            PlaceOffer.objects.all(), now=now,
            lock=lambda offer: Visit.objects.select_for_update().get(pk=offer.visit_id),
            expired=lambda offer, visit: handed_back.append(offer.pk))

    outcomes = run_together([expire for _ in range(4)])
    assert sum(outcomes) == 3
    assert sorted(handed_back) == sorted(PlaceOffer.objects.values_list("pk", flat=True))
    assert set(PlaceOffer.objects.values_list("status", flat=True)) == {OfferStatus.EXPIRED}


def test_parallel_adjustments_never_give_more_places_than_capacity(make_visit, organiser, lead, force):
    visit = make_visit(capacity=4)
    people = [member_of(force) for _ in range(10)]
    domain.apply(visit=visit, lead=lead, visitors=rows(*people))
    domain.run_allocation(visit=visit, actor=organiser)
    # Free two places, then let eight waiting people be placed by hand at once.
    for visitor in Visitor.objects.filter(visit=visit, place=Place.PLACED)[:2]:
        domain.adjust_place(visitor=visitor, actor=organiser, place=Place.WAITING, reason="test")
    waiting = list(Visitor.objects.filter(visit=visit, place=Place.WAITING))
    outcomes = run_together([
        lambda v=v: domain.adjust_place(visitor=v, actor=organiser, place=Place.PLACED, reason="race")
        and "ok"
        for v in waiting])
    assert outcomes.count("ok") == 2
    assert Visitor.objects.filter(visit=visit, place=Place.PLACED).count() == 4


def test_parallel_withdrawals_and_acceptances_never_overbook(make_visit, organiser, lead, force, other_lead,
                                                            other_colleague):
    visit = make_visit(capacity=6)
    people = [member_of(force) for _ in range(12)]
    domain.apply(visit=visit, lead=lead, visitors=rows(*people))
    domain.run_allocation(visit=visit, actor=organiser)
    placed = list(Visitor.objects.filter(visit=visit, place=Place.PLACED).select_related("user",
                                                                                         "application"))
    outcomes = run_together([lambda v=v: domain.withdraw_visitor(visitor=v, actor=v.user) and "ok"
                             for v in placed[:4]])
    assert outcomes == ["ok"] * 4
    offers = list(PlaceOffer.objects.filter(visit=visit, status="open"))
    assert sum(o.places for o in offers) == 4
    outcomes = run_together([lambda o=o: domain.accept_offer(offer=o, actor=lead) and "ok" for o in offers]
                            + [lambda o=o: domain.accept_offer(offer=o, actor=lead) and "ok" for o in offers])
    assert outcomes.count("ok") == 4
    assert Visitor.objects.filter(visit=visit, place=Place.PLACED).count() == 6
    assert domain.free_places(visit) == 0
