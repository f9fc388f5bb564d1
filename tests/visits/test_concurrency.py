"""Many requests at once never overbook a visit. Needs PostgreSQL's row locks and real threads."""

import threading

import pytest
from django.db import close_old_connections, connection

from exchange.visits import domain
from exchange.visits.enums import Place
from exchange.visits.models import PlaceOffer, Visitor
from tests.factories import member_of

from .conftest import rows

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises every writer, so a race cannot happen there; "
                              "run with DATABASE_URL=postgres://… to test the row locks"),
]


def run_together(functions):
    barrier = threading.Barrier(len(functions))
    outcomes = []

    def worker(function):
        barrier.wait()
        try:
            function()
            outcomes.append("ok")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


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
    outcomes = run_together([lambda v=v: domain.withdraw_visitor(visitor=v, actor=v.user)
                             for v in placed[:4]])
    assert outcomes == ["ok"] * 4
    offers = list(PlaceOffer.objects.filter(visit=visit, status="open"))
    assert sum(o.places for o in offers) == 4
    outcomes = run_together([lambda o=o: domain.accept_offer(offer=o, actor=lead) for o in offers]
                            + [lambda o=o: domain.accept_offer(offer=o, actor=lead) for o in offers])
    assert outcomes.count("ok") == 4
    assert Visitor.objects.filter(visit=visit, place=Place.PLACED).count() == 6
    assert domain.free_places(visit) == 0
