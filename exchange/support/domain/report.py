"""The report of a peer review, workshop or event: findings and numbered recommendations written
by the team with staff, issued to the force; the force's action plan against it; the progress
review months later, its reminder, and closing the request."""

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.people.recipients import email_people, organisers

from ..enums import (
    PROGRESS_REVIEW_MONTHS,
    PROGRESS_REVIEW_REMINDER_DAYS,
    ActionStatus,
    RequestStatus,
)
from ..models import ActionPlanItem, Pairing, ProgressReview, Recommendation, SupportRequest
from .engagement import force_leads, is_pairing
from .states import REQUESTS

# Reminders go at 09:00 in England and Wales, whatever the server's clock says.
LONDON = ZoneInfo("Europe/London")
REMINDER_HOUR = 9


# --- Findings and recommendations ---------------------------------------------------------------


def report_is_open(request):
    """Whether the team and staff can still write the report: while the engagement is under way."""
    return request.status == RequestStatus.UNDER_WAY and not is_pairing(request)


def write_report(*, request, actor, findings, recommendations):
    """Save the findings (Markdown) and the recommendations, numbered in the order given.
    Recommendations keep their rows by number, so nothing that points at one is lost.
    Side effects: the request's findings, recommendation rows, log."""
    if is_pairing(request):
        raise ValidationError("Introductions, mentoring and coaching have no report.")
    if request.status != RequestStatus.UNDER_WAY:
        raise ValidationError("The report can be written only while the engagement is under way; "
                              "once issued it does not change.")
    texts = [text.strip() for text in recommendations if text.strip()]
    with transaction.atomic():
        request.findings = findings.strip()
        request.save(update_fields=["findings", "updated_at"])
        _number_recommendations(request, texts)
        log_activity(subject=request, actor=actor, verb="edit_report",
                     note=f"{len(texts)} recommendation{'s' if len(texts) != 1 else ''}")
    return request


def _number_recommendations(request, texts):
    existing = {item.number: item for item in request.recommendations.all()}
    changed = []
    for number, text in enumerate(texts, start=1):
        item = existing.get(number)
        if item is None:
            Recommendation.objects.create(request=request, number=number, text=text)
        elif item.text != text:
            item.text = text
            changed.append(item)
    Recommendation.objects.bulk_update(changed, ["text"])
    request.recommendations.filter(number__gt=len(texts)).delete()


def why_cannot_issue(request):
    if is_pairing(request):
        return "Introductions, mentoring and coaching have no report to issue."
    if request.status != RequestStatus.UNDER_WAY:
        return "A report is issued while the engagement is under way."
    if not request.findings.strip():
        return "Write the findings before issuing the report."
    if not request.recommendations.exists():
        return "Write at least one recommendation before issuing the report."
    return ""


@transaction.atomic
def issue_report(*, request, actor):
    """Issue the confidential report to the force and schedule the progress review.
    Side effects: the request's state and ``report_issued_at``, the progress review and its
    reminder, log, an email to each of the force's leads (saying a report is ready, never what
    it says)."""
    request = (SupportRequest.objects.select_for_update(of=("self",))
               .select_related("organisation").get(pk=request.pk))
    reason = why_cannot_issue(request)
    if reason:
        raise ValidationError(reason)
    request.report_issued_at = timezone.now()
    REQUESTS.change(request, action="issue_report", actor=actor,
                    extra_fields=["report_issued_at"])
    review = schedule_progress_review(request=request, actor=actor)
    email_people(force_leads(request), template="report_issued",
                 context={"support": request, "review": review})
    return request


# --- The progress review -------------------------------------------------------------------------


