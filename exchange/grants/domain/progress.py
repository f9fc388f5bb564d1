"""Funded projects: organisers set the dates of progress reports and the final report; the lead
writes each one; a reminder goes before each due date; an organiser can publish a final report
to the practice bank as a new entry, labelled by the evidence it produced."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.people.recipients import email_people, leads_of, organisers
from exchange.people.rules import is_reviewer
from exchange.practice import domain as practice_domain
from exchange.practice.enums import EvidenceLabel, PracticeStatus

from ..enums import ApplicationStatus
from ..models import ProgressReport
from .applications import partner_names
from .calls import require_organiser

# A report's reminder goes this long before it is due.
REMIND_BEFORE = datetime.timedelta(days=14)
REPORT_PARTS = {
    "what_was_done": "Enter what the project did",
    "results": "Enter the results so far",
    "evidence": "Enter the evidence: what shows the results",
}


@transaction.atomic
def add_report_date(*, application, actor, due_on, is_final=False):
    """A progress report (or the final report) due from a funded project. Side effects: row,
    log."""
    require_organiser(actor)
    if application.status != ApplicationStatus.FUNDED:
        raise ValidationError("Report dates are set for funded projects.")
    if is_final and application.reports.filter(is_final=True).exists():
        raise ValidationError({"is_final": "This project already has a final report date"})
    report = ProgressReport(application=application, due_on=due_on, is_final=is_final,
                            created_by=actor)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({"is_final": "This project already has a final report date"}) \
            from None
    log_activity(subject=application, actor=actor, verb="set_report_date",
                 note=str(report))
    return report


@transaction.atomic
def move_report_date(*, report, actor, due_on):
    """Change when a report not yet written is due (its reminder goes again before the new
    date). Side effects: row, log."""
    require_organiser(actor)
    if report.submitted_at:
        raise ValidationError("This report has been written already.")
    report.due_on, report.reminded_at = due_on, None
    report.save(update_fields=["due_on", "reminded_at"])
    log_activity(subject=report.application, actor=actor, verb="move_report_date",
                 note=str(report))
    return report


@transaction.atomic
def submit_report(*, report, actor, what_was_done, results, evidence):
    """The lead's progress or final report. Side effects: row, log, email to the organisers."""
    application = report.application
    if not allows(actor, "grants.report_progress", application):
        raise PermissionDenied("Only a lead of the funded organisation writes its reports.")
    if report.submitted_at:
        raise ValidationError("This report has been sent already.")
    values = {"what_was_done": what_was_done, "results": results, "evidence": evidence}
    problems = {name: text for name, text in REPORT_PARTS.items()
                if not (values[name] or "").strip()}
    if problems:
        raise ValidationError(problems)
    for name, value in values.items():
        setattr(report, name, value.strip())
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save()
    log_activity(subject=application, actor=actor,
                 verb="final_report" if report.is_final else "progress_report", note=str(report))
    email_people(organisers(), template="grant_report_received",
                 context={"application": application, "report": report})
    return report


def send_report_reminders(now=None):
    """Remind the leads of each funded project of a report due within REMIND_BEFORE and not
    yet written. Each report is claimed with one conditional UPDATE (``reminded_at`` still
    empty), so two workers never send the same reminder. Side effects: ``reminded_at``,
    emails. Returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(ProgressReport.objects.filter(
        due_on__lte=today + REMIND_BEFORE, submitted_at__isnull=True, reminded_at__isnull=True,
        application__status=ApplicationStatus.FUNDED).values_list("pk", flat=True))
    sent = 0
    for pk in due:
        with transaction.atomic():
            if not ProgressReport.objects.filter(pk=pk, reminded_at__isnull=True).update(
                    reminded_at=now):
                continue
            report = ProgressReport.objects.select_related(
                "application__organisation", "application__call").get(pk=pk)
            email_people(leads_of([report.application.organisation_id]),
                         template="grant_report_reminder",
                         context={"application": report.application, "report": report,
                                  "overdue": report.due_on < today})
            sent += 1
    return sent


def practice_data(report, *, label, summary, mechanism):
    """The practice-bank entry a final report becomes: the project as the application
    described it, what was done and its results from the report."""
    application = report.application
    return {
        "title": application.title, "summary": summary.strip(), "evidence_label": label,
        "organisation": application.organisation, "partners": partner_names(application.partners),
        "aim": application.aims, "implementation": application.method,
        "description": report.what_was_done, "results": report.results,
        "effect": report.evidence, "mechanism": mechanism.strip(),
        "economic_cost": f"Funded by a small grant of £{application.amount_awarded or 0:,} "
                         f"from the Learning Exchange ({application.call.title}).",
    }


@transaction.atomic
def publish_final_report(*, report, actor, label, summary, mechanism):
    """Make a written final report a new practice-bank entry with the evidence ``label`` the
    organiser chose, through the practice bank's own domain: a draft, submitted, and published
    when the organiser also reviews practice (otherwise it waits in the review queue).
    Side effects: the practice entry (its rows, log and emails), the link on the report, log.
    Returns the entry."""
    require_organiser(actor)
    report = ProgressReport.objects.select_for_update().select_related(
        "application__organisation", "application__call").get(pk=report.pk)
    if not report.is_final or not report.submitted_at:
        raise ValidationError("Only a written final report can go to the practice bank.")
    if report.practice_id:
        raise ValidationError("This report is in the practice bank already.")
    problems = {}
    if label not in EvidenceLabel.values:
        problems["label"] = "Select the evidence label the project's results support"
    if not (summary or "").strip():
        problems["summary"] = "Enter a one-line summary for the practice bank"
    if not (mechanism or "").strip():
        problems["mechanism"] = "Enter why it worked or did not: the mechanism"
    if problems:
        raise ValidationError(problems)
    practice = practice_domain.create_draft(
        submitted_by=actor, data=practice_data(report, label=label, summary=summary,
                                               mechanism=mechanism))
    practice_domain.submit(practice=practice, actor=actor)
    if is_reviewer(actor):
        practice = practice_domain.publish(practice=practice, actor=actor, notify=False,
                                           note="A small grant's final report.")
    report.practice = practice
    report.save(update_fields=["practice"])
    log_activity(subject=report.application, actor=actor, verb="publish_to_practice",
                 note=practice.title)
    return practice


def is_published(practice):
    return practice is not None and practice.status == PracticeStatus.PUBLISHED
