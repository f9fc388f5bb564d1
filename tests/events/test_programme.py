"""Events in the registry: the staff page, the periodic jobs, every logged verb in words, and
the home page's upcoming events."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import activity_wording, programme, staff_pages
from exchange.common.scheduling import periodic_jobs, tick
from exchange.events.domain import events as organising
from exchange.events.domain import places
from exchange.events.domain.events import STATES
from exchange.events.models import Registration
from exchange.events.programme import events_dashboard
from exchange.mail.models import OutboxMessage
from tests.factories import UserFactory

from .factories import EventFactory, past_event

APP = Path(__file__).resolve().parents[2] / "exchange" / "events"


def test_run_events_is_a_staff_page():
    assert ("Run events", "events:manage", "events.run_events") in [
        (p.label, p.url_name, p.permission) for p in staff_pages()]
    assert programme("events").learning_record.label == "Events"


def test_every_verb_events_logs_has_a_label_and_every_state_a_display_label():
    labels, states = activity_wording("events")
    verbs = set(STATES.transitions)
    for path in APP.rglob("*.py"):
        verbs |= set(re.findall(r'verb="([a-z_]+)"', path.read_text()))
    assert verbs - set(labels) == set()
    assert {to for _, to in STATES.transitions.values()} - set(states) == set()


@pytest.mark.django_db
def test_the_worker_expires_offers_and_sends_reminders_once():
    names = {job.name for job in periodic_jobs()}
    assert {"events.expire_offers", "events.reminders"} <= names
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=10),
                         registration_closes_at=timezone.now() + datetime.timedelta(hours=9))
    places.register(event=event, actor=UserFactory())
    jobs = [job for job in periodic_jobs() if job.name.startswith("events.")]
    done = tick(jobs=jobs)
    assert done["events.reminders"] == "1 reminders sent"
    assert tick(jobs=jobs, now=timezone.now() + datetime.timedelta(hours=1))[
        "events.reminders"] == "0 reminders sent"
    assert OutboxMessage.objects.filter(template="event_reminder").count() == 1


@pytest.mark.django_db
def test_the_home_page_shows_the_next_events(client, query_count):
    EventFactory(title="Next up on the home page")
    page = client.get("/").content.decode()
    assert "Upcoming events" in page and "Next up on the home page" in page
    few = query_count.of_get(client, "/")
    for _ in range(4):
        EventFactory()
    assert query_count.of_get(client, "/") == few


@pytest.mark.django_db
def test_attended_events_show_on_the_learning_record_page_and_your_exchange(client, organiser):
    person = UserFactory()
    event = past_event(title="Attended and counted", cpd_hours=2)
    registration = Registration.objects.create(event=event, user=person)
    organising.mark_attendance(actor=organiser, event=event, attended_ids=[registration.pk])
    places.register(event=EventFactory(title="Coming and shown"), actor=person)
    client.force_login(person)
    record = client.get(reverse("people:learning-record")).content.decode()
    assert "Attended and counted" in record
    home = client.get(reverse("people:home")).content.decode()
    assert "Coming and shown" in home


@pytest.mark.django_db
def test_the_dashboard_panel_runs_a_fixed_number_of_queries(organiser,
                                                           django_assert_max_num_queries):
    person = UserFactory()
    places.register(event=EventFactory(), actor=person)
    with CaptureQueriesContext(connection) as few:
        events_dashboard(person)
    for _ in range(5):
        places.register(event=EventFactory(capacity=1), actor=person)
        places.register(event=EventFactory(), actor=UserFactory())
    with django_assert_max_num_queries(len(few)):
        events_dashboard(person)
