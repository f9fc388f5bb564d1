"""The mailing list both Learning the Lessons and events' invitations declare: double opt-in,
the same answer whether or not an address is known, one-click unsubscribe. Each test runs on
both lists, so each list's declaration (model, salt, emails, URLs) is proven too."""

import re
import time

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.common import mailing_list as lists
from exchange.events.domain.invitations import MAILING_LIST as INVITATIONS
from exchange.lessons.domain.mailing_list import MAILING_LIST as LESSONS
from exchange.mail.models import OutboxMessage
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

both = pytest.mark.parametrize("mailing_list", [LESSONS, INVITATIONS], ids=["lessons", "events"])


def topics_of(mailing_list, subscriber):
    return set(getattr(subscriber, mailing_list.topics).all())


def on_the_list(mailing_list, email, *topics):
    subscriber = lists.subscribe(mailing_list, email=email, topics=topics)
    return lists.confirm(mailing_list, token=lists.confirm_token(mailing_list, subscriber))


class EightDaysAgoSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


@both
def test_joining_emails_a_link_and_nothing_else_until_it_is_followed(mailing_list):
    topic = TopicFactory()
    subscriber = lists.subscribe(mailing_list, email=" Reader@Example.org ", topics=[topic])

    assert subscriber.email == "reader@example.org"
    assert subscriber.confirmed_at is None
    assert topics_of(mailing_list, subscriber) == {topic}
    assert not mailing_list.model.objects.confirmed().exists()
    message = OutboxMessage.objects.get()
    assert (message.to, message.template) == ("reader@example.org", mailing_list.confirm_template)
    prefix = reverse(mailing_list.confirm_url, args=["-"])[:-2]
    token = re.search(rf"{re.escape(prefix)}([^/\s]+)/", message.body_text).group(1)

    lists.confirm(mailing_list, token=token)

    assert list(mailing_list.model.objects.confirmed()) == [subscriber]


@both
def test_the_answer_is_the_same_whether_or_not_the_address_is_known(mailing_list):
    kept, other = TopicFactory(), TopicFactory()
    known = on_the_list(mailing_list, "known@example.org", kept)
    OutboxMessage.objects.all().delete()

    # Nothing raised and one email each: only the address's owner learns it was on the list.
    lists.subscribe(mailing_list, email="known@example.org", topics=[other])
    lists.subscribe(mailing_list, email="new@example.org", topics=[other])

    sent = dict(OutboxMessage.objects.values_list("to", "template"))
    assert sent == {"known@example.org": mailing_list.already_subscribed_template,
                    "new@example.org": mailing_list.confirm_template}
    known.refresh_from_db()
    assert known.confirmed_at is not None and topics_of(mailing_list, known) == {kept}


@both
def test_an_unconfirmed_or_unsubscribed_address_joining_again_starts_over(mailing_list):
    first, second = TopicFactory(), TopicFactory()
    left = on_the_list(mailing_list, "left@example.org", first)
    lists.unsubscribe(mailing_list, token=left.token)
    lists.subscribe(mailing_list, email="left@example.org", topics=[second])
    left.refresh_from_db()
    assert left.confirmed_at is None and left.unsubscribed_at is None
    assert topics_of(mailing_list, left) == {second}
    assert OutboxMessage.objects.filter(template=mailing_list.confirm_template).count() == 2


@both
@pytest.mark.parametrize("how", ["tampered", "old", "another list's", "unknown address"])
def test_a_bad_or_old_confirmation_link_is_refused(mailing_list, how):
    subscriber = lists.subscribe(mailing_list, email="reader@example.org", topics=[])
    token = lists.confirm_token(mailing_list, subscriber)
    other = INVITATIONS if mailing_list is LESSONS else LESSONS
    payload = {"s": subscriber.pk, "e": subscriber.email}
    token = {
        "tampered": token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:],
        "old": EightDaysAgoSigner(salt=mailing_list.salt).sign_object(payload),
        "another list's": signing.dumps(payload, salt=other.salt),
        "unknown address": signing.dumps({**payload, "e": "someone@example.org"},
                                         salt=mailing_list.salt),
    }[how]

    with pytest.raises(ValidationError) as refused:
        lists.confirm(mailing_list, token=token)

    assert refused.value.messages == [lists.BAD_LINK]
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


@both
def test_confirming_twice_keeps_the_first_confirmation(mailing_list):
    subscriber = on_the_list(mailing_list, "reader@example.org")
    again = lists.confirm(mailing_list, token=lists.confirm_token(mailing_list, subscriber))
    assert again.confirmed_at == subscriber.confirmed_at


@both
def test_unsubscribing_is_idempotent_and_an_unknown_token_finds_no_one(mailing_list):
    subscriber = on_the_list(mailing_list, "reader@example.org")
    assert lists.subscriber_for(mailing_list, token=subscriber.token) == subscriber

    first = lists.unsubscribe(mailing_list, token=subscriber.token)
    second = lists.unsubscribe(mailing_list, token=subscriber.token)

    assert first == second == subscriber
    assert second.unsubscribed_at == first.unsubscribed_at is not None
    assert not mailing_list.model.objects.confirmed().exists()
    assert lists.unsubscribe(mailing_list, token="unknown") is None
    assert lists.subscriber_for(mailing_list, token="unknown") is None


@both
def test_every_email_carries_the_one_click_unsubscribe_headers(mailing_list):
    subscriber = on_the_list(mailing_list, "reader@example.org")
    path = reverse(mailing_list.unsubscribe_url, args=[subscriber.token])
    assert lists.unsubscribe_url(mailing_list, subscriber) == path
    assert lists.list_headers(mailing_list, subscriber) == {
        "List-Unsubscribe": f"<{settings.SITE_URL}{path}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    already = lists.subscribe(mailing_list, email="reader@example.org", topics=[])
    message = OutboxMessage.objects.get(template=mailing_list.already_subscribed_template)
    assert already == subscriber and path in message.body_text
