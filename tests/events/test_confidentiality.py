"""Members-only material (joining details, recordings, slides, the summary afterwards) never
reaches anyone else, by any path: the page, the .ics, the feed, the API, the slides' view."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from exchange.events.enums import MaterialsAudience
from exchange.events.models import Registration
from tests.factories import UserFactory, member_of, staff_user

from .factories import EventFactory, past_event

pytestmark = pytest.mark.django_db

SECRET = "https://meet.example.org/secret-room-4821"
RECORDING = "https://video.example.org/members-only-7731"
SUMMARY = "Summary only for the people allowed 5512"


@pytest.fixture
def event(db):
    return EventFactory(joining_details=SECRET)


@pytest.fixture
def finished(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = past_event(joining_details=SECRET, recording_url=RECORDING,
                       afterwards_summary=SUMMARY)
    event.slides.save("deck.pdf", ContentFile(b"%PDF-1.4 slides"), save=True)
    return event


def as_(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def every_path(client, event):
    """Everything an outsider can fetch about events, joined."""
    paths = [event.get_absolute_url(), reverse("events:event-ics", args=[event.slug]),
             reverse("events:feed"), "/api/v1/events", "/api/v1/events?when=past",
             "/events/", "/events/?when=past", "/"]
    return "".join(client.get(path).content.decode(errors="replace") for path in paths)


@pytest.mark.parametrize("who", ["anonymous", "member not registered", "reviewer"])
def test_joining_details_reach_only_the_registered_and_organisers(event, force, who):
    user = {"anonymous": None, "member not registered": member_of(force),
            "reviewer": staff_user("Reviewer")}[who]
    assert SECRET not in every_path(as_(user), event)


def test_the_registered_person_and_organisers_see_joining_details(event, force):
    person = member_of(force)
    Registration.objects.create(event=event, user=person)
    assert SECRET in as_(person).get(event.get_absolute_url()).content.decode()
    assert SECRET in as_(staff_user("Organiser")).get(event.get_absolute_url()).content.decode()
    # Not even their own .ics carries it: a calendar file travels (see domain/calendar.py).
    ics = as_(person).get(reverse("events:event-ics", args=[event.slug])).content.decode()
    assert SECRET not in ics


def test_someone_waiting_or_cancelled_does_not_see_joining_details(event, force):
    waiting, cancelled = member_of(force), UserFactory()
    Registration.objects.create(event=event, user=waiting, status="waiting")
    Registration.objects.create(event=event, user=cancelled, status="cancelled")
    for person in (waiting, cancelled):
        assert SECRET not in as_(person).get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "signed in, no membership", "reviewer"])
def test_materials_for_members_reach_no_one_else(finished, who):
    user = {"anonymous": None, "signed in, no membership": UserFactory(),
            "reviewer": staff_user("Reviewer")}[who]
    client = as_(user)
    seen = every_path(client, finished)
    assert RECORDING not in seen and SUMMARY not in seen and SECRET not in seen
    assert client.get(reverse("events:slides", args=[finished.slug])).status_code == 404


def test_materials_for_members_reach_a_member(finished, force):
    client = as_(member_of(force))
    page = client.get(finished.get_absolute_url()).content.decode()
    assert RECORDING in page and SUMMARY in page and SECRET not in page
    slides = client.get(reverse("events:slides", args=[finished.slug]))
    assert slides.status_code == 200 and b"".join(slides.streaming_content).startswith(b"%PDF")


def test_materials_for_attendees_reach_only_attendees(finished, force):
    finished.materials_audience = MaterialsAudience.ATTENDEES
    finished.save()
    attendee, absentee, member = member_of(force), member_of(force), member_of(force)
    Registration.objects.create(event=finished, user=attendee, attended=True)
    Registration.objects.create(event=finished, user=absentee, attended=False)
    for person, allowed in ((attendee, True), (absentee, False), (member, False)):
        client = as_(person)
        assert (RECORDING in client.get(finished.get_absolute_url()).content.decode()) is allowed
        status = client.get(reverse("events:slides", args=[finished.slug])).status_code
        assert status == (200 if allowed else 404)


def test_materials_wait_until_the_event_has_ended(force, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(recording_url=RECORDING)
    event.slides.save("deck.pdf", ContentFile(b"%PDF"), save=True)
    client = as_(member_of(force))
    assert RECORDING not in client.get(event.get_absolute_url()).content.decode()
    assert client.get(reverse("events:slides", args=[event.slug])).status_code == 404


def test_the_api_never_carries_joining_details_or_materials(finished, event, force):
    person = member_of(force)
    Registration.objects.create(event=event, user=person)
    client = as_(person)
    body = client.get("/api/v1/events").content.decode() + client.get(
        "/api/v1/events?when=past").content.decode()
    for secret in (SECRET, RECORDING, SUMMARY, "slides"):
        assert secret not in body
