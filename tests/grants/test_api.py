"""GET and POST /api/v1/grant-calls/{id}/applications: a lead sees and starts only their own
organisation's; organisers see all; a draft call is 404 to anyone else."""

import pytest
from django.test import Client

from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication
from exchange.people.domain import create_api_token
from exchange.people.enums import MembershipRole
from tests.factories import member_of

from .factories import make_application, make_call

pytestmark = pytest.mark.django_db


def api(user):
    token = create_api_token(user=user, name="tests")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def url(call):
    return f"/api/v1/grant-calls/{call.pk}/applications"


@pytest.fixture
def both(call, force, other_force, lead):
    essex_lead = member_of(other_force, role=MembershipRole.LEAD, email="lead@essex.police.uk")
    kent = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED,
                            lines=[("A", 3000), ("B", 500)])
    essex = make_application(call, other_force, essex_lead, project_title="Essex project")
    return kent, essex, essex_lead


def test_a_lead_lists_only_their_organisations_applications(call, lead, both):
    kent, _, _ = both
    body = api(lead).get(url(call)).json()
    assert set(body) == {"count", "page", "page_size", "num_pages", "items"}
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["id"], item["organisation"], item["status"], item["budget_total"]) == (
        kent.pk, "Kent Police", "submitted", 3500)
    assert item["url"].endswith(f"/grants/applications/{kent.pk}/")


def test_organisers_list_every_application(call, organiser, both):
    body = api(organiser).get(url(call)).json()
    assert [i["organisation"] for i in body["items"]] == ["Essex Police", "Kent Police"]


def test_a_member_who_does_not_lead_is_refused_and_a_draft_call_is_hidden(year, call, member,
                                                                         lead):
    assert api(member).get(url(call)).status_code == 403
    draft = make_call(year, slug="hidden", status=CallStatus.DRAFT)
    response = api(lead).get(url(draft))
    assert response.status_code == 404 and set(response.json()) == {"message"}


def test_a_lead_starts_a_draft_for_their_organisation(call, lead, force):
    response = api(lead).post(url(call), {
        "project_title": "By API", "partners": "Calm Minds (with Avon NHS Trust)",
        "budget_lines": [{"item": "Nurse", "amount": 4000}]}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    application = GrantApplication.objects.get(pk=body["id"])
    assert (application.organisation, application.status, application.created_by) == (
        force, ApplicationStatus.DRAFT, lead)
    assert body["budget_lines"] == [{"item": "Nurse", "amount": 4000}]
    assert response["Location"].endswith(f"/grants/applications/{application.pk}/")


def test_a_second_application_or_a_closed_call_is_refused_with_the_reason(year, call, lead,
                                                                          force):
    make_application(call, force, lead)
    response = api(lead).post(url(call), {}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "organisation"
    closed = make_call(year, slug="closed", status=CallStatus.ASSESSING, opened_days_ago=50,
                       days_left=-1)
    response = api(lead).post(url(closed), {}, content_type="application/json")
    assert response.status_code == 422
    assert "not taking applications" in response.json()["errors"][0]["message"]


def test_a_lead_cannot_start_one_for_another_organisation(call, lead, other_force):
    response = api(lead).post(url(call), {"organisation": other_force.pk},
                              content_type="application/json")
    assert response.status_code == 422
    assert not GrantApplication.objects.exists()


def test_the_list_costs_the_same_however_many(call, organiser, force, other_force, lead,
                                              query_count):
    client = api(organiser)
    make_application(call, force, lead)
    client.get(url(call))
    few = query_count.of_get(client, url(call))
    essex_lead = member_of(other_force, role=MembershipRole.LEAD, email="l@essex.police.uk")
    make_application(call, other_force, essex_lead, lines=[("A", 1), ("B", 2), ("C", 3)])
    assert query_count.of_get(client, url(call)) == few
