"""Failed sends are retried with backoff by the scheduler; stale claims are recovered."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from exchange.common import scheduling
from exchange.mail.domain import MAX_ATTEMPTS, send_message, sweep_outbox
from exchange.mail.enums import OutboxStatus
from exchange.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

REFUSED = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                       "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2}}}
WORKING = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def queued(**fields):
    return OutboxMessage.objects.create(to="a@example.org", template="t", subject="Hello",
                                        body_text="b", **fields)


def test_a_message_whose_send_failed_is_sent_on_the_next_tick(settings):
    settings.MAILERS = REFUSED
    message = queued()
    failed_at = timezone.now()
    assert send_message(message.pk, now=failed_at) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 1)
    assert message.next_attempt_at == failed_at + datetime.timedelta(minutes=1)
    settings.MAILERS = WORKING  # the mail server is back
    scheduling.tick(now=failed_at)  # not due yet: it waits its backoff
    assert mail.outbox == []
    scheduling.tick(now=failed_at + datetime.timedelta(minutes=2))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_the_wait_doubles_after_each_failure_and_the_last_failure_is_final(settings):
    settings.MAILERS = REFUSED
    message = queued()
    now = timezone.now()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        sweep_outbox(now=now)
        message.refresh_from_db()
        if message.status == OutboxStatus.FAILED:
            break
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert waits == [datetime.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert message.next_attempt_at is None
    assert sweep_outbox(now=now + datetime.timedelta(days=1)) == {"recovered": 0, "sent": 0}


def test_a_stale_sending_claim_is_recovered_and_sent_once():
    now = timezone.now()
    stale = queued(status=OutboxStatus.SENDING, claimed_at=now - datetime.timedelta(minutes=20))
    # A claim a minute old may still be sending: it is left alone.
    fresh = queued(status=OutboxStatus.SENDING, claimed_at=now - datetime.timedelta(minutes=1))
    scheduling.tick(now=now)
    scheduling.tick(now=now + datetime.timedelta(minutes=2))
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == OutboxStatus.SENT
    assert "recovered" in stale.last_error
    assert fresh.status == OutboxStatus.SENDING
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
