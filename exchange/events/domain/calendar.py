"""Events as iCalendar entries (exchange/common/calendar.py).

Joining details are never in a calendar file: the feed and every event's ``.ics`` are public
addresses that anyone can share, subscribe to or cache, so they carry the event's page instead,
where a registered person (signed in) reads how to join. See docs/design/events-networks-grants.md.
"""

from django.conf import settings

from exchange.common.calendar import CalendarEvent, calendar_bytes


def calendar_event(event):
    where = "Online" if event.online else event.venue
    return CalendarEvent(
        uid=f"event-{event.pk}@learning-exchange", summary=calendar_title(event),
        starts=event.starts_at, ends=event.ends_at,
        description=f"{event.summary}\n\nRegister and find how to join on the event's page.",
        location=where, url=settings.SITE_URL + event.get_absolute_url())


def calendar_title(event):
    """The title with its kind in front ("Workshop: ..."), unless the title already says it."""
    kind = event.get_kind_display()
    if event.title.lower().startswith(kind.lower()):
        return event.title
    return f"{kind}: {event.title}"


def events_calendar(events, *, name):
    return calendar_bytes([calendar_event(event) for event in events], name=name)
