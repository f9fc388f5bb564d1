import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.visits import domain
from exchange.visits.enums import OfferStatus, Place, VisitStatus
from exchange.visits.models import PlaceOffer, Visit, Visitor
from tests.factories import member_of

from .conftest import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocated(make_visit, organiser, lead, member, colleague, other_lead, other_colleague):
    """Capacity 4, minimum 2: Kent (three named) and Essex (two) each get two places; Kent's
    third colleague waits as an extra."""
    visit = make_visit(capacity=4)
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague, lead))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    visit.refresh_from_db()
    return visit


def places(visit):
    return {v.user.email: v.place for v in Visitor.objects.filter(visit=visit).select_related("user")}


def test_running_the_allocation_stores_places_and_the_waiting_list(allocated, organiser):
    visit = allocated
    assert visit.status == VisitStatus.ALLOCATED
    assert places(visit) == {"member@kent.police.uk": "placed", "colleague@kent.police.uk": "placed",
                             "lead@kent.police.uk": "waiting", "lead@essex.police.uk": "placed",
                             "colleague@essex.police.uk": "placed"}
    assert domain.current_allocation(visit) == {
        "places": [{"organisation": "Kent Police", "visitors": ["member@kent.police.uk",
                                                               "colleague@kent.police.uk"]},
                   {"organisation": "Essex Police", "visitors": ["lead@essex.police.uk",
                                                                "colleague@essex.police.uk"]}],
        "waiting_list": [{"organisation": "Kent Police", "visitors": ["lead@kent.police.uk"]}]}
    assert OutboxMessage.objects.filter(template="visit_place_given").count() == 4
    assert OutboxMessage.objects.filter(template="visit_place_waiting", to="lead@kent.police.uk").exists()


def test_places_in_the_last_year_put_a_force_behind(make_visit, organiser, lead, member, colleague,
                                                      other_lead, other_colleague):
    earlier = make_visit(capacity=2, title="Earlier")
    domain.apply(visit=earlier, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=earlier, actor=organiser)
    # Places count once the visit has taken place (rule 4), not while it is still to come.
    Visit.objects.filter(pk=earlier.pk).update(date=timezone.localdate() - datetime.timedelta(days=60),
                                               status=VisitStatus.VISITED)
    visit = make_visit(capacity=2, title="Now")
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    assert [p["organisation"] for p in domain.current_allocation(visit)["places"]] == ["Essex Police"]


def test_a_withdrawal_offers_the_place_to_the_next_waiting_by_email(allocated, member):
    visit = allocated
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    offer = PlaceOffer.objects.get()
    assert (offer.places, offer.status, offer.entry.organisation.name) == (1, "open", "Kent Police")
    hours = (offer.expires_at - offer.created_at).total_seconds() / 3600
    assert round(hours) == 48
    offered = OutboxMessage.objects.filter(template="visit_place_offered")
    assert [m.to for m in offered] == ["lead@kent.police.uk"]
    assert offered[0].subject.startswith("Action needed: a place on Street triage is offered until")
    assert places(visit)["lead@kent.police.uk"] == Place.OFFERED


def test_accepting_an_offer_gives_the_place(allocated, member, lead):
    visit = allocated
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    domain.accept_offer(offer=PlaceOffer.objects.get(), actor=lead)
    assert places(visit)["lead@kent.police.uk"] == Place.PLACED
    assert domain.free_places(visit) == 0


def test_an_unanswered_offer_expires_and_moves_on(make_visit, organiser, lead, member, colleague,
                                                  other_lead, other_colleague, force):
    visit = make_visit(capacity=4)
    spare = member_of(force, email="spare@kent.police.uk")
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague, lead, spare))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    first = PlaceOffer.objects.get(status="open")
    assert first.entry.visitors.get().user == lead
    later = timezone.now() + datetime.timedelta(hours=49)
    assert domain.process_deadlines(now=later)["offers_expired"] == 1
    first.refresh_from_db()
    assert first.status == OfferStatus.EXPIRED
    second = PlaceOffer.objects.get(status="open")
    assert second.entry.visitors.get().user == spare
    assert Activity.objects.for_object(visit).filter(verb="expire_offer").count() == 1
    # A second worker finds nothing left to expire.
    assert domain.expire_due_offers(now=later) == 0


def test_declining_moves_the_offer_to_the_next_entry(allocated, member, lead):
    visit = allocated
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    domain.decline_offer(offer=PlaceOffer.objects.get(), actor=lead)
    assert places(visit)["lead@kent.police.uk"] == Place.WITHDRAWN


def test_adjusting_by_hand_needs_a_reason_is_logged_and_never_overbooks(allocated, organiser, lead):
    visit = allocated
    waiting = lead.visit_places.get()
    with pytest.raises(ValidationError):
        domain.adjust_place(visitor=waiting, actor=organiser, place=Place.PLACED, reason=" ")
    with pytest.raises(ValidationError, match="full"):
        domain.adjust_place(visitor=waiting, actor=organiser, place=Place.PLACED, reason="VIP")
    placed = Visitor.objects.filter(visit=visit, place=Place.PLACED).first()
    domain.adjust_place(visitor=placed, actor=organiser, place=Place.WAITING, reason="Clash")
    domain.adjust_place(visitor=waiting, actor=organiser, place=Place.PLACED, reason="Swap")
    notes = list(Activity.objects.for_object(visit).filter(verb="adjust_allocation")
                 .values_list("note", flat=True))
    assert any(note.endswith(": Swap") for note in notes)
    assert Visitor.objects.filter(visit=visit, place=Place.PLACED).count() <= visit.capacity


def test_a_group_left_below_the_minimum_gets_its_own_colleague_first(make_visit, organiser, lead, member,
                                                                     colleague, other_lead,
                                                                     other_colleague, force):
    visit = make_visit(capacity=4)
    third = member_of(force, email="third@kent.police.uk")
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague, third))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=lead)
    assert PlaceOffer.objects.get().entry.visitors.get().user == third


def test_an_offer_is_answered_by_its_group_its_lead_or_an_organiser_only(
        allocated, member, lead, other_lead, other_colleague, organiser, reviewer):
    domain.withdraw_visitor(visitor=Visitor.objects.get(visit=allocated, user=member), actor=member)
    offer = PlaceOffer.objects.get()  # to Kent's waiting group: its lead is the one waiting
    assert [domain.may_answer_offer(person, offer)
            for person in (lead, organiser, other_lead, other_colleague, reviewer)] == [
        True, True, False, False, False]
    with pytest.raises(PermissionDenied):
        domain.accept_offer(offer=offer, actor=other_lead)
