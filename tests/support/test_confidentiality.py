"""A request, its terms and its self-assessment are for the requesting force's lead(s), the
peers on its team and staff. A lead of another force, a peer not on the team and anyone not
signed in learn nothing: 404 (or sign in / 401), in pages, lists, the API and emails."""

import pytest
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.support.domain import assessment as assessing
from exchange.support.domain import requests as requesting
from exchange.support.domain import terms as terms_domain
from exchange.support.models import SelfAssessment

from .access_rows_requests import make_matrix

pytestmark = pytest.mark.django_db

TERMS = {"scope": "Scope in confidence.", "questions": "Where do files wait?",
         "deliverables": "A report.", "team_size": 3}


@pytest.fixture
def full_request(support_request, organiser, lead):
    """Kent's request in scoping with a version of the terms and a submitted self-assessment."""
    terms_domain.propose_terms(request=support_request, actor=organiser, **TERMS)
    dimensions = make_matrix()
    assessing.save_assessment(
        organisation=support_request.organisation, actor=lead, request=support_request,
        submit=True, scores={d.pk: {"level": 2, "target": 4, "evidence": "Secret evidence."}
                             for d in dimensions})
    support_request.refresh_from_db()
    return support_request


def _pages(request):
    assessment = SelfAssessment.objects.get(request=request)
    return [reverse("support:request", args=[request.pk]),
            reverse("support:terms", args=[request.pk]),
            reverse("support:self-assessment", args=[request.pk]),
            reverse("support:assessment", args=[assessment.pk])]


def _people(who, lead, team_peer, other_lead, other_peer):
    return {"lead": lead, "team_peer": team_peer.user, "other_lead": other_lead,
            "other_peer": other_peer.user}[who]


@pytest.mark.parametrize("who", ["lead", "team_peer"])
def test_the_forces_lead_and_a_peer_on_the_team_see_it(client, full_request, lead, team_peer,
                                                       other_lead, other_peer, who):
    client.force_login(_people(who, lead, team_peer, other_lead, other_peer))
    for url in _pages(full_request):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Scope in confidence." in client.get(_pages(full_request)[1]).content.decode()
    assert "Secret evidence." in client.get(_pages(full_request)[2]).content.decode()
    listed = client.get(reverse("support:requests")).context["page"].object_list
    assert list(listed) == [full_request]
    api = client.get("/api/v1/support-requests").json()
    assert [item["id"] for item in api["items"]] == [full_request.pk]
    detail = client.get(f"/api/v1/support-requests/{full_request.pk}")
    assert detail.status_code == 200 and detail.json()["terms"][0]["scope"] == TERMS["scope"]


@pytest.mark.parametrize("who", ["other_lead", "other_peer"])
def test_a_lead_of_another_force_and_a_peer_not_on_the_team_get_404(
        client, full_request, lead, team_peer, other_lead, other_peer, who):
    client.force_login(_people(who, lead, team_peer, other_lead, other_peer))
    for url in _pages(full_request):
        assert client.get(url).status_code == 404, url
    for url in (reverse("support:terms-accept", args=[full_request.pk, 1]),
                reverse("support:request-state", args=[full_request.pk, "withdraw"]),
                reverse("support:terms", args=[full_request.pk]),
                reverse("support:self-assessment", args=[full_request.pk])):
        assert client.post(url, {**TERMS, "note": "x"}).status_code == 404, url
    assert list(client.get(reverse("support:requests")).context["page"].object_list) == []
    assert client.get("/api/v1/support-requests").json()["count"] == 0
    base = f"/api/v1/support-requests/{full_request.pk}"
    assert client.get(base).status_code == 404
    assert client.post(f"{base}/terms", TERMS, content_type="application/json").status_code == 404
    assert client.post(f"{base}/terms/1/accept").status_code == 404
    assert client.put(f"{base}/self-assessment", {"scores": []},
                      content_type="application/json").status_code == 404
    # Asking for Kent's assessments shows another lead their own force's, and a peer nothing.
    response = client.get(reverse("support:assessments"),
                          {"organisation": full_request.organisation_id})
    assert "Secret evidence." not in response.content.decode()
    assert response.status_code == (200 if who == "other_lead" else 403)
    if who == "other_lead":
        assert response.context["organisation"] != full_request.organisation


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401(client, full_request):
    for url in [*_pages(full_request), reverse("support:requests")]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response["Location"], url
    assert client.get("/api/v1/support-requests").status_code == 401
    assert client.get(f"/api/v1/support-requests/{full_request.pk}").status_code == 401


def test_emails_about_the_request_go_only_to_its_leads_team_and_staff(
        full_request, organiser, lead, team_peer, other_lead, other_peer):
    terms_domain.accept_terms(request=full_request, number=1, actor=lead)
    terms_domain.accept_terms(request=full_request, number=1, actor=organiser)
    requesting.change_state(request=requesting.SupportRequest.objects.create(
        organisation=full_request.organisation, support_type="workshop", issue="x", success="y"),
        action="decline", actor=organiser, note="Not now.")
    allowed = {lead.email, organiser.email, team_peer.user.email}
    sent = set(OutboxMessage.objects.filter(template__startswith="support_").values_list(
        "to", flat=True))
    assert sent and sent <= allowed
    assert other_lead.email not in sent and other_peer.user.email not in sent


def test_the_one_search_never_finds_a_request_its_terms_or_its_self_assessment(
        client, full_request, lead, organiser):
    # Support adds nothing to the site's search; this proves it stays that way for the words
    # only the request, its terms and its evidence hold.
    for person in (None, lead, organiser):
        if person:
            client.force_login(person)
        for words in ("charging decision", "Scope in confidence", "Secret evidence"):
            page = client.get(reverse("practice:list"), {"q": words})
            assert (page.context["result"].count, page.context["result"].items) == (0, [])
            assert client.get("/api/v1/practices", {"q": words}).json()["count"] == 0
            csv = client.get(reverse("practice:export-csv"), {"q": words})
            assert words not in b"".join(csv.streaming_content if csv.streaming else
                                         [csv.content]).decode()
