"""Peer support's part of a person's learning record: a peer's engagements (with the hours they
recorded) and pairings (meeting hours), from their CPD record, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from exchange.common.programmes import programme
from exchange.support.enums import SupportType
from exchange.support.models import Pairing, PairingMeeting

from .factories import PeerFactory, SupportRequestFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def entries(user):
    return programme("support").learning_record.entries(user)


def test_engagements_and_pairings_with_their_hours_newest_first(support_request, team_peer,
                                                                 other_force):
    support_request.starts_on, support_request.ends_on = (datetime.date(2026, 3, 2),
                                                          datetime.date(2026, 3, 4))
    support_request.save()
    member = support_request.team.get()
    member.hours = Decimal("21.5")
    member.save()
    pairing = Pairing.objects.create(
        request=SupportRequestFactory(organisation=other_force,
                                      support_type=SupportType.MENTORING),
        peer=team_peer, person_name="Sam Sergeant", started_on=datetime.date(2026, 1, 10))
    PairingMeeting.objects.bulk_create([
        PairingMeeting(pairing=pairing, held_on=datetime.date(2026, 1, 10), minutes=60),
        PairingMeeting(pairing=pairing, held_on=datetime.date(2026, 2, 10), minutes=45)])
    first, second = entries(team_peer.user)
    assert (first.date, first.title, first.cpd_hours, first.url) == (
        datetime.date(2026, 3, 4), f"{SupportType.PEER_REVIEW.label} for Kent Police", 21.5,
        reverse("support:request", args=[support_request.pk]))
    assert (second.date, second.cpd_hours, second.kind) == (
        datetime.date(2026, 1, 10), 1.8, "Peer support pairing")
    assert "Essex Police" in second.title and "2 meetings" in second.title


def test_someone_who_is_no_peer_has_nothing_from_peer_support(member):
    assert entries(member) == []


def test_the_queries_do_not_grow_with_engagements(team_peer, force, query_count):
    TeamMemberFactory(request=SupportRequestFactory(organisation=force), peer=team_peer)
    user = type(team_peer.user).objects.get(pk=team_peer.user_id)
    few = query_count.of(lambda: entries(user))
    for _ in range(4):
        TeamMemberFactory(request=SupportRequestFactory(organisation=force), peer=team_peer)
        pairing = Pairing.objects.create(request=SupportRequestFactory(organisation=force),
                                         peer=team_peer, person_name="Someone")
        PairingMeeting.objects.create(pairing=pairing, held_on=datetime.date(2026, 1, 1),
                                      minutes=30)
    user = type(team_peer.user).objects.get(pk=team_peer.user_id)
    assert query_count.of(lambda: entries(user)) == few
    assert len(entries(user)) == 9


def test_another_peers_engagements_are_not_in_the_record(support_request, force):
    other = PeerFactory()
    TeamMemberFactory(request=SupportRequestFactory(organisation=force), peer=other)
    assert len(entries(other.user)) == 1
