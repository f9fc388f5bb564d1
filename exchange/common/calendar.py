"""iCalendar documents: one invitation for an email, or a feed of many events (visits'
preparation calls and feed, peer-matching host days).

Pure: it takes plain values, so each programme's domain (emails) and views (feeds, downloads)
share it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from icalendar import Calendar, Event

PRODUCT_ID = "-//Learning Exchange//Learning Exchange//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts: date | datetime  # a date is an all-day event
    ends: date | datetime
    description: str = ""
    location: str = ""
    url: str = ""


def calendar_bytes(events, *, name):
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
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    return event
