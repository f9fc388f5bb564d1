"""Readers' voice: propose themes, editors approve them before other readers see them, one
vote each, editors see the ranking."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.common.models import Activity
from exchange.lessons import domain
from exchange.lessons.enums import ProposalStatus
from exchange.lessons.models import ThemeVote

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(editor, member):
    proposal = domain.propose_theme(user=member, title="Stop and search")
    return domain.approve_theme(proposal=proposal, actor=editor)


def test_a_reader_proposes_a_theme_and_it_carries_their_vote(client, member):
    client.force_login(member)
    response = client.post(reverse("lessons:themes"), {"title": "Stop and search"}, follow=True)
    assert ThemeVote.objects.get().user == member
    page = response.content.decode()
    assert "Once an editor approves it, other readers can see it and vote for it." in page
    assert "Waiting for an editor" in page


def test_a_proposal_is_not_shown_to_other_readers_until_an_editor_approves_it(
        client, member, colleague, editor):
    proposal = domain.propose_theme(user=member, title="Stop and search")
    client.force_login(colleague)
    assert "Stop and search" not in client.get(reverse("lessons:themes")).content.decode()
    assert client.post(reverse("lessons:theme-vote", args=[proposal.pk])).status_code == 404
    client.force_login(editor)
    client.post(reverse("lessons:theme-decision", args=[proposal.pk, "approve"]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    client.force_login(colleague)
    assert "Stop and search" in client.get(reverse("lessons:themes")).content.decode()
    [logged] = Activity.objects.for_object(proposal).filter(verb="approve_theme")
    assert (logged.actor, logged.from_state, logged.to_state) == (editor, "pending", "approved")


def test_a_declined_proposal_is_seen_only_by_its_proposer(client, member, colleague, editor):
    proposal = domain.propose_theme(user=member, title="My neighbour")
    domain.decline_theme(proposal=proposal, actor=editor, reason="Not a theme")
    client.force_login(colleague)
    assert "My neighbour" not in client.get(reverse("lessons:themes")).content.decode()
    client.force_login(member)
    assert "Not taken up" in client.get(reverse("lessons:themes")).content.decode()


def test_only_editors_approve_or_decline(member, colleague):
    proposal = domain.propose_theme(user=member, title="Stop and search")
    with pytest.raises(PermissionDenied):
        domain.approve_theme(proposal=proposal, actor=colleague)
    with pytest.raises(PermissionDenied):
        domain.decline_theme(proposal=proposal, actor=member)


def test_a_waiting_proposal_cannot_be_voted_for(member, colleague):
    proposal = domain.propose_theme(user=member, title="Stop and search")
    with pytest.raises(ValidationError, match="once an editor has approved it"):
        domain.vote(user=colleague, proposal=proposal)


def test_each_person_votes_once_per_proposal(client, colleague, outsider, approved):
    for person in (colleague, colleague, outsider):
        client.force_login(person)
        client.post(reverse("lessons:theme-vote", args=[approved.pk]))
    assert approved.votes.count() == 3
    client.force_login(colleague)
    client.post(reverse("lessons:theme-vote", args=[approved.pk]), {"remove": "1"})
    assert approved.votes.count() == 2


def test_editors_see_what_waits_then_the_ranking_and_readers_do_not(
        client, member, colleague, editor, approved):
    domain.vote(user=colleague, proposal=approved)
    fraud = domain.approve_theme(proposal=domain.propose_theme(user=colleague, title="Fraud"),
                                 actor=editor)
    domain.propose_theme(user=colleague, title="Drones")
    client.force_login(editor)
    assert "1 waiting for approval" in client.get(reverse("lessons:editor")).content.decode()
    page = client.get(reverse("lessons:theme-ranking")).content.decode()
    assert page.index("Drones") < page.index("Stop and search") < page.index(fraud.title)
    assert reverse("lessons:theme-decision", args=[fraud.pk, "decline"]) in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    client.force_login(member)
    assert client.get(reverse("lessons:theme-ranking")).status_code == 403
