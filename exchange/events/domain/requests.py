"""Asking for a knowledge sharing event, and the organisers' decision on a request.

A request is submitted by a member; an organiser accepts it (an event will be planned), merges it
into an event already planned, or declines it with a reason. The requester is emailed each
decision; the organisers are emailed each new request.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import StateMachine, log_activity
from exchange.mail.domain import Email, queue_emails
from exchange.people.enums import StaffRole
from exchange.people.models import User
from exchange.people.rules import is_member

from ..enums import EventStatus, RequestStatus
from ..models import Event, EventRequest
from ..rules import can_run_events

# The one table of a request's moves. An accepted request can still be merged, once the event
# it asked for is planned, so the requester learns which event it became.
TRANSITIONS = {
    "accept": ({RequestStatus.SUBMITTED}, RequestStatus.ACCEPTED),
    "merge": ({RequestStatus.SUBMITTED, RequestStatus.ACCEPTED}, RequestStatus.MERGED),
    "decline": ({RequestStatus.SUBMITTED}, RequestStatus.DECLINED),
}
REQUESTS = StateMachine(field="status", transitions=TRANSITIONS)

DECISIONS = {
    "accept": "Accept: we will plan an event on this",
    "merge": "Merge into an event already planned",
    "decline": "Decline",
}
DONE = {
    "accept": "The request is accepted. We have emailed the person who asked.",
    "merge": "The request is merged into the event. We have emailed the person who asked.",
    "decline": "The request is declined. We have emailed the person who asked, with your reason.",
}


def organiser_emails():
    """Everyone active holding the organiser role, each once."""
    return sorted(set(User.objects.holding_staff_role(StaffRole.ORGANISER)
                      .filter(is_active=True).values_list("email", flat=True)))


def ask_for_event(*, user, topic, why, audience, preferred_dates=""):
    """A member asks for a knowledge sharing event.

    Side effects: a submitted ``EventRequest``; an activity-log row; an email to each organiser.
    Returns the request.
    """
    if not is_member(user):
        raise PermissionDenied("Only members of a member organisation can ask for an event.")
    errors = {}
    if topic is None:
        errors["topic"] = "Select the topic of the event"
    if not (why or "").strip():
        errors["why"] = "Enter why an event is needed"
    if not (audience or "").strip():
        errors["audience"] = "Enter who the event is for"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = EventRequest.objects.create(
            requested_by=user, topic=topic, why=why.strip(), audience=audience.strip(),
            preferred_dates=(preferred_dates or "").strip())
        log_activity(subject=request, actor=user, verb="request", to_state=request.status)
        queue_emails(Email(to=address, template="event_request_received",
                           context={"request": request, "topic": topic, "requester": user})
                     for address in organiser_emails())
    return request


def mergeable_events(*, now=None):
    """The events a request may be merged into: planned (draft or published) and still to come."""
    return (Event.objects.filter(status__in=[EventStatus.DRAFT, EventStatus.PUBLISHED],
                                 starts_at__gt=now or timezone.now())
            .order_by("starts_at", "pk"))


def decide(*, request, action, actor, reason="", event=None):
    """Accept, merge (into ``event``) or decline (with a ``reason``) a request.

    Side effects: the state change and its activity-log row (through ``REQUESTS``), with who
    decided, when, why and, for a merge, the event; an email to the requester saying so.
    Raises ``PermissionDenied`` for someone who does not run events or an unknown action, and
    ``ValidationError`` (on ``reason`` or ``event``) for a decision that cannot be made.
    """
    if not can_run_events(actor):
        raise PermissionDenied("Only the events team decides on requests.")
    if action not in TRANSITIONS:
        raise PermissionDenied(f"{action!r} is not a decision on a request.")
    reason = (reason or "").strip()
    _check_decision(action, reason, event)
    with transaction.atomic():
        request = EventRequest.objects.select_for_update().get(pk=request.pk)
        request.decision_reason = reason
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.merged_into = event if action == "merge" else None
        note = f"{event.title}. {reason}".strip() if action == "merge" else reason
        REQUESTS.change(request, action=action, actor=actor, note=note, extra_fields=[
            "decision_reason", "decided_by", "decided_at", "merged_into"])
        _tell_requester(request)
    return request


def _check_decision(action, reason, event):
    if action == "decline" and not reason:
        raise ValidationError({"reason": "Enter why the request is declined: the person who "
                                         "asked will read it"})
    if action == "merge":
        if event is None:
            raise ValidationError({"event": "Select the event to merge the request into"})
        if not mergeable_events().filter(pk=event.pk).exists():
            raise ValidationError({"event": "Select an event that is planned and still to come"})


def _tell_requester(request):
    requester = request.requested_by
    if requester is None or not requester.is_active:
        return
    queue_emails([Email(to=requester.email, template=f"event_request_{request.status}",
                        context={"request": request, "topic": request.topic,
                                 "event": request.merged_into})])
