"""Peer support's people: staff who run it, the requesting force's lead, a peer on the team,
a peer not on the team and a lead of another force (the confidentiality tests' cast)."""

import pytest

from exchange.support.enums import Sector, TeamStatus
from tests.access import force_named
from tests.factories import UserFactory, staff_user

from .factories import PeerFactory, SupportRequestFactory, TeamMemberFactory, lead_of


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def other_lead(other_force):
    return lead_of(other_force, email="lead@essex.police.uk", full_name="Esme Essex")


@pytest.fixture
def third_force(db):
    # The data migration ships the real forces; a run with --no-migrations or a browser test
    # (which flushes them) has none, so make it if it is missing.
    return force_named("merseyside-police", "Merseyside Police", "merseyside.police.uk",
                       "north_west")


@pytest.fixture
def team_peer(third_force):
    return PeerFactory(user=UserFactory(email="peer@merseyside.police.uk", full_name="Pip Peer"),
                       organisation=third_force)


@pytest.fixture
def other_peer(db):
    return PeerFactory(user=UserFactory(email="peer@charity.example", full_name="Nico Notonteam"),
                       organisation=None, organisation_name="Calm Minds (with Avon NHS Trust)",
                       sector=Sector.VOLUNTARY)


@pytest.fixture
def support_request(force, lead, team_peer):
    request = SupportRequestFactory(organisation=force, requested_by=lead)
    TeamMemberFactory(request=request, peer=team_peer, status=TeamStatus.ACCEPTED)
    return request
