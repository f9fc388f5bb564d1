"""Asking for a knowledge sharing event, and the organisers' decisions on a request."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exchange.common.models import Activity
from exchange.events.domain import requests as requesting
from exchange.events.enums import EventStatus, RequestStatus
from exchange.events.models import EventRequest
from exchange.mail.models import OutboxMessage
from tests.events.access_rows_requests import planned_event
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def ask(user, topic, **fields):
    return requesting.ask_for_event(user=user, topic=topic, **{
        "why": "Plans stall after the scan.", "audience": "Neighbourhood teams.", **fields})


def sent(template):
    return sorted(OutboxMessage.objects.filter(template=template).values_list("to", flat=True))


def test_asking_for_an_event_emails_every_organiser_and_nobody_else(member, organiser, topic,
                                                                    reviewer):
    second = staff_user("Organiser", email="second.organiser@example.org")
    request = ask(member, topic, preferred_dates="  Any Tuesday in March  ")

    assert request.status == RequestStatus.SUBMITTED
    assert request.preferred_dates == "Any Tuesday in March"
    assert sent("event_request_received") == sorted([organiser.email, second.email])
    message = OutboxMessage.objects.filter(template="event_request_received").first()
    assert message.subject.startswith("Action needed:")
    assert f"/events/manage/requests/{request.pk}/" in message.body_text
    [entry] = Activity.objects.for_object(request)
    assert (entry.verb, entry.actor, entry.to_state) == ("request", member, "submitted")


def test_a_request_needs_a_reason_and_an_audience(member, topic):
    with pytest.raises(ValidationError) as refused:
        ask(member, topic, why="  ", audience="")
    assert set(refused.value.message_dict) == {"why", "audience"}
    assert not EventRequest.objects.exists()


def test_only_members_ask(topic):
    with pytest.raises(PermissionDenied):
        ask(UserFactory(), topic)
    assert not EventRequest.objects.exists()


def test_accepting_logs_the_decision_and_tells_the_requester(member, organiser, topic):
    request = ask(member, topic)

    requesting.decide(request=request, action="accept", actor=organiser,
                      reason="We will plan a seminar.")

    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert (request.decided_by, request.decision_reason) == (organiser, "We will plan a seminar.")
    assert request.decided_at is not None
    assert sent("event_request_accepted") == [member.email]
    entry = Activity.objects.for_object(request).get(verb="accept")
    assert (entry.actor, entry.from_state, entry.to_state) == (organiser, "submitted", "accepted")


def test_declining_needs_a_reason_the_requester_then_reads(member, organiser, topic):
    request = ask(member, topic)
    with pytest.raises(ValidationError) as refused:
        requesting.decide(request=request, action="decline", actor=organiser, reason="   ")
    assert "reason" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert sent("event_request_declined") == []

    requesting.decide(request=request, action="decline", actor=organiser,
                      reason="One force's project, not shared learning.")

    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    message = OutboxMessage.objects.get(template="event_request_declined")
    assert message.to == member.email
    assert "One force's project, not shared learning." in message.body_text
    assert Activity.objects.for_object(request).get(verb="decline").note == (
        "One force's project, not shared learning.")


def test_merging_links_the_request_to_a_planned_event(member, organiser, topic):
    event = planned_event(title="Assessment in problem solving", status=EventStatus.DRAFT)
    request = ask(member, topic)

    requesting.decide(request=request, action="merge", actor=organiser, event=event)

    request.refresh_from_db()
    assert (request.status, request.merged_into) == (RequestStatus.MERGED, event)
    message = OutboxMessage.objects.get(template="event_request_merged")
    assert message.to == member.email
    assert "Assessment in problem solving" in message.body_text


@pytest.mark.parametrize("make_event", [
    lambda: None,
    lambda: planned_event(title="Last year", days=-30),
    lambda: planned_event(title="Called off", status=EventStatus.CANCELLED),
], ids=["no event", "past event", "cancelled event"])
def test_a_request_is_merged_only_into_an_upcoming_planned_event(member, organiser, topic,
                                                                  make_event):
    request = ask(member, topic)
    with pytest.raises(ValidationError) as refused:
        requesting.decide(request=request, action="merge", actor=organiser, event=make_event())
    assert "event" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED and request.merged_into is None


def test_an_accepted_request_can_still_be_merged_once_its_event_is_planned(member, organiser,
                                                                           topic):
    request = requesting.decide(request=ask(member, topic), action="accept", actor=organiser)
    event = planned_event()
    requesting.decide(request=request, action="merge", actor=organiser, event=event)
    request.refresh_from_db()
    assert (request.status, request.merged_into) == (RequestStatus.MERGED, event)


@pytest.mark.parametrize("first, then", [("decline", "accept"), ("accept", "decline"),
                                         ("accept", "accept"), ("decline", "merge")])
def test_a_decided_request_cannot_be_decided_again(member, organiser, topic, first, then):
    request = requesting.decide(request=ask(member, topic), action=first, actor=organiser,
                                reason="First decision.")
    with pytest.raises(ValidationError):
        requesting.decide(request=request, action=then, actor=organiser, reason="Again.",
                          event=planned_event())
    request.refresh_from_db()
    assert request.decision_reason == "First decision."


def test_only_organisers_decide(member, colleague, topic):
    request = ask(member, topic)
    with pytest.raises(PermissionDenied):
        requesting.decide(request=request, action="accept", actor=colleague)
    with pytest.raises(PermissionDenied):
        requesting.decide(request=request, action="publish", actor=staff_user("Organiser"))
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_the_transitions_are_declared_once():
    assert requesting.REQUESTS.transitions is requesting.TRANSITIONS
    assert set(requesting.TRANSITIONS) == set(requesting.DECISIONS) == set(requesting.DONE)
