"""The pool of peers in the API: staff in full, leads in outline, and applying."""

import pytest

from exchange.mail.models import OutboxMessage
from exchange.support.enums import PeerStatus
from exchange.support.models import Peer
from tests.factories import TopicFactory, UserFactory

from .factories import PeerFactory

pytestmark = pytest.mark.django_db

PEERS = "/api/v1/peers"
APPLICATIONS = "/api/v1/peers/applications"


@pytest.fixture
def topic(db):
    return TopicFactory(name="Contact centre", slug="contact-centre-t")


@pytest.fixture
def pool(team_peer, other_peer, topic):
    team_peer.expertise.set([topic])
    PeerFactory(user=UserFactory(full_name="Arthur Applied"), status=PeerStatus.APPLIED)
    return team_peer, other_peer


def test_staff_list_every_peer_in_full(client, organiser, pool):
    client.force_login(organiser)
    body = client.get(PEERS).json()
    assert (body["count"], body["page"], body["num_pages"]) == (3, 1, 1)
    pip = next(item for item in body["items"] if item["name"] == "Pip Peer")
    assert (pip["view"], pip["email"], pip["organisation"], pip["status"], pip["expertise"]) == (
        "full", "peer@merseyside.police.uk", "Merseyside Police", "approved", ["Contact centre"])


def test_a_lead_lists_approved_peers_in_outline_only(client, lead, pool, topic):
    client.force_login(lead)
    response = client.get(PEERS)
    body = response.json()
    assert body["count"] == 2
    for item in body["items"]:
        assert item["view"] == "outline"
        assert set(item) == {"id", "view", "kind", "sector", "rank_or_grade", "expertise",
                             "can_travel", "available_now", "paused"}
    text = response.content.decode()
    for secret in ("Pip Peer", "merseyside.police.uk", "Merseyside Police", "Nico", "Calm Minds",
                   "Arthur", "Led a change"):
        assert secret not in text
    body = client.get(PEERS, {"expertise": topic.slug}).json()
    assert [item["expertise"] for item in body["items"]] == [["Contact centre"]]
    body = client.get(PEERS, {"sector": "voluntary", "available": "true"}).json()
    assert [item["sector"] for item in body["items"]] == ["voluntary"]


def test_the_pool_is_refused_to_everyone_else(client, member, team_peer):
    assert client.get(PEERS).status_code == 401
    client.force_login(member)
    assert client.get(PEERS).status_code == 403
    client.force_login(team_peer.user)
    assert client.get(PEERS).status_code == 403


def test_an_unknown_topic_or_sector_is_a_clear_422(client, organiser):
    client.force_login(organiser)
    response = client.get(PEERS, {"expertise": "astrology"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "expertise",
                                          "message": "There is no topic 'astrology'"}]
    assert client.get(PEERS, {"sector": "military"}).status_code == 422


def test_the_api_list_costs_the_same_queries_however_many_peers(client, organiser, lead, topic,
                                                                 query_count):
    def add(n):
        for _ in range(n):
            PeerFactory().expertise.set([topic])
    add(2)
    for person in (organiser, lead):
        client.force_login(person)
        few = query_count.of_get(client, PEERS)
        add(6)
        assert query_count.of_get(client, PEERS) == few


def test_anyone_signed_in_applies_once(client, member, other_force, topic, organiser):
    payload = {"expertise": ["contact-centre-t"], "sector": "police",
               "statement": "I ran the control room.", "days_per_quarter": 2,
               "dates_away": [{"starts_on": "2030-01-01", "ends_on": "2030-01-05"}],
               "conflicts": [{"organisation": "essex police", "reason": "Former employer"}]}
    assert client.post(APPLICATIONS, payload, content_type="application/json").status_code == 401
    client.force_login(member)
    response = client.post(APPLICATIONS, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["organisation"] == "Kent Police"
    peer = Peer.objects.get(user=member)
    assert (peer.status, [c.organisation for c in peer.conflicts.all()],
            peer.absences.count()) == (PeerStatus.APPLIED, [other_force], 1)
    assert OutboxMessage.objects.filter(template="peer_application_received",
                                        to=organiser.email).exists()
    again = client.post(APPLICATIONS, payload, content_type="application/json")
    assert again.status_code == 409
    assert "already applied" in again.json()["message"]


def test_a_bad_application_gets_422_with_a_message_for_each_field(client, colleague):
    client.force_login(colleague)
    response = client.post(APPLICATIONS, {
        "expertise": ["astrology"], "sector": "police", "statement": "Keen.",
        "conflicts": [{"organisation": "Nowhere Constabulary"}]},
        content_type="application/json")
    assert response.status_code == 422
    assert {(e["field"], e["message"]) for e in response.json()["errors"]} == {
        ("expertise", "There is no topic 'astrology'"),
        ("conflicts.0.organisation", "There is no listed organisation called 'Nowhere Constabulary'")}
    response = client.post(APPLICATIONS, {
        "expertise": [], "sector": "police", "statement": " ", "organisation": ""},
        content_type="application/json")
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["expertise"] == "Select at least one topic you know well"
    assert messages["statement"] == "Enter a short statement of what you could bring to a force"
    assert not Peer.objects.exists()


def test_someone_without_an_organisation_types_its_name(client, topic):
    person = UserFactory(email="volunteer@charity.example")
    client.force_login(person)
    response = client.post(APPLICATIONS, {
        "expertise": ["Contact centre"], "sector": "voluntary", "statement": "Helpline lead.",
        "organisation": "Calm Minds (with Avon NHS Trust)"}, content_type="application/json")
    assert response.status_code == 201
    assert Peer.objects.get(user=person).organisation_name == "Calm Minds (with Avon NHS Trust)"
