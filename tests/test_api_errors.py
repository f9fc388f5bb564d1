"""Bad requests to the API get a JSON 4xx, never a 500 or the site's HTML pages."""

import json

import pytest
from django.test import Client

from exchange.common.pagination import MAX_PAGE
from exchange.people.domain import create_api_token

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/visits", "/api/v1/case-studies", "/api/v1/practices",
         "/api/v1/lessons-issues"]


def bearer(user):
    return {"Authorization": f"Bearer {create_api_token(user=user, name='tests')[1]}"}


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page", [10**18, 10**30, MAX_PAGE + 1])
def test_a_page_number_past_the_bound_is_a_422_naming_the_page(client, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "page", "message": f"Input should be less than or equal to {MAX_PAGE}"}]


@pytest.mark.parametrize("url", LISTS)
def test_the_last_allowed_page_is_an_empty_page_not_an_error(client, url):
    response = client.get(url, {"page": MAX_PAGE, "page_size": 100})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_case_study_issue_number_out_of_range_finds_nothing(client):
    response = client.get("/api/v1/case-studies", {"issue": 10**30})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_body_over_the_upload_limit_is_a_json_413(member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"title": "Street triage", "evidence_label": "promising", "description": "x" * 2000}
    response = Client().post("/api/v1/practices", json.dumps(body), content_type="application/json",
                             headers=bearer(member))
    assert response.status_code == 413
    assert response.json() == {"message": "The request body is larger than the 1000 bytes "
                                          "allowed."}


@pytest.mark.parametrize("url", [
    "/api/v1/visits/abc", "/api/v1/visits/1.5", "/api/v1/visits/abc/allocation",
    "/api/v1/visits/abc/host-report", "/api/v1/practices/abc", "/api/v1/case-studies/abc",
    "/api/v1/no-such-thing", "/api/v1/visits/1/no-such-thing",
])
def test_an_address_that_names_nothing_is_the_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}


@pytest.mark.parametrize("url", ["/api/v1/visits/abc/applications", "/api/v1/visits/x/transitions"])
def test_a_post_to_an_id_that_is_not_a_number_is_the_json_404(member, url):
    response = Client().post(url, "{}", content_type="application/json", headers=bearer(member))
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}


def test_a_huge_numeric_id_is_not_found(client):
    response = client.get(f"/api/v1/visits/{10**30}")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}
