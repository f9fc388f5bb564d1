"""Rule 1 after a withdrawal: a force keeps no places or at least the minimum group."""

import pytest

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.people.models import Organisation
from exchange.visits import domain
from exchange.visits.enums import Place
from exchange.visits.models import PlaceOffer, Visitor
from tests.factories import member_of

from .conftest import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_lead(organiser, programme_year):
    merseyside, _ = Organisation.objects.get_or_create(
        slug="merseyside-police", defaults={"name": "Merseyside Police", "type": "territorial_police"})
    domain.add_member(actor=organiser, programme_year=programme_year, organisation=merseyside)
    lead = member_of(merseyside, role="lead", email="lead@merseyside.police.uk")
    return lead, member_of(merseyside, email="pc@merseyside.police.uk")


def place_of(user):
    return Visitor.objects.get(user=user).place


def test_a_lone_visitor_after_a_withdrawal_is_offered_on_to_a_waiting_force(
        make_visit, organiser, lead, member, colleague, other_lead, other_colleague, third_lead):
    visit = make_visit(capacity=4)
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.apply(visit=visit, lead=third_lead[0], visitors=rows(*third_lead))
    domain.run_allocation(visit=visit, actor=organiser)
    assert place_of(third_lead[1]) == Place.WAITING

    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)

    # Kent's colleague would go alone: both Kent places go to Merseyside's waiting group.
    assert place_of(colleague) == Place.WAITING
    offer = PlaceOffer.objects.get()
    assert (offer.entry.organisation.name, offer.places) == ("Merseyside Police", 2)
    released = OutboxMessage.objects.filter(template="visit_place_released")
    assert sorted(m.to for m in released) == [colleague.email, lead.email]
    assert "place (Casey Colleague) has been offered to a force" in released[0].body_text
    assert Activity.objects.for_object(visit).filter(verb="release_group_below_minimum").exists()
    assert not OutboxMessage.objects.filter(template="visit_group_below_minimum").exists()


def test_a_lone_visitor_nobody_could_replace_keeps_the_place_and_staff_are_told(
        make_visit, organiser, lead, member, colleague, other_lead, other_colleague):
    visit = make_visit(capacity=4)
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)

    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)

    assert place_of(colleague) == Place.PLACED
    assert not PlaceOffer.objects.exists()
    [told] = OutboxMessage.objects.filter(template="visit_group_below_minimum")
    assert told.to == organiser.email
    assert told.subject == "Action needed: Kent Police has 1 visitor on Street triage"
    assert colleague.email in told.body_text


def test_a_force_whose_own_colleague_declines_the_place_is_then_released(
        make_visit, organiser, lead, member, colleague, other_lead, other_colleague, third_lead):
    visit = make_visit(capacity=4)
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague, lead))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.apply(visit=visit, lead=third_lead[0], visitors=rows(*third_lead))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    own = PlaceOffer.objects.get()
    assert own.entry.visitors.get().user == lead  # Kent's own waiting colleague first

    domain.decline_offer(offer=own, actor=lead)

    assert place_of(colleague) == Place.WAITING
    assert PlaceOffer.objects.get(status="open").entry.organisation.name == "Merseyside Police"


def test_the_emails_about_a_group_below_the_minimum_read_well(
        make_visit, organiser, lead, member, colleague, other_lead, other_colleague):
    visit = make_visit(capacity=4)
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.apply(visit=visit, lead=other_lead, visitors=rows(other_lead, other_colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.withdraw_visitor(visitor=member.visit_places.get(), actor=member)
    told = OutboxMessage.objects.get(template="visit_group_below_minimum")
    assert f"- {colleague.full_name} ({colleague.email})" in told.body_text
    assert "so it stays with Kent Police for now" in told.body_text
    assert f"/visits/manage/{visit.pk}/" in told.body_text
