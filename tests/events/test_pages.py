"""The events pages: the list and its filters, an event's page with its register button, the
calendar files, the person's own events and the organisers' pages; the lists' query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.events.domain import places
from exchange.events.enums import EventKind, EventStatus, RegistrationStatus
from exchange.events.models import Event, Registration
from tests.factories import TopicFactory, UserFactory

from .factories import EventFactory, past_event

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_the_list_shows_upcoming_published_events_and_filters_them(client):
    topic = TopicFactory(name="Demand", slug="demand")
    EventFactory(title="Seminar on demand", topics=[topic])
    EventFactory(title="A workshop", kind=EventKind.WORKSHOP)
    EventFactory(title="A draft", status=EventStatus.DRAFT)
    past_event(title="Last month's seminar")
    page = text(client.get("/events/"))
    assert "Seminar on demand" in page and "A workshop" in page
    assert "A draft" not in page and "Last month" not in page
    assert "Seminar on demand" not in text(client.get("/events/", {"kind": "workshop"}))
    filtered = text(client.get("/events/", {"topic": "demand"}))
    assert "Seminar on demand" in filtered and "A workshop" not in filtered
    past = text(client.get("/events/", {"when": "past"}))
    assert "Last month" in past and "Seminar on demand" not in past


def test_the_list_says_when_nothing_matches(client):
    assert "No events are planned at the moment" in text(client.get("/events/"))
    assert "No upcoming events match these filters" in text(client.get("/events/",
                                                                      {"kind": "workshop"}))
    assert "There are no past events yet" in text(client.get("/events/?when=past"))


def test_the_lists_queries_do_not_grow_with_events(client, query_count):
    topic = TopicFactory()
    EventFactory(topics=[topic])
    few = query_count.of_get(client, "/events/")
    for _ in range(6):
        EventFactory(topics=[topic])
    assert query_count.of_get(client, "/events/") == few
    assert query_count.of_get(client, "/api/v1/events") <= few


def test_the_event_page_shows_the_time_in_london_and_places_left(client):
    # 1 July 2030 09:30 UTC is 10:30 in London (summer time).
    starts = datetime.datetime(2030, 7, 1, 9, 30, tzinfo=datetime.UTC)
    event = EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
                         registration_closes_at=starts, capacity=3)
    places.register(event=event, actor=UserFactory())
    page = text(client.get(event.get_absolute_url()))
    assert "Monday 1 July 2030, 10:30 to 11:30 (UK time)" in page
    assert "2 places left" in page and "Sign in to register" in page


def test_register_button_states(client):
    person = UserFactory()
    client.force_login(person)
    event = EventFactory(capacity=1)
    assert "Register</button>" in text(client.get(event.get_absolute_url()))
    places.register(event=event, actor=UserFactory())
    assert "Join the waiting list</button>" in text(client.get(event.get_absolute_url()))
    closed = EventFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    assert "Registration opens on" in text(client.get(closed.get_absolute_url()))


def test_registering_and_cancelling_through_the_pages(client):
    person = UserFactory()
    client.force_login(person)
    event = EventFactory(capacity=1)
    response = client.post(reverse("events:register", args=[event.slug]), follow=True)
    assert "You are registered" in text(response)
    assert "How to join" in text(response)
    assert "Cancel your registration?" in text(client.get(reverse("events:cancel",
                                                                  args=[event.slug])))
    response = client.post(reverse("events:cancel", args=[event.slug]), follow=True)
    assert "Your registration is cancelled." in text(response)
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_waiting_then_offered_then_accepting_through_the_pages(client):
    first, person = UserFactory(), UserFactory()
    event = EventFactory(capacity=1)
    places.register(event=event, actor=first)
    client.force_login(person)
    response = client.post(reverse("events:register", args=[event.slug]), follow=True)
    assert "on the waiting list" in text(response)
    places.cancel_registration(event=event, actor=first)
    page = text(client.get(event.get_absolute_url()))
    assert "A place is offered to you" in page
    offer = event.offers.get()
    mine = text(client.get(reverse("events:mine")))
    assert reverse("events:offer", args=[event.slug, offer.pk]) in mine
    response = client.post(reverse("events:offer", args=[event.slug, offer.pk]),
                           {"answer": "accept"}, follow=True)
    assert "You have accepted the place" in text(response)


def test_your_events_and_its_queries(client, query_count):
    person = UserFactory()
    client.force_login(person)
    places.register(event=EventFactory(title="Still to come"), actor=person)
    old = past_event(title="Been there")
    Registration.objects.create(event=old, user=person, attended=True)
    few = query_count.of_get(client, "/events/mine/")
    page = text(client.get("/events/mine/"))
    assert "Still to come" in page and "Been there" in page and "attended" in page
    for _ in range(4):
        places.register(event=EventFactory(), actor=person)
    assert query_count.of_get(client, "/events/mine/") == few


def test_the_calendar_feed_and_an_events_ics(client):
    event = EventFactory(title="Calendared")
    EventFactory(title="Not yet", status=EventStatus.DRAFT)
    feed = client.get("/events/calendar.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Calendared" in body and "Not yet" not in body
    one = client.get(reverse("events:event-ics", args=[event.slug]))
    assert "BEGIN:VEVENT" in one.content.decode()


def test_an_organiser_creates_edits_publishes_and_cancels(client, organiser):
    client.force_login(organiser)
    response = client.post(reverse("events:manage-new"), {
        "title": "Winter workshop", "kind": "workshop", "summary": "Hands on.",
        "starts_at": "2030-01-15T10:00", "ends_at": "2030-01-15T12:00",
        "capacity": "12", "registration_opens_at": "2029-12-01T09:00",
        "registration_closes_at": "2030-01-14T17:00", "cpd_hours": "2", "venue": "Ryton"})
    event = Event.objects.get()
    assert response.status_code == 302 and event.status == EventStatus.DRAFT
    assert not event.online and event.venue == "Ryton"
    # Entered in UK time: 10:00 in January is 10:00 UTC.
    assert event.starts_at == datetime.datetime(2030, 1, 15, 10, 0, tzinfo=datetime.UTC)
    client.post(reverse("events:manage-publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    page = text(client.get(reverse("events:manage-event", args=[event.pk])))
    assert "Published" in page and "History" in page
    response = client.post(reverse("events:manage-cancel", args=[event.pk]), {"reason": ""})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_the_event_form_says_what_is_wrong(client, organiser):
    client.force_login(organiser)
    response = client.post(reverse("events:manage-new"), {
        "title": "Bad", "kind": "workshop", "summary": "x", "starts_at": "2030-01-15T10:00",
        "ends_at": "2030-01-15T09:00", "capacity": "0", "registration_opens_at":
        "2029-12-01T09:00", "registration_closes_at": "2030-01-14T17:00", "cpd_hours": "1"})
    page = text(response)
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Enter the number of places, 1 or more" in page


def test_marking_attendance_and_publishing_materials(client, organiser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(organiser)
    event = past_event()
    came, missed = (Registration.objects.create(event=event, user=UserFactory()) for _ in "ab")
    response = client.post(reverse("events:manage-attendance", args=[event.pk]),
                           {"attended": [str(came.pk)]})
    assert response.status_code == 302
    came.refresh_from_db(), missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("events:manage-materials", args=[event.pk]), {
        "materials_audience": "attendees", "recording_url": "https://video.example.org/x",
        "afterwards_summary": "What we learned.",
        "slides_file": SimpleUploadedFile("deck.pdf", b"%PDF-1.4", content_type="application/pdf")})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.slides and event.materials_audience == "attendees"


def test_the_organisers_list_and_csv(client, organiser):
    client.force_login(organiser)
    event = EventFactory(title="Counted")
    Registration.objects.create(event=event, user=UserFactory(full_name="=cmd()"))
    assert "Counted" in text(client.get("/events/manage/"))
    csv = client.get(reverse("events:manage-registrations-csv", args=[event.pk])).content.decode()
    assert "'=cmd()" in csv


def test_the_event_pages_queries_do_not_grow_with_registrations(client, query_count):
    event = EventFactory(capacity=50)
    person = UserFactory()
    client.force_login(person)
    places.register(event=event, actor=person)
    few = query_count.of_get(client, event.get_absolute_url())
    for _ in range(8):
        places.register(event=event, actor=UserFactory())
    assert query_count.of_get(client, event.get_absolute_url()) == few


def test_the_organisers_pages_queries_do_not_grow_with_rows(client, organiser, query_count):
    client.force_login(organiser)
    event = EventFactory(capacity=2)
    places.register(event=event, actor=UserFactory())
    manage = reverse("events:manage-event", args=[event.pk])
    few_event, few_list = query_count.of_get(client, manage), query_count.of_get(client,
                                                                                "/events/manage/")
    for _ in range(5):
        places.register(event=event, actor=UserFactory())
        EventFactory()
    places.cancel_registration(event=event, actor=event.registrations.first().user)
    assert query_count.of_get(client, manage) == few_event
    assert query_count.of_get(client, "/events/manage/") == few_list


def test_a_calendar_title_names_the_kind_once(client):
    # Found in the demo's feed: "Workshop: Workshop: evaluating a change on a small scale".
    EventFactory(title="Workshop: evaluating a change", kind=EventKind.WORKSHOP)
    EventFactory(title="Measuring demand", kind=EventKind.SEMINAR)
    body = client.get("/events/calendar.ics").content.decode().replace("\r\n ", "")
    assert "SUMMARY:Workshop: evaluating a change" in body and "Workshop: Workshop" not in body
    assert "SUMMARY:Online seminar: Measuring demand" in body


def test_every_cell_of_the_registrations_csv_is_safe_in_a_spreadsheet(client, organiser):
    # Review found the CSV's own quoting missed a leading tab and left the email column alone.
    client.force_login(organiser)
    event = EventFactory(title="Counted")
    Registration.objects.create(event=event, user=UserFactory(full_name="\t=cmd()",
                                                              email="=1+1@example.org"))
    csv = client.get(reverse("events:manage-registrations-csv", args=[event.pk])).content.decode()
    assert "'\t=cmd()" in csv and "'=1+1@example.org" in csv


def test_the_list_counts_a_place_held_for_an_offer_as_the_event_page_does(client):
    # Review found the list said "1 left of 2" while the event page said the event was full.
    event = EventFactory(title="Nearly full", capacity=2)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        places.register(event=event, actor=person)
    places.cancel_registration(event=event, actor=first)  # the third is offered the place
    assert places.places_left(event) == 0
    page = text(client.get(reverse("events:list")))
    assert "Full: join the waiting list" in page and "left of 2" not in page
