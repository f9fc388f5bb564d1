"""No overbooking under 50 parallel registrations: each thread its own database connection,
all released together, on PostgreSQL's row locks."""

import pytest

from exchange.events.domain import places
from exchange.events.enums import RegistrationStatus
from exchange.events.models import PlaceOffer, Registration, WaitingPlace
from tests.concurrency import POSTGRESQL_ONLY, run_together
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = [pytest.mark.django_db(transaction=True), POSTGRESQL_ONLY]

PEOPLE = 50
CAPACITY = 10


def test_fifty_people_registering_at_once_never_overbook():
    event = EventFactory(capacity=CAPACITY)
    people = [UserFactory(email=f"racer{n}@example.org") for n in range(PEOPLE)]
    outcomes = run_together([
        (lambda person=person: places.register(event=event, actor=person).status)
        for person in people])
    assert sorted(outcomes) == sorted([RegistrationStatus.REGISTERED] * CAPACITY
                                      + [RegistrationStatus.WAITING] * (PEOPLE - CAPACITY))
    assert Registration.objects.filter(event=event, status="registered").count() == CAPACITY
    positions = list(WaitingPlace.objects.filter(event=event).order_by("position")
                     .values_list("position", flat=True))
    assert positions == list(range(1, PEOPLE - CAPACITY + 1))


def test_one_person_registering_twice_at_once_is_registered_once():
    event = EventFactory(capacity=5)
    person = UserFactory()
    outcomes = run_together([lambda: places.register(event=event, actor=person).status] * 6)
    assert outcomes.count(RegistrationStatus.REGISTERED) == 1
    assert outcomes.count("ValidationError") == 5


def test_cancellations_racing_registrations_never_overbook():
    event = EventFactory(capacity=5)
    holders = [UserFactory(email=f"holder{n}@example.org") for n in range(5)]
    for person in holders:
        places.register(event=event, actor=person)
    newcomers = [UserFactory(email=f"new{n}@example.org") for n in range(20)]
    run_together([(lambda p=p: places.cancel_registration(event=event, actor=p)) for p in holders]
                 + [(lambda p=p: places.register(event=event, actor=p)) for p in newcomers])
    registered = Registration.objects.filter(event=event, status="registered").count()
    offered = PlaceOffer.objects.filter(event=event, status="open").count()
    assert registered + offered <= 5
    assert offered == 5 - registered
