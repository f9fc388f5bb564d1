"""The rows of events' access table for requests for an event and invitations (merged by
access_rows.py): asking for an event, a person's own requests, the organisers' triage, and
subscribing to, confirming and leaving invitations.

Kent's member asked for an event (``event_request``, waiting for a decision); the triage pages
are the organisers' (and administrators'). Anyone may subscribe to invitations; the confirm and
unsubscribe links carry their own credential (a signed token, the subscriber's token).
"""

import datetime

from django.core import signing
from django.utils import timezone

from exchange.common.models import Topic
from exchange.events.domain.invitations import CONFIRM_SALT
from exchange.events.enums import EventStatus, RequestStatus
from exchange.events.models import Event, EventRequest, InvitationSubscriber
from tests.access import EVERYONE, SIGNED_IN, Pk, expect, fresh, get, only, post

TRIAGE = only("organisers")
TRIAGE_ACT = only("organisers", answer=302)


def planned_event(*, title="Assessment in problem solving", days=30,
                  status=EventStatus.PUBLISHED, topics=(), **fields):
    """An event ``days`` from now (negative: in the past), published unless told otherwise."""
    starts = timezone.now() + datetime.timedelta(days=days)
    slug = fields.pop("slug", None) or f"{title.lower().replace(' ', '-')}-{Event.objects.count()}"
    event = Event.objects.create(**{
        "title": title, "slug": slug, "summary": f"{title}: what works.", "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2), "capacity": 30,
        "registration_opens_at": starts - datetime.timedelta(days=60),
        "registration_closes_at": starts - datetime.timedelta(hours=1), "status": status,
        **fields})
    event.topics.set(topics)
    return event


class ConfirmToken(str):
    """The signed confirmation link's token for the subscriber this names, made once the
    objects exist."""

    def resolve(self, objects):
        subscriber = getattr(objects, self)
        return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=CONFIRM_SALT)


class SubscriberToken(str):
    """The unsubscribe token of the subscriber this names."""

    def resolve(self, objects):
        return getattr(objects, self).token


def _status_is(status):
    return lambda objects: fresh(objects.event_request).status == status


ROWS = {
    "events:request": [
        get("events:request", expected=only("members")),
        post("events:request", expected=only("members", answer=302), label="ask",
             data=lambda o: {"topic": o.request_topic.pk, "why": "Asked by the access table.",
                             "audience": "Everyone."},
             done=lambda o: EventRequest.objects.filter(why="Asked by the access table.").exists()),
    ],
    "events:requests-mine": [get("events:requests-mine", expected=SIGNED_IN)],
    "events:manage-requests": [
        get("events:manage-requests", expected=TRIAGE),
        get("/events/manage/requests/?status=submitted", expected=TRIAGE, label="filtered"),
    ],
    "events:manage-request": [
        get("events:manage-request", Pk("event_request"), expected=TRIAGE),
        post("events:manage-request", Pk("event_request"), expected=TRIAGE_ACT, label="accept",
             data={"decision": "accept"}, done=_status_is(RequestStatus.ACCEPTED)),
        post("events:manage-request", Pk("event_request"), expected=TRIAGE_ACT, label="decline",
             data={"decision": "decline", "reason": "Not for now."},
             done=_status_is(RequestStatus.DECLINED)),
        post("events:manage-request", Pk("event_request"), expected=TRIAGE_ACT, label="merge",
             data=lambda o: {"decision": "merge", "event": o.request_event.pk},
             done=_status_is(RequestStatus.MERGED)),
    ],
    "events:invitations-subscribe": [
        get("events:invitations-subscribe", expected=EVERYONE),
        post("events:invitations-subscribe", expected=expect(302), label="subscribe",
             data={"email": "access-table@example.org"},
             done=lambda o: InvitationSubscriber.objects.filter(
                 email="access-table@example.org").exists()),
    ],
    "events:invitations-sent": [get("events:invitations-sent", expected=EVERYONE)],
    "events:invitations-confirm": [
        get("events:invitations-confirm", ConfirmToken("invitation_pending"), expected=EVERYONE,
            label="the emailed link"),
        get("events:invitations-confirm", "not-a-real-token", expected=expect(400),
            label="bad token"),
    ],
    "events:invitations-unsubscribe": [
        get("events:invitations-unsubscribe", SubscriberToken("invitation_subscriber"), expected=EVERYONE,
            label="asks first"),
        post("events:invitations-unsubscribe", SubscriberToken("invitation_subscriber"), expected=EVERYONE,
             label="one click",
             done=lambda o: fresh(o.invitation_subscriber).unsubscribed_at is not None),
        post("events:invitations-unsubscribe", "not-a-real-token", expected=expect(404),
             label="unknown token"),
    ],
}


def add_objects(shared):
    """Adds this area's objects to ``shared`` (which has force, other_force and people): a
    request by Kent's member waiting for a decision, an upcoming event to merge it into, a
    confirmed and a pending subscriber."""
    people = shared.people
    shared.request_topic, _ = Topic.objects.get_or_create(
        slug="problem-solving", defaults={"name": "Problem solving"})
    shared.request_event = planned_event(title="Access table planned event",
                                         status=EventStatus.DRAFT)
    shared.event_request = EventRequest.objects.create(
        requested_by=people["member"], topic=shared.request_topic,
        why="Plans stall after the scan.", audience="Neighbourhood teams.")
    shared.invitation_subscriber = InvitationSubscriber.objects.create(
        email="confirmed@example.org", confirmed_at=timezone.now())
    shared.invitation_pending = InvitationSubscriber.objects.create(email="pending@example.org")
