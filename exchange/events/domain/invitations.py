"""Invitations to future events: subscribing (confirmed by email), unsubscribing, and emailing a
newly published event to the subscribers whose topics it matches.

The list itself (double opt-in, the same answer whether or not an address is known, one-click
unsubscribe by the token in every email) is exchange.common.mailing_list, shared with Learning
the Lessons' mailing list; this module declares it and matches events to subscribers' topics.
"""

from functools import partial

from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.utils import timezone

from exchange.common import mailing_list
from exchange.common.domain import log_activity
from exchange.common.mailing_list import MailingList
from exchange.mail.domain import Email, queue_emails

from ..enums import EventStatus
from ..models import Event, InvitationSubscriber

MAILING_LIST = MailingList(
    model=InvitationSubscriber, salt="events.invitations.subscribe",
    confirm_template="event_invitations_confirm",
    already_subscribed_template="event_invitations_already_subscribed",
    confirm_url="events:invitations-confirm", unsubscribe_url="events:invitations-unsubscribe")
CONFIRM_SALT = MAILING_LIST.salt
# The shared functions (exchange.common.mailing_list), bound to this list.
subscribe = partial(mailing_list.subscribe, MAILING_LIST)  # (*, email, topics)
confirm_subscription = partial(mailing_list.confirm, MAILING_LIST)
unsubscribe = partial(mailing_list.unsubscribe, MAILING_LIST)


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
    return Email(to=subscriber.email, template="event_invitation",
                 headers=mailing_list.list_headers(MAILING_LIST, subscriber),
                 context={**context,
                          "unsubscribe_url": mailing_list.unsubscribe_url(MAILING_LIST, subscriber)})
