"""Registering with capacity, the waiting list, offers of freed places and their deadlines,
cancelling, reminders once, and an event cancelled by its organisers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.common.models import Activity
from exchange.events.domain import events as organising
from exchange.events.domain import places
from exchange.events.enums import EventStatus, RegistrationStatus
from exchange.events.models import PlaceOffer, Registration, WaitingPlace
from exchange.mail.models import OutboxMessage
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

R = RegistrationStatus


def people(n):
    return [UserFactory(email=f"person{i}@example.org", full_name=f"Person {i}") for i in range(n)]


def statuses(event):
    return [r.status for r in Registration.objects.filter(event=event).order_by("id")]


def mails(template):
    return sorted(OutboxMessage.objects.filter(template=template).values_list("to", flat=True))


def test_registering_takes_a_place_until_full_then_the_waiting_list():
    event = EventFactory(capacity=2)
    a, b, c, d = people(4)
    for person in (a, b, c, d):
        places.register(event=event, actor=person)
    assert statuses(event) == [R.REGISTERED, R.REGISTERED, R.WAITING, R.WAITING]
    assert list(WaitingPlace.objects.filter(event=event).values_list("position", flat=True)) == [1, 2]
    assert mails("event_registered") == [a.email, b.email]
    assert mails("event_waiting") == [c.email, d.email]
    confirmation = OutboxMessage.objects.filter(template="event_registered", to=a.email).get()
    [ics] = confirmation.attachments.all()
    assert ics.filename.endswith(".ics") and b"BEGIN:VEVENT" in bytes(ics.content)
    assert event.joining_details.encode() not in bytes(ics.content)
    assert event.joining_details in confirmation.body_text
    verbs = list(Activity.objects.for_object(event).values_list("verb", flat=True))
    assert sorted(verbs) == ["join_waiting_list"] * 2 + ["register"] * 2


def test_nobody_registers_twice():
    event = EventFactory()
    [person] = people(1)
    places.register(event=event, actor=person)
    with pytest.raises(ValidationError, match="already registered"):
        places.register(event=event, actor=person)


@pytest.mark.parametrize(("changes", "refusal"), [
    ({"status": EventStatus.DRAFT}, "not open for registration"),
    ({"status": EventStatus.CANCELLED}, "not open for registration"),
    ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "Registration opens"),
    ({"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1),
      "registration_opens_at": timezone.now() - datetime.timedelta(days=2)}, "closed"),
])
def test_the_registration_window_is_enforced(changes, refusal):
    event = EventFactory(**changes)
    with pytest.raises(ValidationError, match=refusal):
        places.register(event=event, actor=people(1)[0])
    assert not Registration.objects.exists()


def test_someone_not_signed_in_cannot_register(rf):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        places.register(event=EventFactory(), actor=AnonymousUser())


def test_a_cancelled_place_is_offered_to_the_next_person_with_a_deadline():
    event = EventFactory(capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        places.register(event=event, actor=person)
    places.cancel_registration(event=event, actor=a)
    assert statuses(event) == [R.CANCELLED, R.OFFERED, R.WAITING]
    offer = PlaceOffer.objects.get()
    assert offer.entry.registration.user == b and offer.status == "open"
    assert timezone.now() < offer.expires_at <= timezone.now() + datetime.timedelta(hours=24)
    assert mails("event_place_offered") == [b.email]
    assert mails("event_registration_cancelled") == [a.email]
    # The offered place is held: a newcomer waits too.
    late = UserFactory(email="late@example.org")
    assert places.register(event=event, actor=late).status == R.WAITING


def test_accepting_the_offer_registers_and_declining_offers_it_on():
    event = EventFactory(capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        places.register(event=event, actor=person)
    places.cancel_registration(event=event, actor=a)
    offer = PlaceOffer.objects.get()
    with pytest.raises(PermissionDenied):
        places.accept_offer(offer=offer, actor=c)
    places.decline_offer(offer=offer, actor=b)
    assert statuses(event) == [R.CANCELLED, R.PASSED, R.OFFERED]
    second = PlaceOffer.objects.get(status="open")
    places.accept_offer(offer=second, actor=c)
    assert statuses(event) == [R.CANCELLED, R.PASSED, R.REGISTERED]
    with pytest.raises(ValidationError, match="already been answered"):
        places.accept_offer(offer=second, actor=c)


def test_an_offer_past_its_deadline_expires_once_and_goes_to_the_next():
    event = EventFactory(capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        places.register(event=event, actor=person)
    places.cancel_registration(event=event, actor=a)
    later = timezone.now() + datetime.timedelta(hours=25)
    assert places.expire_due_offers(now=later) == 1
    assert places.expire_due_offers(now=later) == 0
    assert statuses(event) == [R.CANCELLED, R.PASSED, R.OFFERED]
    assert mails("event_offer_expired") == [b.email]
    first = PlaceOffer.objects.get(entry__registration__user=b)
    with pytest.raises(ValidationError):
        places.accept_offer(offer=first, actor=b)


def test_an_offer_never_outlives_the_start():
    event = EventFactory(capacity=1, starts_at=timezone.now() + datetime.timedelta(hours=3),
                         registration_closes_at=timezone.now() + datetime.timedelta(hours=2))
    a, b = people(2)
    places.register(event=event, actor=a)
    places.register(event=event, actor=b)
    places.cancel_registration(event=event, actor=a)
    assert PlaceOffer.objects.get().expires_at <= event.starts_at


def test_leaving_the_waiting_list():
    event = EventFactory(capacity=1)
    a, b = people(2)
    places.register(event=event, actor=a)
    places.register(event=event, actor=b)
    places.leave_waiting_list(event=event, actor=b)
    assert statuses(event) == [R.REGISTERED, R.WITHDRAWN]
    assert WaitingPlace.objects.get().status == "withdrawn"
    with pytest.raises(ValidationError):
        places.leave_waiting_list(event=event, actor=b)
    # Having left, they may join again, at the end of the list.
    assert places.register(event=event, actor=b).status == R.WAITING


def test_nobody_cancels_once_the_event_has_started():
    event = EventFactory()
    [a] = people(1)
    places.register(event=event, actor=a)
    with pytest.raises(ValidationError, match="started"):
        places.cancel_registration(event=event, actor=a, now=event.starts_at)


def test_reminders_go_a_day_before_and_once():
    soon = EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=20),
                        registration_closes_at=timezone.now() + datetime.timedelta(hours=19))
    later = EventFactory()
    a, b, c = people(3)
    places.register(event=soon, actor=a)
    places.register(event=soon, actor=b)
    places.cancel_registration(event=soon, actor=b)
    places.register(event=later, actor=c)
    assert places.send_due_reminders() == 1
    assert places.send_due_reminders() == 0
    assert mails("event_reminder") == [a.email]
    assert Registration.objects.get(user=a).reminded_at is not None


def test_raising_the_capacity_offers_the_new_places(organiser):
    event = EventFactory(capacity=1)
    a, b = people(2)
    places.register(event=event, actor=a)
    places.register(event=event, actor=b)
    organising.update_event(actor=organiser, event=event, data={"capacity": 2})
    assert statuses(event) == [R.REGISTERED, R.OFFERED]
    with pytest.raises(ValidationError):
        organising.update_event(actor=organiser, event=event, data={"capacity": 0})


def test_cancelling_the_event_tells_everyone_registered_or_waiting(organiser):
    event = EventFactory(capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        places.register(event=event, actor=person)
    organising.cancel_event(actor=organiser, event=event, reason="The speaker is ill.")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert set(statuses(event)) == {R.CANCELLED}
    assert sorted(mails("event_cancelled")) == sorted([a.email, b.email, c.email])
    body = OutboxMessage.objects.filter(template="event_cancelled").first().body_text
    assert "The speaker is ill." in body
    assert Activity.objects.for_object(event).filter(verb="cancel").exists()


def test_only_organisers_run_events():
    [person] = people(1)
    with pytest.raises(PermissionDenied):
        organising.cancel_event(actor=person, event=EventFactory())
