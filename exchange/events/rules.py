"""Who may do what with events, as `rules` predicates and permissions.

A published event's page is public. Its joining details are for people registered for it and
organisers; its slides, recording and summary for members or for attendees, as the organiser
sets. Everything else about an event in draft is for organisers only (404 for anyone else).
"""

import rules

from exchange.people.rules import is_member, is_organiser, is_signed_in

can_run_events = is_organiser

rules.add_perm("events.run_events", can_run_events)
rules.add_perm("events.register", is_signed_in)
rules.add_perm("events.request_event", is_member)
rules.add_perm("events.triage_requests", can_run_events)