def add_months(day, months):
    """``day`` moved on ``months`` months; the 31st becomes the month's last day if shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def reminder_time(due_on):
    """The reminder goes at 09:00 London time PROGRESS_REVIEW_REMINDER_DAYS before the review."""
    day = due_on - datetime.timedelta(days=PROGRESS_REVIEW_REMINDER_DAYS)
    return datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=LONDON)


def default_review_date(request):
    issued = timezone.localdate(request.report_issued_at) if request.report_issued_at else \
        timezone.localdate()
    return add_months(issued, PROGRESS_REVIEW_MONTHS)


def schedule_progress_review(*, request, actor, due_on=None):
    """The progress review, PROGRESS_REVIEW_MONTHS after the report unless ``due_on`` says
    otherwise, with its reminder row. Side effects: the review row, log."""
    due_on = due_on or default_review_date(request)
    review, _ = ProgressReview.objects.update_or_create(request=request, defaults={
        "due_on": due_on, "reminder_due_at": reminder_time(due_on), "reminder_sent_at": None})
    log_activity(subject=request, actor=actor, verb="schedule_review", note=f"{due_on:%-d %B %Y}")
    return review


def move_progress_review(*, review, actor, due_on):
    """Move the review's date; the reminder moves with it and, if it was sent, goes again
    before the new date. Side effects: the review row, log."""
    if review.held_on:
        raise ValidationError("The progress review has been held; its date no longer changes.")
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The review date must be today or in the future"})
    review.due_on, review.reminder_due_at = due_on, reminder_time(due_on)
    review.reminder_sent_at = None
    review.save(update_fields=["due_on", "reminder_due_at", "reminder_sent_at"])
    log_activity(subject=review.request, actor=actor, verb="schedule_review",
                 note=f"Moved to {due_on:%-d %B %Y}")
    return review


def record_progress_review(*, review, actor, held_on, notes):
    """Record that the review was held, and what it found. Side effects: the row, log."""
    if review.request.status != RequestStatus.FOLLOW_UP:
        raise ValidationError("A progress review is recorded while the request is in follow-up.")
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date the review was held must be today or in the past"})
    review.held_on, review.notes = held_on, notes.strip()
    review.save(update_fields=["held_on", "notes"])
    log_activity(subject=review.request, actor=actor, verb="hold_review",
                 note=f"{held_on:%-d %B %Y}")
    return review


def send_due_review_reminders(now=None):
    """Email the force's leads and organisers about each progress review whose reminder is due.
    Each row is claimed with a conditional UPDATE (``reminder_sent_at`` still empty), so two
    workers never send the same reminder. Side effects: ``reminder_sent_at``, emails.
    Returns how many reminders were sent."""
    now = now or timezone.now()
    due = list(ProgressReview.objects.filter(
        reminder_due_at__lte=now, reminder_sent_at__isnull=True, held_on__isnull=True,
        request__status=RequestStatus.FOLLOW_UP).values_list("pk", flat=True))
    sent = 0
    for pk in due:
        with transaction.atomic():
            if not ProgressReview.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now):
                continue
            review = ProgressReview.objects.select_related("request__organisation").get(pk=pk)
            email_people([*force_leads(review.request), *organisers()],
                         template="progress_review_reminder",
                         context={"support": review.request, "review": review})
            sent += 1
    return sent


# --- Closing -------------------------------------------------------------------------------------


def why_cannot_close(request):
    if is_pairing(request):
        if request.status not in {RequestStatus.UNDER_WAY, RequestStatus.FOLLOW_UP}:
            return "A request is closed once its pairings are under way."
        return ""
    if request.status != RequestStatus.FOLLOW_UP:
        return "A request is closed after its report is issued and its progress review held."
    review = ProgressReview.objects.filter(request=request).first()
    if review is None or not review.held_on:
        return "Record the progress review before closing the request."
    return ""


@transaction.atomic
def close_request(*, request, actor, note=""):
    """Close the request: after the progress review, or (introductions, mentoring and coaching)
    when the pairings end, which ends any still open today. Side effects: the state, pairings'
    end dates, log."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    reason = why_cannot_close(request)
    if reason:
        raise ValidationError(reason)
    if is_pairing(request):
        Pairing.objects.filter(request=request, ended_on__isnull=True).update(
            ended_on=timezone.localdate())
    REQUESTS.change(request, action="close", actor=actor, note=note.strip())
    return request


# --- The action plan -----------------------------------------------------------------------------


def plan_action(*, recommendation, actor, action, owner, due_on=None,
                status=ActionStatus.NOT_STARTED, progress=""):
    """The force's answer to one recommendation: what it will do, who, by when, how it is going.
    Kept up through follow-up. Side effects: the action plan row, log."""
    request = recommendation.request
    if request.status != RequestStatus.FOLLOW_UP:
        raise ValidationError("The action plan is written after the report is issued and kept up "
                              "until the request closes.")
    item, _ = ActionPlanItem.objects.update_or_create(recommendation=recommendation, defaults={
        "action": action.strip(), "owner": owner.strip(), "due_on": due_on, "status": status,
        "progress": progress.strip()})
    log_activity(subject=request, actor=actor, verb="plan_actions",
                 note=f"Recommendation {recommendation.number}: {item.get_status_display()}")
    return item
