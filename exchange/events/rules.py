"""Who may do what with events, as `rules` predicates and permissions.

A published event's page is public. Its joining details are for people registered for it and
organisers; its slides, recording and summary for members or for attendees, as the organiser
sets. Everything else about an event in draft is for organisers only (404 for anyone else).
"""

import rules

from exchange.people.rules import is_member, is_organiser, is_signed_in

from .enums import EventStatus, MaterialsAudience, RegistrationStatus

can_run_events = is_organiser


def _registration(user, event, **filters):
    if event is None or not (user and user.is_authenticated):
        return False
    return event.registrations.filter(user=user, **filters).exists()


@rules.predicate
def is_registered_for(user, event):
    """Holds a place on ``event`` now (not waiting, not cancelled)."""
    return _registration(user, event, status=RegistrationStatus.REGISTERED)


@rules.predicate
def attended(user, event):
    return _registration(user, event, attended=True)


@rules.predicate
def is_visible_event(user, event):
    return event is not None and event.status in {EventStatus.PUBLISHED, EventStatus.CANCELLED}


@rules.predicate
def materials_for_members(user, event):
    return event is not None and event.materials_audience == MaterialsAudience.MEMBERS


@rules.predicate
def is_published_event(user, event):
    return event is not None and event.status == EventStatus.PUBLISHED


# Joining details: only people registered for a published event, and organisers.
can_see_joining_details = can_run_events | (is_published_event & is_registered_for)
# Materials afterwards: members (when set for members) or attendees; organisers always.
can_see_materials = can_run_events | (is_visible_event & (
    (materials_for_members & is_member) | attended))

rules.add_perm("events.run_events", can_run_events)
rules.add_perm("events.register", is_signed_in)
rules.add_perm("events.see_joining_details", can_see_joining_details)
rules.add_perm("events.see_materials", can_see_materials)
rules.add_perm("events.request_event", is_member)
rules.add_perm("events.triage_requests", can_run_events)
