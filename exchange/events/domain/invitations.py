"""Invitations to future events: subscribing (confirmed by email), unsubscribing, and emailing a
newly published event to the subscribers whose topics it matches.

The same rules as Learning the Lessons' mailing list: nothing is sent to an address until it
confirms, the same answer whether or not an address is known, and one-click unsubscribe by the
token in every email (RFC 8058).
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_email, queue_emails

from ..enums import EventStatus
from ..models import Event, InvitationSubscriber

CONFIRM_SALT = "events.invitations.subscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
BAD_LINK = "This confirmation link is not valid or has expired."


@transaction.atomic
def subscribe(*, email, topics):
    """Ask to be invited to future events; nothing is sent to the address until it confirms.

    The same answer whether or not the address is known (no one learns who subscribes).
    Side effects: an InvitationSubscriber row (new or reset), one confirmation email; an address
    already confirmed gets an email saying so instead, and its topics are not changed.
    """
    email = email.strip().lower()
    subscriber, created = InvitationSubscriber.objects.get_or_create(email=email)
    if not created and subscriber.confirmed_at and not subscriber.unsubscribed_at:
        queue_email(to=email, template="event_invitations_already_subscribed",
                    context={"subscriber": subscriber,
                             "unsubscribe_url": unsubscribe_url(subscriber)})
        return subscriber
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    subscriber.topics.set(topics)
    token = signing.dumps({"s": subscriber.pk, "e": email}, salt=CONFIRM_SALT)
    queue_email(to=email, template="event_invitations_confirm", context={
        "subscriber": subscriber, "topics": list(topics),
        "confirm_url": reverse("events:invitations-confirm", kwargs={"token": token})})
    return subscriber


@transaction.atomic
def confirm_subscription(*, token):
    """Confirm from the emailed link. Raises ValidationError for a bad or old link.
    Side effect: ``confirmed_at``."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(BAD_LINK) from error
    subscriber = InvitationSubscriber.objects.filter(pk=payload.get("s"),
                                                     email=payload.get("e")).first()
    if subscriber is None:
        raise ValidationError(BAD_LINK)
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_for(*, token):
    """The subscriber whose unsubscribe link carries ``token``, or None."""
    return InvitationSubscriber.objects.filter(token=token).first()


def unsubscribe(*, token):
    """Unsubscribe by the token in every email (a POST: never on following the link).
    Returns the subscriber or None. Side effect: ``unsubscribed_at``."""
    subscriber = subscriber_for(token=token)
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def unsubscribe_url(subscriber):
    return reverse("events:invitations-unsubscribe", kwargs={"token": subscriber.token})


def subscribers_for(event):
    """Confirmed subscribers who chose no topics, or one of the event's."""
    return (InvitationSubscriber.objects.confirmed()
            .filter(Q(topics__isnull=True) | Q(topics__in=event.topics.values("pk")))
            .distinct().order_by("email"))


def send_invitations(*, event):
    """Invite each matching subscriber to ``event``, once however often it is published: the
    event is claimed with one conditional update (published, not yet announced), so two calls
    never both send. Call it after the event's published status is saved.

    Returns how many were queued. Side effects: ``Event.invitations_sent_at``, outbox rows (one
    insert for all of them), an activity-log row on the event saying how many were invited.
    """
    now = timezone.now()
    claimed = Event.objects.filter(pk=event.pk, status=EventStatus.PUBLISHED,
                                   invitations_sent_at__isnull=True).update(
                                       invitations_sent_at=now)
    if not claimed:
        return 0
    event.invitations_sent_at = now
    context = {"event": event, "topics": list(event.topics.order_by("name")),
               "event_url": event.get_absolute_url()}
    queued = len(queue_emails(_invitation(context, subscriber)
                              for subscriber in subscribers_for(event)))
    log_activity(subject=event, actor=None, verb="send_invitations",
                 note=f"{queued} subscriber{pluralize(queued)} invited")
    return queued


def _invitation(context, subscriber):
    link = unsubscribe_url(subscriber)
    # RFC 8058: a mail client's own "Unsubscribe" button POSTs to this address.
    headers = {"List-Unsubscribe": f"<{settings.SITE_URL}{link}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return Email(to=subscriber.email, template="event_invitation", headers=headers,
                 context={**context, "unsubscribe_url": link})
