"""A mailing list anyone may join with an email address: what Learning the Lessons' mailing list
and events' invitations share.

- Nothing is sent to an address until it confirms: joining emails a signed link, good for 7 days.
- The same answer whether or not an address is known, so no one learns who subscribes: an
  address already on the list is emailed to say so, and its topics are not changed.
- Every email carries the subscriber's unsubscribe link, and the RFC 8058 headers that let a mail
  client unsubscribe with one click. Following the link changes nothing (mail scanners follow
  every link); a POST unsubscribes, and a second one changes nothing more.

Each list declares a ``MailingList`` in its app's domain, and keeps its own topic matching and
the emails it sends to its subscribers. ``common`` imports no programme app: the list names its
subscriber model (a ``SubscriberBase``), templates and URLs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from exchange.mail.domain import queue_email

CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
BAD_LINK = "This confirmation link is not valid or has expired."


@dataclass(frozen=True)
class MailingList:
    model: type  # the subscribers, a concrete exchange.common.models.SubscriberBase
    salt: str  # signs the confirmation links: one per list, so one list's link confirms no other
    confirm_template: str  # the email with the confirmation link
    already_subscribed_template: str  # the email to an address already on the list
    confirm_url: str  # URL name, with the signed ``token``
    unsubscribe_url: str  # URL name, with the subscriber's ``token``
    topics: str = "topics"  # the subscriber's many-to-many to Topic (none means every topic)


@transaction.atomic
def subscribe(mailing_list, *, email, topics):
    """Ask to join the list; nothing is sent to the address until it confirms.

    Side effects: a subscriber row (new, or reset and its topics replaced) and one confirmation
    email; an address already confirmed gets an email saying so instead, and keeps its topics.
    """
    email = email.strip().lower()
    subscriber, created = mailing_list.model.objects.get_or_create(email=email)
    if not created and subscriber.confirmed_at and not subscriber.unsubscribed_at:
        queue_email(to=email, template=mailing_list.already_subscribed_template, context={
            "subscriber": subscriber, "unsubscribe_url": unsubscribe_url(mailing_list, subscriber)})
        return subscriber
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    getattr(subscriber, mailing_list.topics).set(topics)
    link = reverse(mailing_list.confirm_url, kwargs={"token": confirm_token(mailing_list, subscriber)})
    queue_email(to=email, template=mailing_list.confirm_template, context={
        "subscriber": subscriber, mailing_list.topics: list(topics), "confirm_url": link})
    return subscriber


def confirm_token(mailing_list, subscriber):
    """The signed token in the confirmation link (it names the row and the address)."""
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=mailing_list.salt)


@transaction.atomic
def confirm(mailing_list, *, token):
    """Confirm from the emailed link. Raises ValidationError for a bad or old link.
    Side effect: ``confirmed_at`` (an unsubscribed address is back on the list)."""
    try:
        payload = signing.loads(token, salt=mailing_list.salt, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(BAD_LINK) from error
    subscriber = mailing_list.model.objects.filter(pk=payload.get("s"),
                                                   email=payload.get("e")).first()
    if subscriber is None:
        raise ValidationError(BAD_LINK)
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_for(mailing_list, *, token):
    """The subscriber whose unsubscribe link carries ``token``, or None."""
    return mailing_list.model.objects.filter(token=token).first()


def unsubscribe(mailing_list, *, token):
    """Unsubscribe by the token in every email (a POST: never on following the link). Returns
    the subscriber or None. Side effect: ``unsubscribed_at``, the first time only."""
    subscriber = subscriber_for(mailing_list, token=token)
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def unsubscribe_url(mailing_list, subscriber):
    return reverse(mailing_list.unsubscribe_url, kwargs={"token": subscriber.token})


def list_headers(mailing_list, subscriber):
    """The headers of every email to a subscriber: RFC 8058, a mail client's own "Unsubscribe"
    button POSTs to this address."""
    address = settings.SITE_URL + unsubscribe_url(mailing_list, subscriber)
    return {"List-Unsubscribe": f"<{address}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- Pages ---------------------------------------------------------------------------------

def confirm_page(request, mailing_list, token, *, template, failed_template, context=None):
    """The page behind the confirmation link: ``template`` with the subscriber (and what
    ``context(subscriber)`` adds), or ``failed_template`` with the message and 400."""
    try:
        subscriber = confirm(mailing_list, token=token)
    except ValidationError as error:
        return render(request, failed_template, {"message": error.messages[0]}, status=400)
    extra = context(subscriber) if context else {}
    return render(request, template, {"subscriber": subscriber, **extra})


def unsubscribe_page(request, mailing_list, token, *, template, done_template):
    """The page behind the unsubscribe link. A GET shows one button and changes nothing; the
    POST unsubscribes, whether from that button or from a mail client's one-click button, which
    comes with no session and no CSRF token (so the view is ``csrf_exempt``: the token in the
    address is the credential). An unknown token is a 404 either way."""
    if request.method == "GET":
        subscriber = subscriber_for(mailing_list, token=token)
        shown = template
    else:
        subscriber = unsubscribe(mailing_list, token=token)
        shown = done_template
    if subscriber is None:
        return render(request, done_template, {"unknown": True}, status=404)
    return render(request, shown, {"subscriber": subscriber})
