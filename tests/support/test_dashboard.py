"""Peer support's panel on Your Exchange: a peer's invitations and work, a lead's requests with
the step waiting on them and their groups, and the organisers' queues."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import dashboards
from exchange.support.enums import GroupStatus, PeerStatus, RequestStatus, SupportType, TeamStatus
from exchange.support.models import (
    ActionPlanItem,
    Pairing,
    ProgressReview,
    Recommendation,
    Submission,
    TermsVersion,
)
from exchange.support.programme import support_dashboard
from tests.factories import UserFactory, member_of

from .factories import (
    MatchingGroupFactory,
    PeerFactory,
    SelfAssessmentFactory,
    SupportRequestFactory,
    TeamMemberFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db
HOME = reverse("people:home")


def panel_for(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('aria-labelledby="dashboard-support"')
    return page[start:page.index("</section>", start)]


def test_peer_support_declares_its_panel_after_visits():
    keys = [candidate.key for candidate in dashboards()]
    assert keys.index("visits") < keys.index("support") < keys.index("lessons")


# --- A peer -----------------------------------------------------------------------------------

def test_a_peer_sees_invitations_to_answer_and_their_current_work(client, team_peer,
                                                                  support_request, other_force):
    invited = TeamMemberFactory(peer=team_peer, status=TeamStatus.INVITED,
                                request=SupportRequestFactory(organisation=other_force))
    pairing = Pairing.objects.create(
        request=SupportRequestFactory(organisation=other_force, status=RequestStatus.UNDER_WAY,
                                      support_type=SupportType.MENTORING),
        peer=team_peer, person_name="Dana Detective")
    closed = SupportRequestFactory(organisation=other_force, status=RequestStatus.CLOSED)
    TeamMemberFactory(peer=team_peer, request=closed)

    panel = panel_for(client, team_peer.user)

    assert (f'<a class="govuk-link" href="{reverse("support:invitation", args=[invited.pk])}">'
            "Answer the invitation to join the team for Essex Police</a>") in panel
    assert (f'href="{reverse("support:request", args=[support_request.pk])}">Peer review '
            "(two to three days, by a team of peers) for Kent Police</a>: submitted") in panel
    assert (f'href="{reverse("support:pairing", args=[pairing.pk])}">Mentoring and coaching with '
            "Dana Detective, Essex Police</a>") in panel
    assert reverse("support:request", args=[closed.pk]) + '"' not in panel
    assert "Your peer profile" in panel


def test_a_paused_peer_is_reminded_they_will_not_be_invited(client, team_peer):
    team_peer.paused = True
    team_peer.paused_until = datetime.date(2031, 5, 4)
    team_peer.save()

    panel = panel_for(client, team_peer.user)

    assert "Your availability is paused until 4 May 2031, so you will not be invited." in panel


def test_an_applicant_is_told_the_application_waits(client, member):
    PeerFactory(user=member, status=PeerStatus.APPLIED)

    assert "Your application to become a peer is waiting for a decision." in panel_for(client,
                                                                                    member)


def test_someone_with_no_part_in_peer_support_is_offered_to_become_a_peer(client, member):
    panel = panel_for(client, member)

    assert f'href="{reverse("support:peer-apply")}">Apply to become a peer</a>' in panel
    assert "Your force's requests" not in panel
    assert "Waiting for programme staff" not in panel


# --- A lead -----------------------------------------------------------------------------------

def test_a_lead_is_asked_to_accept_the_latest_terms_and_fill_the_self_assessment(client, force,
                                                                                 lead):
    request = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
    TermsVersionFactory(request=request, number=1)
    TermsVersionFactory(request=request, number=2, accepted_by_staff=UserFactory(),
                        accepted_by_staff_at=timezone.now())

    panel = panel_for(client, lead)

    assert "Read and accept version 2 of the terms of reference." in panel
    assert f'href="{reverse("support:terms", args=[request.pk])}">Accept the terms' in panel
    assert "Fill in your self-assessment, so the peers know where you stand." in panel
    assert f'href="{reverse("support:self-assessment", args=[request.pk])}"' in panel


def test_a_lead_who_accepted_the_terms_and_assessed_waits_on_staff(client, force, lead):
    request = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
    TermsVersionFactory(request=request, number=1, accepted_by_force=lead,
                        accepted_by_force_at=timezone.now())
    SelfAssessmentFactory(organisation=force, request=request, submitted_at=timezone.now())

    panel = panel_for(client, lead)

    assert "Programme staff are writing the terms of reference." in panel
    assert "Accept the terms" not in panel
    assert "Fill in the self-assessment" not in panel


def test_a_lead_is_asked_for_the_action_plan_once_the_report_is_issued(client, force, lead):
    request = SupportRequestFactory(organisation=force, status=RequestStatus.FOLLOW_UP)
    answered = Recommendation.objects.create(request=request, number=1, text="Name leads.")
    ActionPlanItem.objects.create(recommendation=answered, action="Named", owner="Ch Insp")
    Recommendation.objects.create(request=request, number=2, text="Evaluate plans.")

    panel = panel_for(client, lead)

    assert "Write what you will do about each recommendation." in panel
    assert f'href="{reverse("support:action-plan", args=[request.pk])}">Update the action plan' \
        in panel


def test_a_lead_sees_only_their_own_forces_open_requests(client, force, other_force, lead):
    SupportRequestFactory(organisation=force, status=RequestStatus.SUBMITTED)
    essex = SupportRequestFactory(organisation=other_force, status=RequestStatus.SCOPING)
    withdrawn = SupportRequestFactory(organisation=force, status=RequestStatus.WITHDRAWN)

    panel = panel_for(client, lead)

    assert "Programme staff will contact you to agree the terms of reference." in panel
    assert reverse("support:request", args=[essex.pk]) not in panel
    assert reverse("support:request", args=[withdrawn.pk]) not in panel


def test_a_lead_sees_the_groups_waiting_for_their_guide_questions_or_submission(
        client, force, other_force, lead):
    guide = MatchingGroupFactory(title="Guide group", forces=[force, other_force])
    waiting = MatchingGroupFactory(title="Waiting group", status=GroupStatus.SUBMISSIONS,
                                   forces=[force, other_force])
    Submission.objects.create(group=waiting, organisation=other_force,
                              submitted_at=timezone.now())
    sent = MatchingGroupFactory(title="Sent group", status=GroupStatus.SUBMISSIONS,
                                forces=[force])
    Submission.objects.create(group=sent, organisation=force, submitted_at=timezone.now())
    MatchingGroupFactory(title="Not ours", forces=[other_force])

    panel = panel_for(client, lead)

    assert (f"Propose and comment on questions for the topic guide. <a class=\"govuk-link\" "
            f'href="{reverse("support:guide", args=[guide.pk])}">') in panel
    assert (f"Write and send Kent Police's submission. <a class=\"govuk-link\" "
            f'href="{reverse("support:submission", args=[waiting.pk])}">').replace(
        "'", "&#x27;") in panel
    assert "Sent group" not in panel
    assert "Not ours" not in panel


# --- Organisers -------------------------------------------------------------------------------

def test_an_organiser_sees_each_queue_with_its_size(client, organiser, force, team_peer):
    PeerFactory(status=PeerStatus.APPLIED)
    PeerFactory(status=PeerStatus.APPLIED)
    SupportRequestFactory(organisation=force, status=RequestStatus.SUBMITTED)
    scoping = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
    TermsVersionFactory(request=scoping, number=1)  # an older version does not count
    TermsVersionFactory(request=scoping, number=2)
    accepted = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
    TermsVersionFactory(request=accepted, number=1, accepted_by_staff=organiser,
                        accepted_by_staff_at=timezone.now())
    today = timezone.localdate()
    for days, held in ((10, None), (-3, None), (90, None), (5, today)):
        ProgressReview.objects.create(
            request=SupportRequestFactory(organisation=force, status=RequestStatus.FOLLOW_UP),
            due_on=today + datetime.timedelta(days=days), held_on=held,
            reminder_due_at=timezone.now())

    panel = panel_for(client, organiser)

    assert "2 peer applications to decide. The oldest has waited" in panel
    assert f'href="{reverse("support:peer-applications")}">Decide applications</a>' in panel
    assert "1 request submitted and waiting for scoping." in panel
    assert "1 terms of reference waiting for staff to accept." in panel
    first_due = today - datetime.timedelta(days=3)
    assert (f"2 progress reviews due in the next 30 days or overdue. The first is due on "
            f"{first_due.day} {first_due:%B %Y}.") in panel


def test_an_organiser_with_empty_queues_is_told_so(client, organiser):
    panel = panel_for(client, organiser)

    assert "No peer applications to decide." in panel
    assert "No progress reviews due in the next 30 days or overdue." in panel


# --- Queries ----------------------------------------------------------------------------------

def make_rows(force, other_force, peer, rows):
    for number in range(rows):
        request = SupportRequestFactory(organisation=force, status=RequestStatus.SCOPING)
        TermsVersion.objects.create(request=request, number=1, scope="s", questions="q",
                                    deliverables="d")
        TeamMemberFactory(request=request, peer=peer,
                          status=TeamStatus.INVITED if number % 2 else TeamStatus.ACCEPTED)
        Pairing.objects.create(request=request, peer=peer, person_name=f"Person {number}")
        group = MatchingGroupFactory(status=GroupStatus.SUBMISSIONS, forces=[force, other_force])
        Submission.objects.create(group=group, organisation=other_force)
        PeerFactory(status=PeerStatus.APPLIED)


def test_the_panel_costs_the_same_queries_however_many_rows(query_count, force, other_force,
                                                            organiser):
    # One person who is a lead, a peer and an organiser at once runs every query of the panel.
    person = member_of(force, role="lead", email="everything@kent.police.uk")
    person.groups.add(*organiser.groups.all())
    peer = PeerFactory(user=person, organisation=other_force)

    def cost():
        # A fresh user each time: the led organisations and the peer row are cached on it.
        user = type(person).objects.get(pk=person.pk)
        return query_count.of(lambda: support_dashboard(user))

    make_rows(force, other_force, peer, 1)
    few = cost()
    make_rows(force, other_force, peer, 6)
    many = cost()

    assert few == many and few >= 8
    context = support_dashboard(type(person).objects.get(pk=person.pk))
    assert len(context["requests"]) == 7 and len(context["groups"]) == 7
    assert len(context["invitations"]) == 3 and len(context["pairings"]) == 7
