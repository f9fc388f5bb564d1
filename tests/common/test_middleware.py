"""Control characters are refused at the boundary, before a view or the database sees them.

PostgreSQL cannot store a NUL in a text value, so before this a NUL in a search, a path or a
JSON field answered 500 there (and cut the CSV download short); SQLite stored it. Both
databases now answer the same 400, so run this file on each.
"""

import json

import pytest
from django.test import Client

from exchange.people.domain import create_api_token
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

ENDING = "contains a control character (such as a NUL byte), which is not allowed. Remove it and try again."


def bearer(user):
    return {"Authorization": f"Bearer {create_api_token(user=user, name='tests')[1]}"}


def assert_html_400(response):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"could not be understood" in response.content
    assert ENDING in response.content.decode().replace("\n", " ")


def assert_json_400(response, where=None):
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.endswith(ENDING)
    if where:
        assert message == f"{where} {ENDING}"


@pytest.mark.parametrize(("url", "where"), [
    ("/api/v1/practices?q=a%00b", "The parameter 'q'"),
    ("/api/v1/practices?q%00=a", "The parameter 'q?'"),
    ("/api/v1/visits/1%00", "The address"),
])
def test_the_refusal_says_where_the_character_is(client, url, where):
    assert_json_400(client.get(url), where)


def test_the_refusal_names_the_json_field_that_holds_the_character(member):
    body = {"title": "Street triage", "partners": ["NHS", "Mind\u0000"]}
    response = Client().post("/api/v1/practices", json.dumps(body), content_type="application/json",
                             headers=bearer(member))
    assert_json_400(response, "The field 'partners.1'")


@pytest.mark.parametrize("url", ["/practice/?q=a%00b", "/practice/export.csv?q=a%00b",
                                 "/lessons/unsubscribe/%00/", "/practice/?q=bell%07"])
def test_a_page_with_a_control_character_in_its_address_answers_the_400_page(client, url):
    PracticeFactory(title="Hot spot patrols")
    assert_html_400(client.get(url))


@pytest.mark.parametrize("url", ["/api/v1/practices?q=a%00b", "/api/v1/case-studies?q=a%00b",
                                 "/api/v1/visits?when=%00", "/api/v1/practices?q%00=a",
                                 "/api/v1/visits/1%00"])
def test_an_api_address_with_a_control_character_answers_a_json_400(client, url):
    assert_json_400(client.get(url))


@pytest.mark.parametrize("body", [
    {"title": "Street\u0000triage", "evidence_label": "promising", "description": "Nurses."},
    {"title": "Street triage", "evidence_label": "promising", "description": "Nurses.",
     "partners": ["NHS", "Mind\u0000"]},
    {"title": "Street triage", "evidence_label": "promising", "description": "Nurses.",
     "topics\u0000": []},
    {"title": "Street triage", "evidence_label": "promising", "description": "Vertical\u000btab"},
])
def test_a_json_body_with_a_nul_anywhere_answers_a_json_400_and_stores_nothing(member, body):
    from exchange.practice.models import Practice

    response = Client().post("/api/v1/practices", json.dumps(body), content_type="application/json",
                             headers=bearer(member))
    assert_json_400(response)
    assert not Practice.objects.exists()


def test_tabs_and_new_lines_in_a_json_body_are_ordinary_text(member):
    body = {"title": "Street triage", "evidence_label": "promising",
            "description": "First line\r\nSecond line\twith a tab"}
    response = Client().post("/api/v1/practices", json.dumps(body), content_type="application/json",
                             headers=bearer(member))
    assert response.status_code == 201, response.content
    assert response.json()["description"] == "First line\r\nSecond line\twith a tab"


def test_a_form_with_a_nul_answers_the_400_page_and_stores_nothing(client):
    from exchange.visits.models import HostOffer

    response = client.post("/visits/host/", {
        "organisation_name": "Avon\x00 NHS Trust", "contact_name": "Pat", "theme": "Custody",
        "contact_email": "pat@avon.example", "practice": "Triage", "possible_dates": "May"})
    assert_html_400(response)
    assert not HostOffer.objects.exists()


def test_a_form_with_new_lines_in_a_text_area_goes_through(client):
    from exchange.visits.models import HostOffer

    response = client.post("/visits/host/", {
        "organisation_name": "Avon NHS Trust", "contact_name": "Pat", "theme": "Custody",
        "contact_email": "pat@avon.example", "practice": "Triage\r\n\tand more", "possible_dates": "May"})
    assert response.status_code == 302
    assert HostOffer.objects.get().practice == "Triage\r\n\tand more"


def test_a_json_body_that_is_not_json_is_left_to_the_api_to_refuse(member):
    response = Client().post("/api/v1/practices", "{not json", content_type="application/json",
                             headers=bearer(member))
    assert response.status_code in {400, 422}
    assert "message" in response.json() or "detail" in response.json()
