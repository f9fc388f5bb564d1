"""Readers' voice: propose themes, one vote each, editors see the ranking."""

import pytest
from django.urls import reverse

from exchange.lessons import domain
from exchange.lessons.models import ThemeVote

pytestmark = pytest.mark.django_db


def test_a_reader_proposes_a_theme_and_it_carries_their_vote(client, member):
    client.force_login(member)
    response = client.post(reverse("lessons:themes"), {"title": "Stop and search"})
    assert response.status_code == 302
    assert ThemeVote.objects.get().user == member


def test_each_person_votes_once_per_proposal(client, member, colleague, outsider):
    proposal = domain.propose_theme(user=member, title="Stop and search")
    for person in (colleague, colleague, outsider):
        client.force_login(person)
        client.post(reverse("lessons:theme-vote", args=[proposal.pk]))
    assert proposal.votes.count() == 3
    client.force_login(colleague)
    client.post(reverse("lessons:theme-vote", args=[proposal.pk]), {"remove": "1"})
    assert proposal.votes.count() == 2


def test_editors_see_the_ranking_and_readers_do_not(client, member, colleague, editor):
    popular = domain.propose_theme(user=member, title="Stop and search")
    domain.vote(user=colleague, proposal=popular)
    domain.propose_theme(user=colleague, title="Fraud")
    client.force_login(editor)
    page = client.get(reverse("lessons:theme-ranking")).content.decode()
    assert page.index("Stop and search") < page.index("Fraud")
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    client.force_login(member)
    assert client.get(reverse("lessons:theme-ranking")).status_code == 403
