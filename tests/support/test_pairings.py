"""Pairings for introductions, mentoring and coaching, and their light record of meetings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.mail.models import OutboxMessage
from exchange.support.domain import pairings as pairing_domain
from exchange.support.enums import RequestStatus, SupportType
from exchange.support.models import Pairing, PairingMeeting
from tests.factories import TopicFactory

from .factories import PeerFactory, SupportRequestFactory

TODAY = timezone.localdate()


@pytest.fixture
def mentoring(force, lead):
    topic = TopicFactory(name="Managing change", slug="managing-change-test")
    return SupportRequestFactory(organisation=force, requested_by=lead, topics=[topic],
                                 support_type=SupportType.MENTORING, status=RequestStatus.AGREED)


@pytest.fixture
def pairing(mentoring, team_peer, organiser):
    return pairing_domain.pair_peer(
        request=mentoring, peer=team_peer, actor=organiser, person_name="Ira Inspector",
        person_role="Inspector", purpose="A first year as inspector",
        started_on=TODAY - datetime.timedelta(days=30))


def test_organisers_pair_a_peer_and_the_peer_and_the_forces_lead_are_emailed(
        client, organiser, mentoring, team_peer, lead):
    client.force_login(organiser)
    response = client.post(reverse("support:pairings", args=[mentoring.pk]), {
        "peer": team_peer.pk, "person_name": "Ira Inspector", "person_role": "Inspector",
        "purpose": "A first year as inspector", "started_on": TODAY.isoformat()})

    pairing = Pairing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("support:pairing", args=[pairing.pk])
    assert (pairing.peer, pairing.person_name, pairing.started_on) == (
        team_peer, "Ira Inspector", TODAY)
    assert set(OutboxMessage.objects.filter(template="pairing_made").values_list(
        "to", flat=True)) == {team_peer.user.email, lead.email}


def test_the_pairing_form_offers_only_the_ranked_candidates(client, organiser, mentoring,
                                                            team_peer, force):
    kent_peer = PeerFactory(organisation=force)
    client.force_login(organiser)
    form = client.get(reverse("support:pairings", args=[mentoring.pk])).context["form"]
    offered = {value for value, _ in form.fields["peer"].choices if value}
    assert team_peer.pk in offered and kent_peer.pk not in offered


def test_a_peer_of_the_force_is_not_paired(mentoring, force, organiser):
    with pytest.raises(ValidationError, match="works for the organisation"):
        pairing_domain.pair_peer(request=mentoring, peer=PeerFactory(organisation=force),
                                 actor=organiser, person_name="Ira Inspector")


def test_a_peer_review_is_not_paired(support_request, other_peer, organiser):
    with pytest.raises(ValidationError, match="needs a team of peers"):
        pairing_domain.pair_peer(request=support_request, peer=other_peer, actor=organiser,
                                 person_name="Ira Inspector")


def test_pairings_page_is_404_for_a_request_that_is_not_for_pairings(client, organiser,
                                                                     support_request):
    client.force_login(organiser)
    assert client.get(reverse("support:pairings", args=[support_request.pk])).status_code == 404


# Three people for a pairing: the paired peer and the force's lead see it and keep its record;
# a lead of another force and a peer not paired get 404.

def test_the_paired_peer_and_the_forces_lead_see_the_pairing(client, pairing, lead):
    for person in (pairing.peer.user, lead):
        client.force_login(person)
        response = client.get(reverse("support:pairing", args=[pairing.pk]))
        assert response.status_code == 200
        assert "Ira Inspector" in response.content.decode()


def test_a_lead_of_another_force_and_a_peer_not_paired_get_404(client, pairing, other_lead,
                                                               other_peer):
    url = reverse("support:pairing", args=[pairing.pk])
    for person in (other_lead, other_peer.user):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "meeting", "held_on": TODAY.isoformat(),
                                 "minutes": "30"}).status_code == 404
    assert not PairingMeeting.objects.exists()


def test_the_forces_lead_sees_the_pairings_list_but_cannot_pair(client, pairing, lead,
                                                               other_peer):
    client.force_login(lead)
    url = reverse("support:pairings", args=[pairing.request_id])
    response = client.get(url)
    assert response.status_code == 200
    assert "Ira Inspector" in response.content.decode()
    assert "Make the pairing" not in response.content.decode()
    assert client.post(url, {"peer": other_peer.pk, "person_name": "X"}).status_code == 403


def test_the_peer_records_a_meeting(client, pairing):
    client.force_login(pairing.peer.user)
    response = client.post(reverse("support:pairing", args=[pairing.pk]), {
        "action": "meeting", "held_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "minutes": "45", "note": "Talked through the first month."})

    assert response.status_code == 302
    meeting = PairingMeeting.objects.get(pairing=pairing)
    assert (meeting.minutes, meeting.note, meeting.recorded_by) == (
        45, "Talked through the first month.", pairing.peer.user)


def test_a_meeting_in_the_future_or_before_the_start_is_refused(client, pairing):
    client.force_login(pairing.peer.user)
    url = reverse("support:pairing", args=[pairing.pk])
    future = client.post(url, {"action": "meeting", "minutes": "30",
                               "held_on": (TODAY + datetime.timedelta(days=1)).isoformat()})
    early = client.post(url, {"action": "meeting", "minutes": "30",
                              "held_on": (TODAY - datetime.timedelta(days=60)).isoformat()})

    assert "must be today or in the past" in future.content.decode()
    assert "on or after the pairing started" in early.content.decode()
    assert not PairingMeeting.objects.exists()


def test_an_ended_pairing_takes_no_more_meetings(client, pairing, lead):
    client.force_login(lead)
    url = reverse("support:pairing", args=[pairing.pk])
    client.post(url, {"action": "end", "end-note": "Goals met"})

    pairing.refresh_from_db()
    assert pairing.ended_on == TODAY
    with pytest.raises(ValidationError, match="The pairing ended"):
        pairing_domain.record_meeting(pairing=pairing, held_on=TODAY, minutes=30, actor=lead)


def test_the_paired_peer_finds_the_pairing_on_their_invitations_page(client, pairing):
    client.force_login(pairing.peer.user)
    page = client.get(reverse("support:invitations")).content.decode()
    assert reverse("support:pairing", args=[pairing.pk]) in page


def test_pairings_page_query_count_does_not_grow_with_pairings(client, organiser, mentoring,
                                                               query_count):
    def add(n):
        for _ in range(n):
            Pairing.objects.create(request=mentoring, peer=PeerFactory(), person_name="Someone")

    add(2)
    client.force_login(organiser)
    url = reverse("support:pairings", args=[mentoring.pk])
    few = query_count.of_get(client, url)
    add(6)
    assert query_count.of_get(client, url) == few


def test_pairing_for_user_hides_pairings_from_other_forces_and_peers(pairing, lead, other_lead,
                                                                     other_peer, organiser):
    assert list(Pairing.objects.for_user(lead)) == [pairing]
    assert list(Pairing.objects.for_user(pairing.peer.user)) == [pairing]
    assert list(Pairing.objects.for_user(organiser)) == [pairing]
    assert not Pairing.objects.for_user(other_lead).exists()
    assert not Pairing.objects.for_user(other_peer.user).exists()
