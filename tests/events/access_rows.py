"""Events' rows of the access table; tests/test_access.py merges them and :func:`objects`
into the one table (found through the app registry).

Each area keeps its rows in its own module (``access_rows_<area>.py``: ``ROWS`` and
``add_objects``); this module holds the rows for events themselves and makes the objects. A
published event's page is anyone's; a draft is the organisers' (404 to anyone else). Kent's
member is registered for one event, waiting on a full one, offered a place on another, and
attended a past one whose materials are for attendees only. Slides are for members (or
attendees, as set) and organisers; everyone else gets 404 so they do not learn they exist.
"""

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from exchange.common import places as engine
from exchange.events.enums import EventStatus, MaterialsAudience, RegistrationStatus
from exchange.events.models import Event, PlaceOffer, Registration, WaitingPlace
from tests.access import (
    EVERYONE,
    LOGIN,
    ORGANISERS,
    SIGNED_IN,
    Case,
    Pk,
    expect,
    fresh,
    get,
    only,
    post,
)

from . import access_rows_requests

AREAS = [access_rows_requests]

ORGANISERS_ACT = only("organisers", answer=302)
SIGNED_IN_ACT = expect(302, anonymous=LOGIN)
DRAFT = expect(404, organisers=200)
PDF = b"%PDF-1.4\n%%EOF\n"


class Slug(str):
    """Names one of the table's events; the URL gets its slug."""

    def resolve(self, objects):
        return getattr(objects, self).slug


class StoredSlides(Slug):
    """An event whose slides are put in storage when its URL is made: the table's objects are
    built before each test points MEDIA_ROOT at its own folder."""

    def resolve(self, objects):
        event = getattr(objects, self)
        if not default_storage.exists(event.slides.name):
            default_storage.save(event.slides.name, ContentFile(PDF))
        return event.slug


class OfferOf(str):
    def resolve(self, objects):
        return objects.ev_offer.pk


def _api(method, path, *args, expected, label="", done=None, done_by=()):
    return Case((path, *args), expected, label, method=method, done=done, done_by=done_by)


