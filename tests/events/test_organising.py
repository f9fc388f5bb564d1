"""Creating, publishing, attendance into the learning record, and materials."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exchange.common.programmes import programme
from exchange.events.domain import events as organising
from exchange.events.domain import places
from exchange.events.enums import EventKind, EventStatus
from tests.factories import TopicFactory, UserFactory

from .factories import EventFactory, past_event

pytestmark = pytest.mark.django_db


def data(**changes):
    start = timezone.now() + datetime.timedelta(days=10)
    return {"title": "Demand and problem solving", "kind": EventKind.WORKSHOP,
            "summary": "A workshop.", "description": "", "audience": "", "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2), "online": True, "venue": "",
            "capacity": 20, "registration_opens_at": timezone.now(),
            "registration_closes_at": start, "cpd_hours": 2, "joining_details": "", **changes}


def test_a_new_event_is_a_draft_with_a_unique_slug(organiser):
    topic = TopicFactory()
    first = organising.create_event(actor=organiser, data=data(), topics=[topic])
    second = organising.create_event(actor=organiser, data=data())
    reserved = organising.create_event(actor=organiser, data=data(title="Manage"))
    assert (first.status, first.slug, second.slug) == (
        EventStatus.DRAFT, "demand-and-problem-solving", "demand-and-problem-solving-2")
    assert reserved.slug == "manage-event"
    assert list(first.topics.all()) == [topic]


@pytest.mark.parametrize(("changes", "field"), [
    ({"online": False, "venue": ""}, "venue"),
    ({"ends_at": timezone.now()}, "ends_at"),
    ({"registration_closes_at": timezone.now() + datetime.timedelta(days=30)},
     "registration_closes_at"),
])
def test_an_event_that_cannot_happen_is_refused_on_its_field(organiser, changes, field):
    with pytest.raises(ValidationError) as refused:
        organising.create_event(actor=organiser, data=data(**changes))
    assert field in refused.value.message_dict


def test_publishing_sends_the_invitations_once(organiser):
    event = organising.create_event(actor=organiser, data=data())
    organising.publish_event(actor=organiser, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at is not None
    assert event.invitations_sent_at is not None
    with pytest.raises(ValidationError):
        organising.publish_event(actor=organiser, event=event)


def test_attendance_goes_into_the_learning_record_in_one_query(organiser,
                                                               django_assert_num_queries):
    person = UserFactory()
    events = []
    for n in range(3):
        event = past_event(title=f"Past {n}", cpd_hours=1.5)
        event.registrations.create(user=person, status="registered")
        events.append(event)
    for event in events[:2]:
        organising.mark_attendance(actor=organiser, event=event,
                                   attended_ids=list(event.registrations.values_list("pk", flat=True)))
    organising.mark_attendance(actor=organiser, event=events[2], attended_ids=[])
    record = programme("events").learning_record
    with django_assert_num_queries(1):
        entries = record.entries(person)
    assert [(e.title, e.cpd_hours, e.kind) for e in entries] == [
        ("Past 1", 1.5, "Online seminar"), ("Past 0", 1.5, "Online seminar")]
    assert entries[0].url == events[1].get_absolute_url()


def test_attendance_waits_for_the_event(organiser):
    with pytest.raises(ValidationError):
        organising.mark_attendance(actor=organiser, event=EventFactory(), attended_ids=[])


def test_materials_are_saved_and_replaced(organiser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = past_event()
    slides = SimpleUploadedFile("talk.pdf", b"%PDF-1.4", content_type="application/pdf")
    organising.save_materials(actor=organiser, event=event, slides=slides, data={
        "recording_url": "https://video.example.org/1", "afterwards_summary": "We learned.",
        "materials_audience": "attendees"})
    event.refresh_from_db()
    assert event.slides.name.endswith(".pdf") and event.slides_content_type == "application/pdf"
    assert event.has_materials and event.materials_audience == "attendees"
    organising.save_materials(actor=organiser, event=event, data={}, remove_slides=True)
    event.refresh_from_db()
    assert not event.slides


def test_the_home_teaser_shows_the_next_three_published_events(rf):
    for days in (3, 1, 2, 4):
        EventFactory(title=f"In {days} days",
                     starts_at=timezone.now() + datetime.timedelta(days=days))
    EventFactory(title="Draft", status=EventStatus.DRAFT,
                 starts_at=timezone.now() + datetime.timedelta(hours=5))
    context = programme("events").teaser.context(rf.get("/"))
    assert [e.title for e in context["upcoming_events"]] == ["In 1 days", "In 2 days", "In 3 days"]


def test_the_dashboard_panel(organiser, query_count):
    person = UserFactory()
    dashboard = programme("events").dashboard
    for _ in range(3):
        places.register(event=EventFactory(capacity=1), actor=person)
    context = dashboard.context(person)
    assert len(context["upcoming"]) == 3
    assert dashboard.context(organiser)["organiser_queues"]["drafts"] == 0
