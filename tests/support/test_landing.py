"""The landing page at /support/: what peer support is, and the action each person can take."""

import pytest
from django.urls import reverse

from exchange.support.enums import PeerStatus, SupportType
from tests.factories import UserFactory

from .factories import PeerFactory, lead_of

pytestmark = pytest.mark.django_db
LANDING = reverse("support:landing")


def page_for(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(LANDING)
    assert response.status_code == 200
    return response.content.decode()


def link(url_name, text):
    return f'href="{reverse(url_name)}">{text}</a>'


def test_it_explains_peer_support_its_principles_and_the_five_types(client):
    page = page_for(client)

    assert "<h1 class=\"govuk-heading-xl\">Getting organisational support from your peers</h1>" \
        in page
    for principle in ("Respect", "Shared responsibility", "Mutual agreement of what is helpful"):
        assert f"<strong>{principle}</strong>" in page
    for _value, label in SupportType.choices:
        assert f'<dt class="govuk-summary-list__key">{label}</dt>' in page
    for heading in ("Who the peers are", "Peer matching",
                    "Improvement networks and knowledge sharing events",
                    "Learning from past support"):
        assert heading in page


def test_someone_signed_out_is_offered_to_sign_in_for_each_action(client):
    page = page_for(client)

    sign_in = reverse("people:sign-in")
    assert f'href="{sign_in}?next=%2Fsupport%2Frequests%2Fnew%2F">Sign in to ask for support' \
        in page
    assert f'href="{sign_in}?next=%2Fsupport%2Fpeers%2Fapply%2F">Sign in to apply to become a ' \
        'peer' in page
    assert link("people:sign-up", "create one") in page
    assert f'href="{reverse("support:pool")}"' not in page
    assert reverse("support:request-new") + '"' not in page


def test_the_page_links_the_matrix_past_learning_events_and_networks(client):
    page = page_for(client)

    assert f'href="{reverse("support:matrix")}"' in page
    assert link("support:learning", "Read what forces learned from peer support") in page
    assert link("events:list", "See upcoming knowledge sharing events") in page
    assert link("networks:list", "Find an improvement network to join") in page
    assert "mailto:" not in page


def test_a_lead_can_ask_for_support_see_the_pool_and_join_peer_matching(client, lead):
    page = page_for(client, lead)

    assert f'href="{reverse("support:request-new")}">Ask for support</a>' in page
    assert link("support:requests", "See your force's requests") in page
    assert link("support:pool", "See the pool of peers") in page
    assert "their expertise and sector, in outline" in page
    # To the form on the matching page: the join URL itself only takes the form's POST.
    assert (f'href="{reverse("support:matching")}#ask-to-join">ask to join the next group on '
            'a topic</a>') in page
    assert client.get(f'{reverse("support:matching")}').content.decode().count(
        'id="ask-to-join"') == 1
    assert "Sign in to" not in page


def test_a_member_is_told_who_their_lead_is(client, force, member, lead):
    lead_of(force, email="second.lead@kent.police.uk", full_name="Ari Another")

    page = page_for(client, member)

    assert "For Kent Police that is Ari Another or Lee Lead. Tell them what you would like help " \
        "with." in page
    assert reverse("support:request-new") + '"' not in page
    assert 'href="/support/peers/"' not in page
    assert link("support:peer-apply", "Apply to become a peer") in page


def test_a_member_whose_force_has_no_lead_is_told_how_it_gets_one(client, member):
    page = page_for(client, member)

    assert "Kent Police has no organisation lead on the Exchange yet" in page
    assert "ask programme staff for the lead role" in page


def test_someone_from_another_sector_can_apply_but_not_ask(client):
    page = page_for(client, UserFactory(email="someone@charity.example"))

    assert "Your account is not yet a member of a force" in page
    assert link("support:peer-apply", "Apply to become a peer") in page


def test_a_peer_in_the_pool_is_sent_to_their_profile_not_the_application(client, team_peer):
    page = page_for(client, team_peer.user)

    assert "You are in the pool of peers." in page
    assert link("support:peer-profile", "See your peer profile and invitations") in page
    assert link("support:requests", "See the requests you are working on") in page
    assert reverse("support:peer-apply") not in page


def test_an_applicant_is_told_their_application_waits(client, member):
    PeerFactory(user=member, status=PeerStatus.APPLIED)

    page = page_for(client, member)

    assert "Your application to become a peer is waiting for a decision." in page
    assert reverse("support:peer-apply") not in page


def test_someone_who_left_the_pool_may_apply_again(client, member):
    PeerFactory(user=member, status=PeerStatus.LEFT)

    assert link("support:peer-apply", "Apply to become a peer") in page_for(client, member)


def test_an_organiser_runs_support_and_sees_the_whole_pool(client, organiser):
    page = page_for(client, organiser)

    assert link("support:requests", "Run peer support: every request") in page
    assert link("support:pool", "See the pool of peers") in page
    assert "in outline" not in page
    assert link("support:matching", "See peer-matching groups") in page
