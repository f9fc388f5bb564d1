"""Six weeks of follow-up: weekly check-ins, their reminders, and the staff dashboard."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.enums import StaffRole
from exchange.people.models import User

from ..enums import CHECK_IN_WEEKS, PAST_STATES, Place, VisitStatus
from ..models import CheckIn, Visitor

CHECK_IN_HOUR = 9
# Reminders go only while follow-up runs: a closed visit's remaining check-ins stay quiet.
REMINDING_STATES = PAST_STATES - {VisitStatus.CLOSED}


def check_in_due_at(visit_date, week):
    """Week ``week``'s check-in is due at 09:00 on the same weekday ``week`` weeks later."""
    day = visit_date + datetime.timedelta(weeks=week)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(CHECK_IN_HOUR)))


def reschedule_check_ins(visit):
    """Move the check-ins not yet reminded to follow the visit date. Side effect: UPDATEs."""
    pending = list(CheckIn.objects.filter(visitor__visit=visit, reminder_sent_at__isnull=True,
                                          completed_at__isnull=True))
    for check_in in pending:
        check_in.due_at = check_in_due_at(visit.date, check_in.week)
    CheckIn.objects.bulk_update(pending, ["due_at"])


def create_check_ins(visit):
    """Six weekly check-ins for every placed visitor (idempotent). Side effect: rows."""
    visitors = list(Visitor.objects.placed().filter(visit=visit))
    existing = set(CheckIn.objects.filter(visitor__in=visitors).values_list("visitor_id", "week"))
    CheckIn.objects.bulk_create([
        CheckIn(visitor=visitor, week=week, due_at=check_in_due_at(visit.date, week))
        for visitor in visitors for week in range(1, CHECK_IN_WEEKS + 1)
        if (visitor.pk, week) not in existing])


@transaction.atomic
def complete_check_in(*, check_in, actor, applied, obstacles, wants_help, help_note=""):
    """The visitor's answers for one week. Asking for help emails the organisers.
    Side effects: the row, log, emails."""
    check_in = CheckIn.objects.select_for_update().select_related("visitor__visit", "visitor__user"
                                                                  ).get(pk=check_in.pk)
    if check_in.visitor.user_id != actor.pk:
        raise PermissionDenied("This check-in is someone else's.")
    if check_in.visitor.visit.status == VisitStatus.CLOSED:
        raise ValidationError("Follow-up for this visit has closed.")
    if not check_in.is_open:
        opens = timezone.localtime(check_in.opens_at)
        raise ValidationError(f"Your week {check_in.week} check-in opens on {opens:%-d %B %Y}. "
                              "Come back then to say what you have applied that week.")
    if not (applied.strip() or obstacles.strip() or wants_help):
        raise ValidationError({"applied": "Tell us what you have applied or what stands in the way"})
    check_in.applied, check_in.obstacles = applied.strip(), obstacles.strip()
    check_in.wants_help, check_in.help_note = wants_help, help_note.strip()
    check_in.completed_at = timezone.now()
    check_in.save()
    visit = check_in.visitor.visit
    log_activity(subject=visit, actor=actor, verb="check_in", note=f"Week {check_in.week}")
    if wants_help:
        organisers = User.objects.holding_staff_role(StaffRole.ORGANISER).filter(is_active=True)
        queue_emails(Email(to=organiser.email, template="visit_help_requested",
                           context={"visit": visit, "check_in": check_in})
                     for organiser in organisers)
    return check_in


def send_due_reminders(now=None):
    """Email a reminder for every check-in now due. Each row is claimed with a conditional
    UPDATE (reminder_sent_at still empty), so two workers never send the same reminder.
    Side effects: reminder_sent_at, emails. Returns how many were sent."""
    now = now or timezone.now()
    due = list(CheckIn.objects.filter(due_at__lte=now, reminder_sent_at__isnull=True,
                                      completed_at__isnull=True,
                                      visitor__place=Place.PLACED,
                                      visitor__visit__status__in=REMINDING_STATES)
               .values_list("pk", flat=True))
    sent = 0
    for pk in due:
        with transaction.atomic():
            if not CheckIn.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now):
                continue
            check_in = CheckIn.objects.select_related("visitor__user", "visitor__visit").get(pk=pk)
            queue_email(to=check_in.visitor.user.email, template="visit_check_in_reminder",
                        context={"check_in": check_in, "visit": check_in.visitor.visit})
            sent += 1
    return sent


def follow_up_dashboard(visit):
    """Per placed visitor: their check-ins by week and whether they asked for help."""
    visitors = list(Visitor.objects.placed().filter(visit=visit)
                    .select_related("user", "application__organisation")
                    .prefetch_related("check_ins")
                    .annotate(completed=Count("check_ins", filter=Q(check_ins__completed_at__isnull=False)),
                              help_asked=Count("check_ins", filter=Q(check_ins__wants_help=True)))
                    .order_by("application__organisation__name", "user__full_name"))
    return visitors
