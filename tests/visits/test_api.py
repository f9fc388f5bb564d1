import pytest
from django.test import Client

from exchange.visits.models import Visit

pytestmark = pytest.mark.django_db


def as_user(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_whole_api_flow(make_visit, organiser, lead, member, colleague, other_lead, other_colleague,
                            programme_year):
    staff = as_user(organiser)
    response = post(staff, "/api/v1/visits", {
        "theme": "Custody", "title": "Custody suite", "host_organisation": "Avon NHS Trust",
        "capacity": 2, "min_per_force": 2, "applications_open": "2020-01-01T09:00:00Z",
        "applications_close": "2099-01-01T09:00:00Z"})
    assert response.status_code == 201, response.content
    visit_id = response.json()["id"]
    assert response.json()["programme_year"] == "Current year"
    assert response["Location"].endswith(f"/api/v1/visits/{visit_id}")
    Visit.objects.filter(pk=visit_id).update(status="open_for_applications")

    too_few = post(as_user(lead), f"/api/v1/visits/{visit_id}/applications",
                   {"visitors": [{"email": member.email, "role": "PC"}]})
    assert too_few.status_code == 422
    assert "at least 2" in too_few.json()["errors"][0]["message"]
    for who, people in ((lead, [member, colleague]), (other_lead, [other_lead, other_colleague])):
        response = post(as_user(who), f"/api/v1/visits/{visit_id}/applications",
                        {"visitors": [{"email": p.email, "role": "PC", "questions": "Why?"}
                                      for p in people]})
        assert response.status_code == 201, response.content

    allocation = post(staff, f"/api/v1/visits/{visit_id}/allocation", {}).json()
    assert allocation == {
        "places": [{"organisation": "Kent Police", "visitors": [member.email, colleague.email]}],
        "waiting_list": [{"organisation": "Essex Police",
                          "visitors": [other_lead.email, other_colleague.email]}]}
    assert staff.get(f"/api/v1/visits/{visit_id}/allocation").json() == allocation

    withdrawn = post(as_user(lead), f"/api/v1/visits/{visit_id}/withdrawals", {"email": member.email})
    assert withdrawn.json() == {"email": member.email, "place": "withdrawn"}
    refused = post(as_user(other_colleague), f"/api/v1/visits/{visit_id}/withdrawals",
                   {"email": colleague.email})
    assert refused.status_code == 404 and refused.json() == {"message": "Not found."}

    listed = Client().get("/api/v1/visits?when=planned").json()
    assert listed["count"] == 1 and listed["items"][0]["host_organisation"] == "Avon NHS Trust"


def test_api_errors_are_json(client, make_visit, member):
    assert client.post("/api/v1/visits", {}, content_type="application/json").json()["message"]
    response = as_user(member).get(f"/api/v1/visits/{make_visit().pk}/allocation")
    assert response.status_code == 403 and "organisers" in response.json()["message"]
    assert client.get("/api/v1/visits/999999").json() == {"message": "Not found."}
    assert client.get("/api/v1/visits?when=soon").status_code == 422


def test_the_host_reads_the_report_through_its_signed_token(client, make_visit, organiser):
    from exchange.visits.domain import host_token
    from exchange.visits.models import HostReport

    visit = make_visit()
    HostReport.objects.create(visit=visit, body="Report", sent_at=visit.applications_open)
    good = client.get(f"/api/v1/visits/{visit.pk}/host-report?token={host_token(visit)}")
    assert good.status_code == 200 and good.json()["body"] == "Report"
    assert client.get(f"/api/v1/visits/{visit.pk}/host-report?token=forged").status_code == 403
