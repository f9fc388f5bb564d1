"""The mailing list: subscribing (confirmed by email), unsubscribing, and emailing a newly
published issue to its subscribers. The list itself is exchange.common.mailing_list (shared with
events' invitations); this module declares it and matches issues to subscribers' themes."""

from functools import partial

from django.db.models import Q
from django.utils import timezone

from exchange.common import mailing_list
from exchange.common.mailing_list import MailingList
from exchange.mail.domain import Email, queue_emails

from ..enums import EditorialStatus
from ..models import LessonsIssue, Subscriber

MAILING_LIST = MailingList(
    model=Subscriber, salt="lessons.subscribe", topics="themes",
    confirm_template="lessons_subscribe_confirm",
    already_subscribed_template="lessons_already_subscribed",
    confirm_url="lessons:subscribe-confirm", unsubscribe_url="lessons:unsubscribe")
CONFIRM_SALT = MAILING_LIST.salt
# The shared functions (exchange.common.mailing_list), bound to this list.
confirm_subscription = partial(mailing_list.confirm, MAILING_LIST)
subscriber_for = partial(mailing_list.subscriber_for, MAILING_LIST)
unsubscribe = partial(mailing_list.unsubscribe, MAILING_LIST)


def subscribe(*, email, themes):
    """Ask to join the mailing list (see exchange.common.mailing_list.subscribe)."""
    return mailing_list.subscribe(MAILING_LIST, email=email, topics=themes)


def subscribers_for(issue):
    """Confirmed subscribers who chose no themes, or one of the issue's or its cases' themes."""
    theme_ids = {issue.theme_id, *issue.case_studies.values_list("themes", flat=True)} - {None}
    return (Subscriber.objects.confirmed()
            .filter(Q(themes__isnull=True) | Q(themes__in=theme_ids)).distinct().order_by("email"))


def send_issue(*, issue):
    """Queue the issue email to each matching subscriber, once per issue however often it is
    published: the issue is claimed with a conditional update, so two calls never both send.
    Returns how many were queued. Side effects: ``emailed_at``, outbox rows."""
    now = timezone.now()
    if not LessonsIssue.objects.filter(pk=issue.pk, emailed_at__isnull=True).update(emailed_at=now):
        return 0
    issue.emailed_at = now
    cases = list(issue.case_studies.filter(status=EditorialStatus.PUBLISHED)
                 .order_by("position", "id").only("id", "title"))
    return len(queue_emails(_issue_email(issue, cases, subscriber)
                            for subscriber in subscribers_for(issue)))


def _issue_email(issue, cases, subscriber):
    return Email(to=subscriber.email, template="lessons_issue_published",
                 headers=mailing_list.list_headers(MAILING_LIST, subscriber),
                 context={"issue": issue, "cases": cases,
                          "unsubscribe_url": mailing_list.unsubscribe_url(MAILING_LIST, subscriber)})
