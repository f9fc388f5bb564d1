"""Assembling a team: the ranked candidates page, invitations and their answers, the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.support.domain import team as team_domain
from exchange.support.enums import RequestStatus, Sector, SupportType, TeamStatus
from exchange.support.models import (
    DimensionScore,
    MatrixDimension,
    PeerAbsence,
    PeerConflict,
    SupportRequest,
    TeamMember,
)
from tests.factories import OrganisationFactory, TopicFactory, UserFactory

from .factories import (
    PeerFactory,
    SelfAssessmentFactory,
    SupportRequestFactory,
    TeamMemberFactory,
)


@pytest.fixture
def investigations(db):
    return TopicFactory(name="Investigations", slug="investigations-test")


@pytest.fixture
def kent_request(force, lead, investigations):
    return SupportRequestFactory(organisation=force, requested_by=lead, topics=[investigations],
                                 status=RequestStatus.SCOPING)


def _peer(name, organisation=None, **fields):
    email = name.lower().replace(" ", ".") + "@peers.example"
    return PeerFactory(user=UserFactory(email=email, full_name=name),
                       organisation=organisation or OrganisationFactory(), **fields)


def test_team_page_ranks_candidates_with_reasons_and_leaves_out_who_it_must(
        client, organiser, kent_request, force, investigations, third_force):
    knows = _peer("Kim Knows", third_force, expertise=[investigations])
    other = _peer("Ola Other", sector=Sector.PUBLIC)
    _peer("Kent Colleague", force, expertise=[investigations])
    conflicted = _peer("Con Flicted", expertise=[investigations])
    PeerConflict.objects.create(peer=conflicted, organisation=force, reason="Former employer")
    _peer("Pat Paused", expertise=[investigations], paused=True)
    away = _peer("Abe Away", expertise=[investigations])
    PeerAbsence.objects.create(peer=away, starts_on=kent_request.preferred_from,
                               ends_on=kent_request.preferred_to)

    client.force_login(organiser)
    response = client.get(reverse("support:team", args=[kent_request.pk]))

    assert response.status_code == 200
    shown = [p.peer for p in response.context["page"].object_list]
    assert shown == [knows, other]
    assert response.context["page"].object_list[0].reasons[0] == (
        "Knows the one topic asked for: Investigations")
    page = response.content.decode()
    assert "Knows the one topic asked for: Investigations" in page
    for left_out in ("Kent Colleague", "Con Flicted", "Pat Paused", "Abe Away"):
        assert left_out not in page


def test_team_page_filters_by_expertise_and_sector(client, organiser, kent_request,
                                                   investigations):
    police = _peer("Poppy Police", expertise=[investigations])
    public = _peer("Pablo Public", sector=Sector.PUBLIC, expertise=[investigations])
    _peer("Nina Nothing", sector=Sector.PUBLIC)
    client.force_login(organiser)
    url = reverse("support:team", args=[kent_request.pk])

    by_topic = client.get(url, {"expertise": investigations.pk}).context["page"].object_list
    by_sector = client.get(url, {"sector": Sector.PUBLIC, "expertise": investigations.pk})

    assert {p.peer for p in by_topic} == {police, public}
    assert [p.peer for p in by_sector.context["page"].object_list] == [public]


def test_team_page_query_count_does_not_grow_with_the_pool(client, organiser, kent_request,
                                                           investigations, query_count):
    def add_peers(n):
        for _ in range(n):
            peer = _peer(f"Peer {PeerFactory._meta.model.objects.count()}",
                         expertise=[investigations])
            PeerAbsence.objects.create(peer=peer, starts_on=datetime.date(2020, 1, 1),
                                       ends_on=datetime.date(2020, 1, 2))
            TeamMemberFactory(peer=peer, status=TeamStatus.ACCEPTED)

    add_peers(2)
    TeamMemberFactory(request=kent_request, peer=_peer("On Team"), status=TeamStatus.INVITED)
    client.force_login(organiser)
    url = reverse("support:team", args=[kent_request.pk])
    few = query_count.of_get(client, url)
    add_peers(8)
    assert query_count.of_get(client, url) == few


def test_lead_is_refused_the_team_page_and_anyone_who_cannot_see_the_request_gets_404(
        client, kent_request, lead, other_lead, other_peer):
    url = reverse("support:team", args=[kent_request.pk])
    client.force_login(lead)
    assert client.get(url).status_code == 403
    for person in (other_lead, other_peer.user):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_inviting_stores_the_reasons_and_emails_the_peer_a_link(client, organiser, kent_request,
                                                                investigations, third_force):
    peer = _peer("Ivy Invited", third_force, expertise=[investigations])
    client.force_login(organiser)

    response = client.post(reverse("support:team", args=[kent_request.pk]),
                           {"action": "invite", "peer": peer.pk})

    assert response.status_code == 302
    member = TeamMember.objects.get(request=kent_request, peer=peer)
    assert member.status == TeamStatus.INVITED
    assert member.invited_by == organiser
    assert member.reasons[0] == "Knows the one topic asked for: Investigations"
    email = OutboxMessage.objects.get(template="invitation", to=peer.user.email)
    assert email.subject.startswith("Action needed")
    assert reverse("support:invitation", args=[member.pk]) in email.body_text
    assert kent_request.issue not in email.body_text


def test_inviting_a_peer_of_the_requesting_force_is_refused_with_the_reason(
        client, organiser, kent_request, force):
    peer = _peer("Kay Kent", force)
    client.force_login(organiser)

    response = client.post(reverse("support:team", args=[kent_request.pk]),
                           {"action": "invite", "peer": peer.pk})

    assert response.status_code == 200
    assert "works for the organisation that asked for support" in response.content.decode()
    assert not TeamMember.objects.filter(peer=peer).exists()


def test_a_peer_who_used_their_days_this_quarter_is_not_proposed(kent_request, investigations):
    busy = _peer("Bea Busy", expertise=[investigations], days_per_quarter=3)
    elsewhere = SupportRequestFactory(preferred_from=kent_request.preferred_from)
    TeamMemberFactory(request=elsewhere, peer=busy, status=TeamStatus.ACCEPTED, days=3)

    assert busy not in [p.peer for p in team_domain.candidates(request=kent_request)]
    with pytest.raises(ValidationError, match="has no days left this quarter"):
        team_domain.invite_peer(request=kent_request, peer=busy, actor=None)


def test_gaps_in_the_latest_self_assessment_add_to_a_peers_score(kent_request, force):
    evidence = TopicFactory(name="Evidence-based policing", slug="ebp-test")
    dimension = MatrixDimension.objects.create(name="Evidence use test", order=1)
    dimension.topics.set([evidence])
    assessment = SelfAssessmentFactory(organisation=force, submitted_at=kent_request.created_at)
    DimensionScore.objects.create(assessment=assessment, dimension=dimension, level=1, target=3)
    knows = _peer("Eve Evidence", expertise=[evidence])
    plain = _peer("Pia Plain")

    ranked = team_domain.candidates(request=kent_request)

    assert [p.peer for p in ranked] == [knows, plain]
    assert ("Knows Evidence-based policing, where the self-assessment shows a gap of 2 levels"
            in ranked[0].reasons)


@pytest.fixture
def invitation(kent_request, third_force, investigations, organiser):
    peer = _peer("Ina Invitee", third_force, expertise=[investigations])
    return team_domain.invite_peer(request=kent_request, peer=peer, actor=organiser)


def test_only_the_invited_peer_sees_the_invitation(client, invitation, lead, other_peer,
                                                   organiser, other_lead):
    url = reverse("support:invitation", args=[invitation.pk])
    client.force_login(invitation.peer.user)
    response = client.get(url)
    assert response.status_code == 200
    assert "Investigations" in response.content.decode()
    # Not the confidential issue until they accept.
    assert invitation.request.issue not in response.content.decode()
    for person in (other_peer.user, lead, other_lead, organiser):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
        assert client.post(url, {"answer": "accept"}).status_code == 404
    assert TeamMember.objects.get(pk=invitation.pk).status == TeamStatus.INVITED


def test_the_email_link_sends_someone_signed_out_to_sign_in_first(client, invitation):
    response = client.get(reverse("support:invitation", args=[invitation.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:sign-in"))


def test_accepting_puts_the_peer_on_the_team_and_tells_the_organisers(client, invitation,
                                                                     organiser):
    peer_user = invitation.peer.user
    assert not SupportRequest.objects.for_user(peer_user).filter(pk=invitation.request_id).exists()
    client.force_login(peer_user)

    response = client.post(reverse("support:invitation", args=[invitation.pk]),
                           {"answer": "accept"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == TeamStatus.ACCEPTED and invitation.answered_at
    assert SupportRequest.objects.for_user(peer_user).filter(pk=invitation.request_id).exists()
    email = OutboxMessage.objects.get(template="invitation_answered", to=organiser.email)
    assert "accepted" in email.subject


def test_declining_keeps_the_reason_and_the_peer_is_not_proposed_again(client, invitation,
                                                                      organiser):
    client.force_login(invitation.peer.user)
    client.post(reverse("support:invitation", args=[invitation.pk]),
                {"answer": "decline", "reason": "On leave that month"})

    invitation.refresh_from_db()
    assert invitation.status == TeamStatus.DECLINED
    assert invitation.decline_reason == "On leave that month"
    assert "On leave that month" in OutboxMessage.objects.get(
        template="invitation_answered").body_text
    assert invitation.peer not in [p.peer for p in team_domain.candidates(
        request=invitation.request)]
    response = client.post(reverse("support:invitation", args=[invitation.pk]),
                           {"answer": "accept"})
    assert "declined already" in response.content.decode()


def test_an_answer_must_be_chosen(client, invitation):
    client.force_login(invitation.peer.user)
    response = client.post(reverse("support:invitation", args=[invitation.pk]), {})
    assert "Select an answer to “Will you join the team?”" in response.content.decode()


def test_withdrawing_an_invitation_emails_the_peer_and_it_can_be_sent_again(client, invitation,
                                                                           organiser):
    client.force_login(organiser)
    url = reverse("support:team", args=[invitation.request_id])
    client.post(url, {"action": "withdraw", "member": invitation.pk, "note": "Team is full"})

    invitation.refresh_from_db()
    assert invitation.status == TeamStatus.WITHDRAWN
    assert "Team is full" in OutboxMessage.objects.get(template="invitation_withdrawn").body_text
    client.force_login(invitation.peer.user)
    page = client.get(reverse("support:invitation", args=[invitation.pk])).content.decode()
    assert "Staff withdrew this invitation" in page

    client.force_login(organiser)
    client.post(url, {"action": "invite", "peer": invitation.peer_id})
    invitation.refresh_from_db()
    assert invitation.status == TeamStatus.INVITED


def test_a_pairing_request_has_no_team_invitations(organiser, force, investigations):
    mentoring = SupportRequestFactory(organisation=force, support_type=SupportType.MENTORING,
                                      topics=[investigations])
    with pytest.raises(ValidationError, match="pair a peer"):
        team_domain.invite_peer(request=mentoring, peer=_peer("Mo Mentor"), actor=organiser)


def test_invitations_page_lists_the_persons_own_invitations(client, invitation, other_peer):
    client.force_login(invitation.peer.user)
    page = client.get(reverse("support:invitations")).content.decode()
    assert reverse("support:invitation", args=[invitation.pk]) in page

    client.force_login(other_peer.user)
    page = client.get(reverse("support:invitations")).content.decode()
    assert reverse("support:invitation", args=[invitation.pk]) not in page
    assert "You have no invitations yet" in page


# --- The API ----------------------------------------------------------------------------


def test_api_lists_candidates_on_the_envelope_with_reasons(client, organiser, kent_request,
                                                           investigations, third_force):
    peer = _peer("Api Peer", third_force, expertise=[investigations])
    client.force_login(organiser)

    response = client.get(f"/api/v1/support-requests/{kent_request.pk}/candidates")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["num_pages"] == 1
    [item] = body["items"]
    assert item["peer_id"] == peer.pk and item["name"] == "Api Peer"
    assert item["expertise"] == ["Investigations"]
    assert item["reasons"][0] == "Knows the one topic asked for: Investigations"
    assert item["score"] > 0


def test_api_answers_401_403_and_404(client, kent_request, lead, organiser):
    url = f"/api/v1/support-requests/{kent_request.pk}/candidates"
    assert client.get(url).status_code == 401
    client.force_login(lead)
    assert client.get(url).status_code == 403
    client.force_login(organiser)
    assert client.get("/api/v1/support-requests/999999/candidates").status_code == 404

