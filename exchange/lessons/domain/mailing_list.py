"""The mailing list: subscribing (confirmed by email), unsubscribing, and emailing a newly
published issue to its subscribers."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from exchange.mail.domain import Email, queue_email, queue_emails

from ..enums import EditorialStatus
from ..models import LessonsIssue, Subscriber

CONFIRM_SALT = "lessons.subscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7



@transaction.atomic
def subscribe(*, email, themes):
    """Ask to join the mailing list; nothing is sent to the address until it confirms.

    The same answer whether or not the address is known (no one learns who subscribes).
    Side effects: a Subscriber row (new or reset), one confirmation email; an address already
    confirmed gets an email saying so instead, and its themes are not changed.
    """
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.get_or_create(email=email)
    if not created and subscriber.confirmed_at and not subscriber.unsubscribed_at:
        queue_email(to=email, template="lessons_already_subscribed",
                    context={"subscriber": subscriber, "unsubscribe_url": unsubscribe_url(subscriber)})
        return subscriber
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    subscriber.themes.set(themes)
    token = signing.dumps({"s": subscriber.pk, "e": email}, salt=CONFIRM_SALT)
    queue_email(to=email, template="lessons_subscribe_confirm", context={
        "subscriber": subscriber, "themes": list(themes),
        "confirm_url": reverse("lessons:subscribe-confirm", kwargs={"token": token})})
    return subscriber


@transaction.atomic
def confirm_subscription(*, token):
    """Confirm from the emailed link. Raises ValidationError for a bad or old link.
    Side effect: ``confirmed_at``."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError("This confirmation link is not valid or has expired.") from error
    subscriber = Subscriber.objects.filter(pk=payload.get("s"), email=payload.get("e")).first()
    if subscriber is None:
        raise ValidationError("This confirmation link is not valid or has expired.")
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_for(*, token):
    """The subscriber whose unsubscribe link carries ``token``, or None."""
    return Subscriber.objects.filter(token=token).first()


def unsubscribe(*, token):
    """Unsubscribe by the token in every email (a POST: never on following the link).
    Returns the subscriber or None. Side effect: ``unsubscribed_at``."""
    subscriber = subscriber_for(token=token)
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def unsubscribe_url(subscriber):
    return reverse("lessons:unsubscribe", kwargs={"token": subscriber.token})


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
    link = unsubscribe_url(subscriber)
    # RFC 8058: a mail client's own "Unsubscribe" button POSTs to this address.
    headers = {"List-Unsubscribe": f"<{settings.SITE_URL}{link}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return Email(to=subscriber.email, template="lessons_issue_published", headers=headers,
                 context={"issue": issue, "cases": cases, "unsubscribe_url": link})
