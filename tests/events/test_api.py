"""GET /api/v1/events, POST and DELETE /api/v1/events/{id}/registrations."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from exchange.events.enums import EventKind, EventStatus, RegistrationStatus
from exchange.events.models import Registration
from exchange.people.domain import create_api_token
from tests.factories import TopicFactory, UserFactory

from .factories import EventFactory, past_event

pytestmark = pytest.mark.django_db


def test_the_list_is_open_paged_and_filtered(client):
    topic = TopicFactory(slug="demand", name="Demand")
    EventFactory(title="Soon", topics=[topic])
    EventFactory(title="Workshop", kind=EventKind.WORKSHOP)
    EventFactory(title="Draft", status=EventStatus.DRAFT)
    past_event(title="Before")
    body = client.get("/api/v1/events").json()
    assert set(body) == {"count", "page", "page_size", "num_pages", "items"}
    assert [item["title"] for item in body["items"]] == ["Soon", "Workshop"]
    item = body["items"][0]
    assert item["topics"] == ["demand"] and item["url"].endswith(f"/events/{item['slug']}/")
    assert "joining_details" not in item
    assert [i["title"] for i in client.get("/api/v1/events", {"kind": "workshop"}).json()[
        "items"]] == ["Workshop"]
    assert [i["title"] for i in client.get("/api/v1/events", {"topic": "demand"}).json()[
        "items"]] == ["Soon"]
    assert [i["title"] for i in client.get("/api/v1/events", {"when": "past"}).json()[
        "items"]] == ["Before"]
    assert client.get("/api/v1/events", {"kind": "party"}).status_code == 422


def test_registering_answers_registered_then_waiting_and_cancelling():
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    token = create_api_token(user=first, name="laptop")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.post(f"/api/v1/events/{event.pk}/registrations")
    assert response.status_code == 201 and response.json()["status"] == "registered"
    again = api.post(f"/api/v1/events/{event.pk}/registrations")
    assert again.status_code == 422 and "already" in again.json()["errors"][0]["message"]
    other = Client()
    other.force_login(second)
    assert other.post(f"/api/v1/events/{event.pk}/registrations").json()["status"] == "waiting"
    cancelled = api.delete(f"/api/v1/events/{event.pk}/registrations")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(user=second).status == RegistrationStatus.OFFERED


def test_registration_needs_someone_signed_in_and_a_published_event(client):
    event = EventFactory()
    assert client.post(f"/api/v1/events/{event.pk}/registrations").status_code == 401
    person = UserFactory()
    client.force_login(person)
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.post(f"/api/v1/events/{draft.pk}/registrations").status_code == 404
    assert client.post("/api/v1/events/999999/registrations").status_code == 404
    closed = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
                          registration_opens_at=timezone.now() - datetime.timedelta(days=3))
    refused = client.post(f"/api/v1/events/{closed.pk}/registrations")
    assert refused.status_code == 422
    assert client.delete(f"/api/v1/events/{event.pk}/registrations").status_code == 422


def test_the_operations_are_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths["/api/v1/events"]
    assert {"post", "delete"} <= set(paths["/api/v1/events/{event_id}/registrations"])