def _status(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _registered_on(name):
    return lambda o: Registration.objects.filter(event=getattr(o, name)).exists()


ROWS = {
    "events:list": [get("events:list", expected=EVERYONE),
                    get("/events/?when=past", expected=EVERYONE, label="past")],
    "events:feed": [get("events:feed", expected=EVERYONE)],
    "events:detail": [
        get("events:detail", Slug("ev_event"), expected=EVERYONE),
        get("events:detail", Slug("ev_draft"), expected=DRAFT, label="draft"),
    ],
    "events:event-ics": [
        get("events:event-ics", Slug("ev_event"), expected=EVERYONE),
        get("events:event-ics", Slug("ev_draft"), expected=expect(404), label="draft"),
    ],
    "events:slides": [
        get("events:slides", StoredSlides("ev_past"), expected=expect(
            404, members=200, organisers=200), label="for members"),
        get("events:slides", StoredSlides("ev_attended"), expected=expect(
            404, member=200, organisers=200), label="for attendees"),
    ],
    "events:mine": [get("events:mine", expected=SIGNED_IN)],
    "events:register": [
        post("events:register", Slug("ev_open"), expected=SIGNED_IN_ACT,
             done=_registered_on("ev_open")),
    ],
    "events:cancel": [
        get("events:cancel", Slug("ev_event"), expected=expect(302, anonymous=LOGIN, member=200),
            label="only the registered see the question"),
        post("events:cancel", Slug("ev_event"), expected=SIGNED_IN_ACT, done_by=("member",),
             done=lambda o: fresh(o.ev_registration).status == RegistrationStatus.CANCELLED),
    ],
    "events:leave-waiting-list": [
        post("events:leave-waiting-list", Slug("ev_full"), expected=SIGNED_IN_ACT,
             done_by=("member",),
             done=lambda o: fresh(o.ev_waiting).status == RegistrationStatus.WITHDRAWN),
    ],
    "events:offer": [
        get("events:offer", Slug("ev_offered"), OfferOf("offer"),
            expected=expect(404, anonymous=LOGIN, member=200)),
        post("events:offer", Slug("ev_offered"), OfferOf("offer"), data={"answer": "accept"},
             expected=expect(404, anonymous=LOGIN, member=302), label="accept",
             done=lambda o: fresh(o.ev_offered_registration).status ==
             RegistrationStatus.REGISTERED),
    ],
    "events:manage": [get("events:manage", expected=ORGANISERS)],
    "events:manage-new": [
        get("events:manage-new", expected=ORGANISERS),
        post("events:manage-new", expected=ORGANISERS_ACT, label="create", data=lambda o: {
            "title": "Access created event", "kind": "workshop", "summary": "A summary.",
            "starts_at": _local(20), "ends_at": _local(20, hours=2), "online": "on",
            "capacity": "10", "registration_opens_at": _local(0),
            "registration_closes_at": _local(19), "cpd_hours": "1"},
            done=lambda o: Event.objects.filter(title="Access created event").exists()),
    ],
    "events:manage-event": [get("events:manage-event", Pk("ev_event"), expected=ORGANISERS)],
    "events:manage-edit": [
        get("events:manage-edit", Pk("ev_draft"), expected=ORGANISERS),
        post("events:manage-edit", Pk("ev_draft"), expected=ORGANISERS_ACT, label="save",
             data=lambda o: {
                 "title": "Access renamed event", "kind": "workshop", "summary": "A summary.",
                 "starts_at": _local(20), "ends_at": _local(20, hours=2), "online": "on",
                 "capacity": "10", "registration_opens_at": _local(0),
                 "registration_closes_at": _local(19), "cpd_hours": "1"},
             done=lambda o: fresh(o.ev_draft).title == "Access renamed event"),
    ],
    "events:manage-publish": [
        post("events:manage-publish", Pk("ev_draft"), expected=ORGANISERS_ACT,
             done=_status("ev_draft", EventStatus.PUBLISHED)),
    ],
    "events:manage-cancel": [
        get("events:manage-cancel", Pk("ev_event"), expected=ORGANISERS),
        post("events:manage-cancel", Pk("ev_event"), expected=ORGANISERS_ACT,
             data={"reason": "Access"}, done=_status("ev_event", EventStatus.CANCELLED)),
    ],
    "events:manage-attendance": [
        get("events:manage-attendance", Pk("ev_past"), expected=ORGANISERS),
        post("events:manage-attendance", Pk("ev_past"), expected=ORGANISERS_ACT,
             data=lambda o: {"attended": [str(o.ev_past_registration.pk)]},
             done=lambda o: fresh(o.ev_past_registration).attended is True),
    ],
    "events:manage-materials": [
        get("events:manage-materials", Pk("ev_past"), expected=ORGANISERS),
        post("events:manage-materials", Pk("ev_past"), expected=ORGANISERS_ACT,
             data={"materials_audience": "members", "recording_url":
                   "https://video.example.org/access", "afterwards_summary": "Access"},
             done=lambda o: fresh(o.ev_past).recording_url == "https://video.example.org/access"),
    ],
    "events:manage-registrations-csv": [
        get("events:manage-registrations-csv", Pk("ev_event"), expected=ORGANISERS)],
    "GET /api/v1/events": [get("/api/v1/events", expected=EVERYONE)],
    "POST /api/v1/events/{event_id}/registrations": [
        _api("post", "/api/v1/events/{}/registrations", Pk("ev_open"),
             expected=expect(201, anonymous=401), done=_registered_on("ev_open")),
        _api("post", "/api/v1/events/{}/registrations", Pk("ev_draft"),
             expected=expect(404, anonymous=401), label="a draft"),
    ],
    "DELETE /api/v1/events/{event_id}/registrations": [
        _api("delete", "/api/v1/events/{}/registrations", Pk("ev_event"),
             expected=expect(422, anonymous=401, member=200), done_by=("member",),
             done=lambda o: fresh(o.ev_registration).status == RegistrationStatus.CANCELLED),
    ],
}

ACCESS_ROWS = {**ROWS}
for area in AREAS:
    ACCESS_ROWS.update(area.ROWS)


def _local(days, hours=0):
    moment = timezone.localtime(timezone.now() + datetime.timedelta(days=days, hours=hours))
    return moment.strftime("%Y-%m-%dT%H:%M")


def _event(title, *, days, capacity=20, **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    return Event.objects.create(**{
        "title": title, "slug": title.lower().replace(" ", "-"), "summary": "For the table.",
        "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=2), "online": True,
        "capacity": capacity, "registration_opens_at": starts - datetime.timedelta(days=30),
        "registration_closes_at": starts, "joining_details": "https://meet.example.org/table",
        "status": EventStatus.PUBLISHED, **fields})


def objects(*, force, other_force, people):
    member, colleague = people["member"], people["colleague"]
    ev = SimpleNamespace(force=force, other_force=other_force, people=people)
    ev.ev_event = _event("Table event", days=10)
    ev.ev_registration = Registration.objects.create(event=ev.ev_event, user=member)
    ev.ev_open = _event("Table open event", days=12)
    ev.ev_draft = _event("Table draft event", days=14, status=EventStatus.DRAFT)
    ev.ev_full = _event("Table full event", days=16, capacity=1)
    Registration.objects.create(event=ev.ev_full, user=colleague)
    ev.ev_waiting = Registration.objects.create(event=ev.ev_full, user=member,
                                                status=RegistrationStatus.WAITING)
    WaitingPlace.objects.create(event=ev.ev_full, registration=ev.ev_waiting, position=1)
    ev.ev_offered = _event("Table offered event", days=18, capacity=1)
    ev.ev_offered_registration = Registration.objects.create(
        event=ev.ev_offered, user=member, status=RegistrationStatus.OFFERED)
    entry = WaitingPlace.objects.create(event=ev.ev_offered, position=1,
                                        registration=ev.ev_offered_registration,
                                        status=engine.WaitingStatus.OFFERED)
    ev.ev_offer = PlaceOffer.objects.create(event=ev.ev_offered, entry=entry, places=1,
                                            expires_at=timezone.now() + datetime.timedelta(days=1))
    ev.ev_past = _event("Table past event", days=-7, slides="events/table/slides/past.pdf",
                        slides_content_type="application/pdf", recording_url="https://v.example.org/1")
    ev.ev_past_registration = Registration.objects.create(event=ev.ev_past, user=colleague)
    ev.ev_attended = _event("Table attended event", days=-9,
                            slides="events/table/slides/attended.pdf",
                            materials_audience=MaterialsAudience.ATTENDEES)
    Registration.objects.create(event=ev.ev_attended, user=member, attended=True)
    for area in AREAS:
        area.add_objects(ev)
    return ev
