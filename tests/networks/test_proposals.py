"""Starting a network: a member proposes one (the page says how to run one); organisers
approve it, which creates the network with the proposer as facilitator, or decline it with a
reason; the proposer is emailed and every step is logged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.networks.domain import proposals as domain
from exchange.networks.enums import MemberRole, MembershipStatus, ProposalStatus
from exchange.networks.models import Network, NetworkProposal
from tests.factories import TopicFactory, UserFactory, member_of, staff_user

from .factories import NetworkFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return staff_user("Organiser", email="organiser@example.org")


def test_a_member_proposes_a_network_and_the_organisers_are_told(client, force, organiser):
    proposer = member_of(force)
    topic = TopicFactory()
    client.force_login(proposer)
    page = client.get(reverse("networks:propose")).content.decode()
    assert "How to run an improvement network" in page
    response = client.post(reverse("networks:propose"), {
        "name": "Neighbourhood problem solving", "topic": topic.pk, "purpose": "Share plans",
        "audience": "Sergeants", "facilitation": "Me, monthly"})
    assert response.status_code == 302
    proposal = NetworkProposal.objects.get()
    assert (proposal.proposed_by, proposal.status) == (proposer, ProposalStatus.SUBMITTED)
    assert OutboxMessage.objects.get().to == organiser.email
    assert Activity.objects.for_object(proposal).get().verb == "propose"


def test_the_proposal_form_keeps_what_was_typed(client, force):
    client.force_login(member_of(force))
    response = client.post(reverse("networks:propose"), {"name": "Half done"})
    assert response.status_code == 200
    assert "Enter the purpose" in response.content.decode()
    assert 'value="Half done"' in response.content.decode()


def test_someone_without_an_organisation_may_not_propose(client):
    client.force_login(UserFactory())
    assert client.get(reverse("networks:propose")).status_code == 403


def test_approving_creates_the_network_with_the_proposer_as_facilitator(client, organiser):
    proposal = ProposalFactory(name="Demand")
    NetworkFactory(slug="demand")
    client.force_login(organiser)
    response = client.post(reverse("networks:proposal", args=[proposal.pk]),
                           {"decision": "approve", "is_closed": "on"})
    network = Network.objects.get(proposal=proposal)
    assert response.status_code == 302 and response["Location"] == network.get_absolute_url()
    assert network.slug == "demand-2" and network.is_closed
    assert network.purpose == proposal.purpose and network.topic == proposal.topic
    [membership] = network.memberships.all()
    assert (membership.user, membership.role, membership.status) == (
        proposal.proposed_by, MemberRole.FACILITATOR, MembershipStatus.ACTIVE)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.APPROVED, organiser)
    assert OutboxMessage.objects.get(to=proposal.proposed_by.email).template == \
        "network_proposal_approved"


def test_declining_needs_a_reason_and_sends_it(client, organiser):
    proposal = ProposalFactory()
    client.force_login(organiser)
    url = reverse("networks:proposal", args=[proposal.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert "Enter why the proposal is declined" in response.content.decode()
    client.post(url, {"decision": "decline", "reason": "One already covers this."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    message = OutboxMessage.objects.get(to=proposal.proposed_by.email)
    assert "One already covers this." in message.body_text
    assert not Network.objects.exists()


def test_a_decided_proposal_cannot_be_decided_again(organiser):
    proposal = ProposalFactory()
    domain.decline(proposal=proposal, actor=organiser, reason="No")
    with pytest.raises(ValidationError):
        domain.approve(proposal=proposal, actor=organiser)


def test_only_organisers_see_the_proposals(client, force, organiser):
    ProposalFactory(name="Visible to organisers")
    client.force_login(member_of(force))
    assert client.get(reverse("networks:proposals")).status_code == 403
    client.force_login(organiser)
    assert "Visible to organisers" in client.get(reverse("networks:proposals")).content.decode()


def test_the_proposals_queue_keeps_its_queries_fixed(client, organiser, query_count):
    client.force_login(organiser)
    ProposalFactory.create_batch(2)
    few = query_count.of_get(client, reverse("networks:proposals"))
    ProposalFactory.create_batch(8)
    assert query_count.of_get(client, reverse("networks:proposals")) == few
