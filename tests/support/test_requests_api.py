"""The support requests API: the same rules as the pages, on the common envelope and errors."""

import pytest

from exchange.mail.models import OutboxMessage
from exchange.support.enums import RequestStatus
from exchange.support.models import SupportRequest, TermsVersion
from tests.factories import TopicFactory

from .factories import SupportRequestFactory, TermsVersionFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/support-requests"
TERMS = {"scope": "Files.", "questions": "Where do they wait?", "deliverables": "A report."}


def test_a_lead_asks_by_api_and_gets_201_with_where_to_find_it(client, lead, force, organiser):
    topic = TopicFactory(name="Investigations", slug="investigations")
    client.force_login(lead)
    response = client.post(API, {"support_type": "peer_review", "delivery": "virtual",
                                 "issue": "Files wait.", "success": "They do not.",
                                 "topics": ["investigations"]}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    created = SupportRequest.objects.get()
    assert body["id"] == created.pk and response["Location"].endswith(f"{API}/{created.pk}")
    assert (body["organisation"], body["status"], body["topics"]) == (
        "Kent Police", "submitted", ["Investigations"])
    assert list(created.topics.all()) == [topic]
    assert OutboxMessage.objects.filter(template="support_request_received",
                                        to=organiser.email).exists()


def test_an_unknown_topic_or_a_member_is_refused(client, lead, member):
    client.force_login(lead)
    response = client.post(API, {"support_type": "workshop", "issue": "a", "success": "b",
                                 "topics": ["no-such-topic"]}, content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "topics"
    client.force_login(member)
    response = client.post(API, {"support_type": "workshop", "issue": "a", "success": "b"},
                           content_type="application/json")
    assert response.status_code == 403
    assert not SupportRequest.objects.exists()


def test_the_list_is_paged_on_the_common_envelope_and_does_not_grow_queries(
        client, organiser, force, query_count):
    client.force_login(organiser)
    counts = []
    for n in (2, 10):
        SupportRequestFactory.create_batch(n, organisation=force)
        counts.append(query_count.of_get(client, API))
    body = client.get(API, {"page_size": 5}).json()
    assert (body["count"], body["page_size"], body["num_pages"], len(body["items"])) == (12, 5, 3, 5)
    assert counts[0] == counts[1]


def test_terms_by_api_propose_then_accept_only_the_latest(client, support_request, organiser,
                                                          lead):
    client.force_login(organiser)
    response = client.post(f"{API}/{support_request.pk}/terms", {**TERMS, "team_size": 3},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["number"] == 1
    client.post(f"{API}/{support_request.pk}/terms", {**TERMS, "team_size": 4},
                content_type="application/json")
    client.force_login(lead)
    old = client.post(f"{API}/{support_request.pk}/terms/1/accept")
    assert old.status_code == 409 and "version 2" in old.json()["message"]
    assert client.post(f"{API}/{support_request.pk}/terms/9/accept").status_code == 404
    accepted = client.post(f"{API}/{support_request.pk}/terms/2/accept")
    assert accepted.status_code == 200 and accepted.json()["accepted_by_force_at"]
    client.force_login(organiser)
    assert client.post(f"{API}/{support_request.pk}/terms/2/accept").json()["agreed"] is True
    detail = client.get(f"{API}/{support_request.pk}").json()
    assert (detail["status"], detail["agreed_terms"]) == ("agreed", 2)
    late = client.post(f"{API}/{support_request.pk}/terms", TERMS, content_type="application/json")
    assert late.status_code == 409


def test_a_peer_on_the_team_reads_but_cannot_propose_terms(client, support_request, team_peer):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=RequestStatus.SCOPING)
    TermsVersionFactory(request=support_request, number=1)
    client.force_login(team_peer.user)
    assert client.get(f"{API}/{support_request.pk}").status_code == 200
    response = client.post(f"{API}/{support_request.pk}/terms", TERMS,
                           content_type="application/json")
    assert response.status_code == 403
    assert TermsVersion.objects.count() == 1
