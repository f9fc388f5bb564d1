"""Staff move a visit through its life from the API with the rules of the staff page: the same
domain function, the same table of transitions, the same activity log."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from exchange.common.models import Activity
from exchange.people.domain import create_api_token
from exchange.visits.enums import ACTION_LABELS
from exchange.visits.models import CheckIn, Visit

pytestmark = pytest.mark.django_db

NEW_VISIT = {"theme": "Custody", "title": "Custody suite", "host_organisation": "Avon NHS Trust",
             "capacity": 4, "min_per_force": 2, "applications_open": "2020-01-01T09:00:00Z",
             "applications_close": "2099-01-01T09:00:00Z", "date": "2030-03-01"}


def bearer(user):
    return {"Authorization": f"Bearer {create_api_token(user=user, name='tests')[1]}"}


def post(user, url, body):
    headers = bearer(user) if user is not None else {}
    return Client().post(url, json.dumps(body), content_type="application/json", headers=headers)


def transition(user, visit_id, action, note=""):
    return post(user, f"/api/v1/visits/{visit_id}/transitions", {"action": action, "note": note})


def test_a_visit_created_through_the_api_is_opened_and_moved_on_through_the_api(
        organiser, programme_year, host, lead, member, colleague):
    visit_id = post(organiser, "/api/v1/visits", NEW_VISIT).json()["id"]

    opened = transition(organiser, visit_id, "open_applications", "Call went out")
    assert opened.status_code == 200, opened.content
    assert opened.json()["status"] == "open_for_applications"
    applied = post(lead, f"/api/v1/visits/{visit_id}/applications",
                   {"visitors": [{"email": p.email, "role": "PC"} for p in (member, colleague)]})
    assert applied.status_code == 201, applied.content
    post(organiser, f"/api/v1/visits/{visit_id}/allocation", {})
    assert transition(organiser, visit_id, "start_preparation").json()["status"] == "preparation"
    # A visit is marked visited on or after its day (issue 9): the day comes.
    Visit.objects.filter(pk=visit_id).update(date=timezone.localdate())
    assert transition(organiser, visit_id, "mark_visited").json()["status"] == "visited"

    # Marking as visited does what the page does: the six weeks of check-ins are created.
    assert CheckIn.objects.filter(visitor__visit_id=visit_id).count() == 2 * 6
    changes = Activity.objects.for_object(Visit.objects.get(pk=visit_id)).exclude(from_state="")
    assert list(changes.order_by("created_at", "id").values_list("verb", "actor", "note")) == [
        ("open_applications", organiser.pk, "Call went out"),
        ("allocate", organiser.pk, "2 places to 1 forces; 0 on the waiting list"),
        ("start_preparation", organiser.pk, ""), ("mark_visited", organiser.pk, "")]


def test_a_transition_the_table_does_not_allow_is_a_409_with_the_reason(make_visit, organiser):
    visit = make_visit(open=False)
    response = transition(organiser, visit.pk, "close")
    assert response.status_code == 409
    assert response.json()["message"] == "You cannot close something that is planned."
    visit.refresh_from_db()
    assert visit.status == "planned"


def test_a_cancellation_without_a_reason_is_refused_as_on_the_page(make_visit, organiser):
    visit = make_visit()
    response = transition(organiser, visit.pk, "cancel")
    assert response.status_code == 409
    assert response.json()["errors"] == [{"field": "note", "message": "Say why the visit is cancelled"}]
    assert transition(organiser, visit.pk, "cancel", "Venue flooded").json()["status"] == "cancelled"


def test_visited_needs_a_date_as_on_the_page(make_visit, organiser):
    visit = make_visit(date=None)
    Visit.objects.filter(pk=visit.pk).update(status="preparation")
    response = transition(organiser, visit.pk, "mark_visited")
    assert response.status_code == 409
    assert response.json()["errors"] == [
        {"field": "date", "message": "Set the date the visit took place first"}]


@pytest.mark.parametrize("action", ["allocate", "send_host_report", "explode", ""])
def test_only_the_actions_of_the_staff_page_are_offered(make_visit, organiser, action):
    response = transition(organiser, make_visit().pk, action)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "action"


def test_the_schema_lists_the_actions_of_the_staff_page():
    from exchange.api import api

    schema = api.get_openapi_schema()
    body = schema["paths"]["/api/v1/visits/{visit_id}/transitions"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert schema["components"]["schemas"][ref]["properties"]["action"]["enum"] == list(ACTION_LABELS)


def test_only_organisers_move_a_visit_on(make_visit, member, reviewer):
    visit = make_visit()
    assert transition(None, visit.pk, "cancel", "x").status_code == 401
    for person in (member, reviewer):
        response = transition(person, visit.pk, "cancel", "x")
        assert response.status_code == 403
        assert "organisers" in response.json()["message"]
    visit.refresh_from_db()
    assert visit.status == "open_for_applications"
