"""Offers expire and reminders go out because the worker's scheduler runs the visits job."""

import datetime

import pytest
from django.utils import timezone

from exchange.common import scheduling
from exchange.mail.models import OutboxMessage
from exchange.visits import domain
from exchange.visits.enums import OfferStatus
from exchange.visits.models import PlaceOffer
from tests.factories import member_of

from .conftest import rows

pytestmark = pytest.mark.django_db


def test_an_offer_past_its_deadline_moves_on_at_the_schedulers_next_tick(
        make_visit, organiser, lead, member, colleague, other_lead, other_colleague, force):
    visit = make_visit(capacity=4)
    spare = member_of(force, email="spare@kent.police.uk")
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague, lead, spare))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    first = PlaceOffer.objects.get(status=OfferStatus.OPEN)

    done = scheduling.tick(now=timezone.now() + datetime.timedelta(hours=49))

    assert done["visits.deadlines"] == {"offers_expired": 1, "reminders_sent": 0}
    first.refresh_from_db()
    assert first.status == OfferStatus.EXPIRED
    second = PlaceOffer.objects.get(status=OfferStatus.OPEN)
    assert second.entry.visitors.get().user == spare
    assert OutboxMessage.objects.filter(template="visit_place_offered", to=spare.email).exists()
