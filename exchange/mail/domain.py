"""Queue emails into the outbox and send them, each exactly once.

An email is rendered from ``mail/<template>/subject.txt`` and ``mail/<template>/body.txt`` (and
``body.html`` when present) in the app that owns it, stored as an :class:`OutboxMessage`, and sent
by a background task after the surrounding transaction commits.

An email that carries Markdown someone wrote (a report, a reviewer's comment) has ``body.md``
instead of ``body.txt``: the rendered Markdown becomes both parts, the plain text through
:func:`exchange.common.documents.plain_text` (headings underlined, never a raw "##") and the HTML
through the site's Markdown renderer and sanitiser, inside ``mail/layout.html``.
"""

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template import Context, Engine, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone

from exchange.common.documents import plain_text
from exchange.common.markdown import render_markdown

from .enums import OutboxStatus
from .models import OutboxAttachment, OutboxMessage


@functools.cache
def _text_engine():
    # Plain-text mail must not be HTML-escaped ("Didn't" stays "Didn't"): the site's template
    # directories and tag libraries, with autoescaping off.
    site = engines["django"].engine
    return Engine(app_dirs=True, autoescape=False, libraries=site.libraries)


def render_text(name, context):
    return _text_engine().get_template(name).render(Context(context, autoescape=False))


@dataclass(frozen=True)
class Email:
    """One email to queue: who to, which templates, their context, files and extra headers.

    ``attachments`` is a list of ``(filename, content_bytes, mimetype)``; ``headers`` are extra
    email headers (``{"List-Unsubscribe": "<https://…>"}``).
    """

    to: str
    template: str
    context: dict
    attachments: Sequence = ()
    headers: dict = field(default_factory=dict)


def queue_email(*, to, template, context, attachments=(), headers=None):
    """Render ``template`` for ``to`` and queue it; see :func:`queue_emails`."""
    [message] = queue_emails([Email(to, template, context, attachments, headers or {})])
    return message


def queue_emails(emails):
    """Render and queue every :class:`Email` in ``emails``: however many there are, one insert
    for the messages, one for their attachments, and one send task after the surrounding
    transaction commits. Returns the stored :class:`OutboxMessage` rows."""
    emails = list(emails)
    if not emails:
        return []
    messages = OutboxMessage.objects.bulk_create([_render(email) for email in emails])
    OutboxAttachment.objects.bulk_create([
        OutboxAttachment(message=message, filename=name, content=content, mimetype=mimetype)
        for message, email in zip(messages, emails, strict=True)
        for name, content, mimetype in email.attachments])
    from .tasks import send_outbox_messages

    ids = [message.pk for message in messages]
    transaction.on_commit(lambda: send_outbox_messages.enqueue(ids))
    return messages


def _render(email):
    context = {"site_url": settings.SITE_URL, **email.context}
    subject = " ".join(render_text(f"mail/{email.template}/subject.txt", context).split())
    try:
        body_text, body_html = _markdown_body(f"mail/{email.template}/body.md", context, subject)
    except TemplateDoesNotExist:
        body_text = render_text(f"mail/{email.template}/body.txt", context)
        try:
            body_html = render_to_string(f"mail/{email.template}/body.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    return OutboxMessage(to=email.to, template=email.template, subject=subject,
                         body_text=body_text, body_html=body_html, headers=dict(email.headers))


def _markdown_body(name, context, subject):
    """The plain-text and HTML parts of a ``body.md`` template."""
    markdown_text = render_text(name, context)
    html = render_to_string("mail/layout.html", {"subject": subject,
                                                 "body": render_markdown(markdown_text)})
    return plain_text(markdown_text), html


# A failed send waits FIRST_RETRY, then twice as long after each failure (1, 2, 4, 8 minutes);
# the MAX_ATTEMPTS-th failure is final (status failed, listed in the admin).
MAX_ATTEMPTS = 5
FIRST_RETRY = datetime.timedelta(minutes=1)
# A claim this old belongs to a worker that died: a send gives up long before (EMAIL_TIMEOUT).
STALE_CLAIM = datetime.timedelta(minutes=15)


def send_message(message_id, *, now=None):
    """Send one queued message. Claims it with a conditional update so it goes only once.

    Side effects: the email; the row's status, attempts and, after a failure, the error and
    when to try again. Returns whether it was sent."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.QUEUED).update(
        status=OutboxStatus.SENDING, claimed_at=now)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _email(message).send()
    except Exception as error:
        _record_failure(message, error=str(error), now=now)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=message.attempts + 1,
        next_attempt_at=None)
    return True


def _email(message):
    email = EmailMultiAlternatives(message.subject, message.body_text, to=[message.to],
                                   headers=message.headers or None)
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return email


def _record_failure(message, *, error, now):
    attempts = message.attempts + 1
    final = attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED if final else OutboxStatus.QUEUED, attempts=attempts,
        last_error=error[:2000],
        next_attempt_at=None if final else now + FIRST_RETRY * 2 ** (attempts - 1))


def send_queued(limit=500, *, now=None):
    """Send every queued message that is due (new, or past its retry time): the scheduler's
    retries and `manage.py send_queued_mail`. Returns how many were sent."""
    now = now or timezone.now()
    ids = list(OutboxMessage.objects.filter(status=OutboxStatus.QUEUED)
               .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if send_message(pk, now=now))


def recover_stale_claims(*, now=None):
    """Put back in the queue every message claimed longer than STALE_CLAIM ago by a worker that
    never finished (it died, or was killed mid-send). It may have gone out, so this counts as an
    attempt. Side effects: those rows. Returns how many were recovered."""
    now = now or timezone.now()
    stale = OutboxMessage.objects.filter(status=OutboxStatus.SENDING,
                                         claimed_at__lt=now - STALE_CLAIM)
    note = "recovered: the worker that claimed it stopped before it finished"
    given_up = stale.filter(attempts__gte=MAX_ATTEMPTS - 1).update(
        status=OutboxStatus.FAILED, attempts=F("attempts") + 1, last_error=note, next_attempt_at=None)
    return given_up + stale.update(status=OutboxStatus.QUEUED, attempts=F("attempts") + 1,
                                   last_error=note, next_attempt_at=now)


def sweep_outbox(*, now=None):
    """The scheduler's outbox job: recover stale claims, then send what is due.
    Side effects: see :func:`recover_stale_claims` and :func:`send_message`."""
    now = now or timezone.now()
    recovered = recover_stale_claims(now=now)
    return {"recovered": recovered, "sent": send_queued(limit=200, now=now)}
