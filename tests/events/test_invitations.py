"""Invitations to future events: double opt-in, one-click unsubscribe, and one announcement of a
published event to the subscribers whose topics match it."""

import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from exchange.common.models import Activity
from exchange.events.domain import invitations as inviting
from exchange.events.enums import EventStatus
from exchange.events.models import Event, InvitationSubscriber
from exchange.mail.domain import send_message
from exchange.mail.models import OutboxMessage
from tests.events.access_rows_requests import planned_event
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def link_in(message, name):
    return re.search(rf"https?://[^/\s]+(/events/invitations/{name}/[^\s]+/)",
                     message.body_text).group(1)


def subscribe(client, email, *topics):
    return client.post(reverse("events:invitations-subscribe"),
                       {"email": email, "topics": [t.pk for t in topics]})


def confirmed(email, *topics):
    subscriber = InvitationSubscriber.objects.create(email=email)
    subscriber.topics.set(topics)
    inviting.confirm_subscription(token=signing.dumps({"s": subscriber.pk, "e": email},
                                                      salt=inviting.CONFIRM_SALT))
    return subscriber


def invitations():
    return OutboxMessage.objects.filter(template="event_invitation")


# --- Subscribing ---------------------------------------------------------------------------

def test_subscribing_sends_a_confirmation_link_and_the_link_confirms(client):
    topic = TopicFactory(name="Custody")
    response = subscribe(client, "Reader@Example.org", topic)
    assert response["Location"] == reverse("events:invitations-sent")
    subscriber = InvitationSubscriber.objects.get()
    assert subscriber.email == "reader@example.org" and subscriber.confirmed_at is None
    message = OutboxMessage.objects.get(template="event_invitations_confirm")
    assert message.subject.startswith("Action needed:")
    assert "Custody" in message.body_text

    page = client.get(link_in(message, "confirm"))

    assert page.status_code == 200 and "Custody".lower() in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client):
    confirmed("known@example.org")
    known = subscribe(client, "known@example.org")
    unknown = subscribe(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_a_confirmed_address_is_told_so_and_its_topics_are_not_changed(client):
    custody = TopicFactory()
    confirmed("reader@example.org", custody)
    subscribe(client, "reader@example.org", TopicFactory())
    assert list(InvitationSubscriber.objects.get().topics.all()) == [custody]
    assert OutboxMessage.objects.filter(template="event_invitations_already_subscribed").count() == 1
    assert not OutboxMessage.objects.filter(template="event_invitations_confirm").exists()


def test_a_tampered_or_unknown_confirmation_link_is_refused(client):
    subscribe(client, "reader@example.org")
    assert client.get(reverse("events:invitations-confirm",
                              args=["nonsense:token"])).status_code == 400
    forged = signing.dumps({"s": 999, "e": "reader@example.org"}, salt=inviting.CONFIRM_SALT)
    assert client.get(reverse("events:invitations-confirm", args=[forged])).status_code == 400
    assert InvitationSubscriber.objects.get().confirmed_at is None


def test_a_bad_address_keeps_what_was_typed(client):
    response = client.post(reverse("events:invitations-subscribe"), {"email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert 'value="not-an-address"' in page
    assert not InvitationSubscriber.objects.exists()


# --- Unsubscribing -------------------------------------------------------------------------

def test_following_the_unsubscribe_link_changes_nothing_and_offers_one_button(client):
    subscriber = confirmed("reader@example.org")
    url = reverse("events:invitations-unsubscribe", args=[subscriber.token])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<form method="post" action="{url}"' in page
    assert "You are unsubscribed" not in page
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    assert client.get(reverse("events:invitations-unsubscribe",
                              args=["unknown"])).status_code == 404


def test_a_mail_clients_one_click_post_unsubscribes_without_a_session_or_csrf_token():
    subscriber = confirmed("reader@example.org")
    response = Client(enforce_csrf_checks=True).post(
        reverse("events:invitations-unsubscribe", args=[subscriber.token]),
        "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_subscribing_again_after_unsubscribing_needs_confirming_again(client):
    subscriber = confirmed("reader@example.org")
    inviting.unsubscribe(token=subscriber.token)
    subscribe(client, "reader@example.org")
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None and subscriber.unsubscribed_at is None
    assert OutboxMessage.objects.filter(template="event_invitations_confirm").count() == 1


# --- Announcing an event -------------------------------------------------------------------

def test_an_event_is_announced_to_confirmed_subscribers_whose_topics_match():
    custody, roads = TopicFactory(), TopicFactory()
    confirmed("all@example.org")
    confirmed("custody@example.org", custody, roads)
    confirmed("roads@example.org", roads)
    InvitationSubscriber.objects.create(email="unconfirmed@example.org")
    gone = confirmed("gone@example.org")
    inviting.unsubscribe(token=gone.token)
    event = planned_event(title="Custody in practice", topics=[custody])

    assert inviting.send_invitations(event=event) == 2

    assert sorted(invitations().values_list("to", flat=True)) == ["all@example.org",
                                                                  "custody@example.org"]
    message = invitations().get(to="custody@example.org")
    assert "Custody in practice" in message.subject
    assert event.get_absolute_url() in message.body_text
    assert link_in(message, "unsubscribe") == reverse(
        "events:invitations-unsubscribe",
        args=[InvitationSubscriber.objects.get(email="custody@example.org").token])


def test_an_event_is_announced_once_however_often_it_is_asked():
    confirmed("all@example.org")
    event = planned_event()
    assert inviting.send_invitations(event=event) == 1
    assert inviting.send_invitations(event=Event.objects.get(pk=event.pk)) == 0
    assert invitations().count() == 1
    assert Event.objects.get(pk=event.pk).invitations_sent_at is not None
    [logged] = Activity.objects.for_object(event).filter(verb="send_invitations")
    assert logged.note == "1 subscriber invited"


def test_a_draft_event_is_not_announced():
    confirmed("all@example.org")
    event = planned_event(status=EventStatus.DRAFT)
    assert inviting.send_invitations(event=event) == 0
    assert Event.objects.get(pk=event.pk).invitations_sent_at is None
    assert not invitations().exists()


def test_invitations_carry_the_one_click_unsubscribe_headers():
    subscriber = confirmed("reader@example.org")
    inviting.send_invitations(event=planned_event())
    message = invitations().get()
    address = settings.SITE_URL + reverse("events:invitations-unsubscribe",
                                          args=[subscriber.token])
    assert message.headers == {"List-Unsubscribe": f"<{address}>",
                               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    mail.outbox.clear()
    assert send_message(message.pk)
    [email] = mail.outbox
    assert email.message()["List-Unsubscribe"] == f"<{address}>"


def test_announcing_costs_the_same_queries_however_many_subscribers(query_count):
    topics = [TopicFactory(), TopicFactory()]
    confirmed("first@example.org", topics[0])
    few_event = planned_event(topics=topics)
    ContentType.objects.get_for_model(Event)  # cached once per process: not the list's cost
    few = query_count.of(lambda: inviting.send_invitations(event=few_event))
    for n in range(8):
        confirmed(f"reader{n}@example.org", *topics[: n % 3])
    many_event = planned_event(topics=topics)
    many = query_count.of(lambda: inviting.send_invitations(event=many_event))
    assert invitations().count() == 1 + 9
    assert many == few
