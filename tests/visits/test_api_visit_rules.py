"""A visit's numbers and dates are checked in one place, so the API, the staff page and the admin
refuse the same impossible visit: a minimum group larger than the visit, a capacity no venue
has, a date a thousand years ago."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from exchange.visits import domain
from exchange.visits.models import Visit
from exchange.visits.validators import EARLIEST_DATE, LATEST_DATE, MAX_CAPACITY

pytestmark = pytest.mark.django_db

GOOD = {"theme": "Custody", "title": "Custody suite", "host_organisation": "Avon NHS Trust",
        "capacity": 4, "min_per_force": 2, "applications_open": "2030-01-01T09:00:00Z",
        "applications_close": "2030-02-01T09:00:00Z", "date": "2030-03-01"}


def as_user(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def create(client, **changes):
    return client.post("/api/v1/visits", json.dumps({**GOOD, **changes}),
                       content_type="application/json")


def fields(response):
    return {e["field"] for e in response.json()["errors"]}


@pytest.mark.parametrize(("changes", "field"), [
    ({"min_per_force": 5, "capacity": 4}, "min_per_force"),
    ({"capacity": 10**13}, "capacity"),
    ({"capacity": MAX_CAPACITY + 1}, "capacity"),
    ({"capacity": 0}, "capacity"),
    ({"date": "0954-06-01"}, "date"),
    ({"date": "2999-06-01"}, "date"),
    ({"applications_open": "0954-01-01T09:00:00Z"}, "applications_open"),
    ({"applications_close": "9999-01-01T09:00:00Z"}, "applications_close"),
])
def test_the_api_refuses_an_impossible_visit_naming_the_field(organiser, programme_year, host, changes,
                                                              field):
    response = create(as_user(organiser), **changes)
    assert response.status_code == 422, response.content
    assert field in fields(response)
    assert not Visit.objects.exists()


def test_the_api_takes_a_visit_at_the_limits(organiser, programme_year, host):
    response = create(as_user(organiser), capacity=MAX_CAPACITY, min_per_force=MAX_CAPACITY,
                      date=EARLIEST_DATE.isoformat())
    assert response.status_code == 201, response.content
    assert (response.json()["capacity"], response.json()["date"]) == (MAX_CAPACITY, "2000-01-01")


def test_the_domain_refuses_a_minimum_group_larger_than_the_visit(make_visit, organiser):
    visit = make_visit(capacity=6, min_per_force=2)
    with pytest.raises(ValidationError) as refused:
        domain.update_visit(actor=organiser, visit=visit, data={"min_per_force": 7})
    assert refused.value.message_dict == {
        "min_per_force": ["The minimum group (7) cannot be larger than the visit's 6 places."]}
    visit.refresh_from_db()
    assert visit.min_per_force == 2


def test_the_domain_refuses_a_date_outside_the_years_the_exchange_knows(make_visit, organiser):
    visit = make_visit()
    with pytest.raises(ValidationError) as refused:
        domain.update_visit(actor=organiser, visit=visit, data={"date": datetime.date(954, 6, 1)})
    assert refused.value.message_dict == {
        "date": [f"Give a date between {EARLIEST_DATE:%Y} and {LATEST_DATE:%Y}."]}


def test_the_staff_page_shows_the_same_refusal_and_keeps_what_was_typed(client, organiser,
                                                                       programme_year, host):
    client.force_login(organiser)
    response = client.post(reverse("visits:create"), {
        "theme": "Drones", "title": "Drone first response", "host_organisation": host.pk,
        "capacity": 3, "min_per_force": 4, "applications_open": "2030-01-01T09:00",
        "applications_close": "2030-02-01T09:00"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be larger than the visit" in page and "Drone first response" in page
    assert not Visit.objects.exists()


def test_the_admin_shows_the_same_refusal(client, admin_user, programme_year, host):
    client.force_login(admin_user)
    response = client.post(reverse("admin:visits_visit_add"), {
        "programme_year": programme_year.pk, "theme": "Drones", "title": "Drone first response",
        "host_organisation": host.pk, "capacity": 3, "min_per_force": 4,
        "applications_open_0": "2030-01-01", "applications_open_1": "09:00",
        "applications_close_0": "2030-02-01", "applications_close_1": "09:00"})
    assert response.status_code == 200
    assert "cannot be larger than the visit" in response.content.decode()
    assert not Visit.objects.exists()
