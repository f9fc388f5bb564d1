"""iCalendar invitations for peer-matching host days (the approach of ``visits/calendar.py``).

Pure: it takes plain values, so the domain (invitations by email) and the views (a day's
``.ics`` download) share it.
"""

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

PRODUCT_ID = "-//Learning Exchange//Peer matching//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts: datetime
    ends: datetime
    description: str = ""
    location: str = ""
    url: str = ""


def calendar_bytes(events, *, name="Peer matching host days"):
    """An iCalendar (RFC 5545) document with ``events``, as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        calendar.add_component(_event(item))
    return calendar.to_ical()


def _event(item):
    event = Event()
    event.add("uid", item.uid)
    event.add("summary", item.summary)
    event.add("dtstart", item.starts)
    event.add("dtend", item.ends)
    event.add("dtstamp", datetime.now().astimezone())
    for name in ("description", "location", "url"):
        if getattr(item, name):
            event.add(name, getattr(item, name))
    return event
