"""Queue emails into the outbox and send them, each exactly once.

An email is rendered from ``mail/<template>/subject.txt`` and ``mail/<template>/body.txt`` (and
``body.html`` when present) in the app that owns it, stored as an :class:`OutboxMessage`, and sent
by a background task after the surrounding transaction commits.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone

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
    body_text = render_text(f"mail/{email.template}/body.txt", context)
    try:
        body_html = render_to_string(f"mail/{email.template}/body.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    return OutboxMessage(to=email.to, template=email.template, subject=subject,
                         body_text=body_text, body_html=body_html, headers=dict(email.headers))


def send_message(message_id):
    """Send one queued message. Claims it with a conditional update so it goes only once."""
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.QUEUED).update(
        status=OutboxStatus.SENDING
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMultiAlternatives(message.subject, message.body_text, to=[message.to],
                                   headers=message.headers or None)
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        email.send()
    except Exception as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxStatus.QUEUED if message.attempts < 4 else OutboxStatus.FAILED,
            attempts=message.attempts + 1, last_error=str(error)[:2000],
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=message.attempts + 1,
    )
    return True


def send_queued(limit=500):
    """Send every queued message (the worker's fallback, and `manage.py send_queued_mail`)."""
    ids = list(OutboxMessage.objects.filter(status=OutboxStatus.QUEUED)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if send_message(pk))
