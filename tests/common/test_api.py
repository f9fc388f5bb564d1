"""The API's one boundary (exchange/common/api.py): one list envelope, one error shape, and every
operation that is not open to anyone declaring the permission it needs."""

import pytest
import rules
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exchange.api import api
from exchange.common.api import SIGN_IN, Anyone
from exchange.people.domain import create_api_token
from tests.factories import PracticeFactory
from tests.lessons.factories import CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db

ENVELOPE = {"count", "page", "page_size", "num_pages", "items"}
LISTS = {"/api/v1/practices": ENVELOPE | {"facets"}, "/api/v1/visits": ENVELOPE,
         "/api/v1/case-studies": ENVELOPE, "/api/v1/lessons-issues": ENVELOPE}

# Operations for signed-in people whose check needs the thing acted on, so the domain makes it:
# an application is a lead's, a withdrawal the visitor's or their lead's, a learning point a
# placed visitor's.
# Their object is named in the body, so they ask the permission part-way, once it is found.
CHECKED_PART_WAY = {"withdraw", "record_learning_point"}


def operations():
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


@pytest.mark.parametrize("url", LISTS)
def test_every_list_answers_the_one_envelope(client, url):
    body = client.get(url).json()
    assert set(body) == LISTS[url]
    assert (body["count"], body["page"], body["page_size"], body["num_pages"], body["items"]) == (
        0, 1, 20, 1, [])


def test_the_envelope_pages_through_a_list_and_past_its_end(client):
    for number in range(1, 6):
        CaseFactory(issue=IssueFactory(number=number))
    pages = [client.get("/api/v1/lessons-issues", {"page": n, "page_size": 2}).json()
             for n in (1, 2, 3, 4)]
    assert [[i["number"] for i in page["items"]] for page in pages] == [[5, 4], [3, 2], [1], []]
    assert {(p["count"], p["num_pages"], p["page_size"]) for p in pages} == {(5, 3, 2)}
    assert [p["page"] for p in pages] == [1, 2, 3, 4]


def test_a_page_that_holds_the_whole_list_is_not_counted_again(client):
    for number in range(1, 4):
        IssueFactory(number=number)

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/api/v1/lessons-issues", {"page_size": page_size}).json()
        assert body["count"] == 3
        return len(captured)

    assert queries(page_size=20) == queries(page_size=2) - 1


def test_the_practice_list_keeps_its_facets_in_the_envelope(client):
    PracticeFactory(evidence_label="promising")
    body = client.get("/api/v1/practices").json()
    assert body["count"] == 1
    assert [(f["value"], f["count"]) for f in body["facets"]["evidence_label"]] == [
        ("promising", 1)]
    assert client.get("/api/v1/practices", {"facets": False}).json()["facets"] == {}


def test_the_schema_names_one_error_and_every_list_returns_the_envelope(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert sorted(name for name in components if name.endswith("Error")) == [
        "Error", "FieldError"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for status, response in operation["responses"].items():
                ref = response["content"]["application/json"]["schema"].get("$ref", "")
                if status.startswith("4"):
                    assert ref == "#/components/schemas/Error", (method, path, status)
                if path in LISTS and method == "get" and status == "200":
                    envelope = components[ref.rsplit("/", 1)[1]]
                    assert set(envelope["required"]) == LISTS[path], path
    assert "`{\"count\", \"page\", \"page_size\", \"num_pages\", \"items\"}`" in \
        schema["info"]["description"]


def test_every_operation_for_signed_in_people_declares_its_permission():
    undeclared = []
    for operation in operations():
        if any(isinstance(auth, Anyone) for auth in operation.auth_callbacks):
            continue
        name = operation.view_func.__name__
        if not hasattr(operation.view_func, "required_permission") \
                and name not in CHECKED_PART_WAY:
            undeclared.append(name)
    assert undeclared == []


def test_permissions_declared_on_operations_are_the_ones_the_rules_define():
    declared = {getattr(op.view_func, "required_permission", None) for op in operations()} - {None}
    assert {"practice.share_practice", "visits.run_visits", "support.view_request",
            "lessons.edit_lessons"} <= declared
    assert [permission for permission in declared if not rules.perm_exists(permission)] == []


def test_someone_not_signed_in_is_asked_to_sign_in_with_the_one_message(client):
    # The host report is open (the host's link opens it) and asks for sign-in part-way.
    for response in (client.get("/api/v1/visits/1/host-report"),
                     client.post("/api/v1/anonymisation-check", {"text": "x"},
                                 content_type="application/json")):
        assert response.status_code == 401
        assert response.json() == {"message": SIGN_IN}


def test_a_refusal_names_what_the_account_lacks(member):
    token = create_api_token(user=member, name="tests")[1]
    response = Client().get("/api/v1/visits/1/allocation",
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert response.json() == {"message": "Only the programme's organisers can see the "
                                          "allocation."}


def test_a_domain_refusal_is_a_422_naming_its_field(client):
    response = client.get("/api/v1/practices", {"focus": "astrology", "region": "atlantis"})
    assert response.status_code == 422
    assert response.json() == {"message": "The request is not valid.", "errors": [
        {"field": "focus", "message": "Unknown focus: astrology"},
        {"field": "region", "message": "Unknown region: atlantis"}]}
