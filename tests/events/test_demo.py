"""seed_demo's events: past ones with attendance and materials, upcoming ones (one full with a
waiting list), and a draft; then the event requests' demo."""

from io import StringIO

import pytest
from django.core.management import call_command

from exchange.common.programmes import programme
from exchange.events.enums import EventStatus, RegistrationStatus
from exchange.events.models import Event, Registration
from exchange.people.data import load_organisations
from exchange.people.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(Organisation)
    out = StringIO()
    call_command("seed_demo", "--practices", "3", stdout=out)
    return out.getvalue()


def test_the_demo_has_past_upcoming_full_and_draft_events(seeded, client):
    assert "Events: 2 past" in seeded
    now_published = Event.objects.published()
    past = [e for e in now_published if e.has_ended()]
    upcoming = [e for e in now_published if not e.has_ended()]
    assert len(past) == 2 and len(upcoming) == 3
    assert Event.objects.filter(status=EventStatus.DRAFT).count() == 1
    for event in past:
        assert event.slides and event.afterwards_summary
        assert Registration.objects.filter(event=event, attended=True).exists()
        assert Registration.objects.filter(event=event, attended=False).exists()
    full = Event.objects.get(title__startswith="Right Care")
    assert full.registrations.filter(status=RegistrationStatus.REGISTERED).count() == full.capacity
    assert full.registrations.filter(status=RegistrationStatus.WAITING).count() == 3
    # Every page of the demo answers.
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code in (200, 404)
    assert client.get("/events/").status_code == 200


def test_demo_attendance_is_in_the_learning_record(seeded):
    person = User.objects.get(email="member.kent@example.org")
    entries = programme("events").learning_record.entries(person)
    assert len(entries) == 2 and all(e.cpd_hours for e in entries)


def test_seeding_twice_adds_nothing(seeded):
    count = Event.objects.count()
    out = StringIO()
    from exchange.events import demo

    demo.load(stdout=out, options={})
    assert Event.objects.count() == count and "already loaded" in out.getvalue()
