"""GET /events, POST and DELETE /events/{id}/registrations.

The list is open to anyone and shows only what the public list shows: published events, with
no joining details or materials (those are on the event's page, for the people who may see
them). Registering and cancelling are for the signed-in caller, for themself only.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import OPEN, Error, PageNumberPagination, WithPage
from exchange.common.permissions import permission_required

from ..domain import places
from ..enums import EventKind, RegistrationStatus
from ..forms import listed_events
from ..models import Event

router = Router(tags=["events"])

SIGN_IN = "Sign in to register for an event."


class EventItem(WithPage):
    id: int
    slug: str
    title: str
    kind: str = Field(..., json_schema_extra={"enum": list(EventKind.values)})
    summary: str
    audience: str
    topics: list[str] = Field(description="Topic slugs.")
    starts_at: dt.datetime
    ends_at: dt.datetime
    online: bool
    venue: str
    capacity: int
    cpd_hours: float
    registration_opens_at: dt.datetime
    registration_closes_at: dt.datetime

    @staticmethod
    def resolve_topics(obj):
        return [topic.slug for topic in obj.topics.all()]


class ListFilters(Schema):
    when: Literal["upcoming", "past"] = Field("upcoming", description="Upcoming (soonest "
                                              "first) or past (latest first).")
    topic: str = Field("", description="A topic's slug.")
    kind: Literal["", *EventKind.values] = ""  # type: ignore[valid-type]


@router.get("", response={200: list[EventItem], 401: Error, 422: Error}, **OPEN,
            url_name="event-list", summary="List published events")
@paginate(PageNumberPagination)
def list_events(request, filters: Query[ListFilters]):
    """Published events, filtered as the events page filters them."""
    params = {"when": filters.when, "topic": filters.topic, "kind": filters.kind}
    _, _, events = listed_events(params)
    return events.prefetch_related("topics")


class RegistrationOut(Schema):
    event: int
    status: str = Field(..., description="registered, or waiting (the event is full) or "
                                         "offered (a freed place waits for your answer)",
                        json_schema_extra={"enum": list(RegistrationStatus.values)})
    registered_at: dt.datetime


def _open_event(event_id):
    event = Event.objects.published().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


def _out(registration):
    return {"event": registration.event_id, "status": registration.status,
            "registered_at": registration.registered_at}


@router.post("/{event_id}/registrations",
             response={201: RegistrationOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="event-register", summary="Register yourself for an event")
@permission_required("events.register", message=SIGN_IN)
def register(request, event_id: int):
    """Answers `registered`, or `waiting` when the event is full (you are on its waiting list
    and are emailed if a place is offered to you). 422 outside the registration window or if
    you are already registered or waiting."""
    registration = places.register(event=_open_event(event_id), actor=request.auth)
    return Status(201, _out(registration))


@router.delete("/{event_id}/registrations",
               response={200: RegistrationOut, 401: Error, 403: Error, 404: Error, 422: Error},
               url_name="event-cancel-registration", summary="Cancel your registration")
@permission_required("events.register", message=SIGN_IN)
def cancel(request, event_id: int):
    """Cancels your place (it is offered to the next person waiting), or takes you off the
    waiting list, or declines the place offered to you. 422 if you hold none, or once the
    event has started."""
    registration = places.cancel_registration(event=_open_event(event_id), actor=request.auth)
    return Status(200, _out(registration))
