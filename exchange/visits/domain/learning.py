"""After the visit: learning points, the report to the host, the published short report."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.grouping import group_similar
from exchange.mail.domain import queue_email

from ..enums import PAST_STATES, Place, VisitStatus
from ..models import HostReport, LearningPoint, Visit, Visitor
from .programme import STATES, require_organiser

HOST_TOKEN_SALT = "exchange.visits.host-report"  # noqa: S105 - a salt, not a secret
# Hosts read reports at their own pace; the link works for a year.
HOST_TOKEN_MAX_AGE = 60 * 60 * 24 * 365
OTHER_QUESTION = "Other learning"


@transaction.atomic
def record_learning_point(*, visit, actor, key_learning, how_to_apply, question="", theme=""):
    """A placed visitor's key learning and how they will apply it. Side effects: row, log."""
    visit = Visit.objects.get(pk=visit.pk)  # the state now, not when the caller read it
    visitor = Visitor.objects.filter(visit=visit, user=actor, place=Place.PLACED).first()
    if visitor is None:
        raise PermissionDenied("Only visitors who had a place can record learning points.")
    if visit.status not in PAST_STATES or visit.status == VisitStatus.CLOSED:
        raise ValidationError("Learning points are recorded after the visit.")
    _check_learning(visit, key_learning, how_to_apply, question)
    point = LearningPoint.objects.create(visit=visit, visitor=visitor, question=question,
                                         theme=theme.strip(), key_learning=key_learning.strip(),
                                         how_to_apply=how_to_apply.strip())
    log_activity(subject=visit, actor=actor, verb="record_learning")
    return point


def _check_learning(visit, key_learning, how_to_apply, question):
    errors = {}
    if not key_learning.strip():
        errors["key_learning"] = ["Enter what you learned"]
    if not how_to_apply.strip():
        errors["how_to_apply"] = ["Say how you will apply it at home"]
    if question and question not in visit.question_list:
        errors["question"] = ["Choose one of the visit's questions"]
    if errors:
        raise ValidationError(errors)


# Learning points feed the report to the host: once it is sent they are what the host read.
LEARNING_CHANGES_CLOSED = "The report to the host has been sent, so your learning points can no " \
                          "longer change. Ask the programme team if something is wrong."


def learning_point_may_change(point):
    """Whether the point's author may still edit or delete it: until the host report is sent."""
    visit = point.visit
    sent = HostReport.objects.filter(visit=visit, sent_at__isnull=False).exists()
    return visit.status == VisitStatus.VISITED and not sent


def _require_changeable(point, actor):
    if point.visitor.user_id != actor.pk:
        raise PermissionDenied("Only the visitor who wrote a learning point can change it.")
    if not learning_point_may_change(point):
        raise ValidationError(LEARNING_CHANGES_CLOSED)


@transaction.atomic
def edit_learning_point(*, point, actor, key_learning, how_to_apply, question="", theme=""):
    """The author rewrites their point before the host report is sent. Side effects: row, log."""
    point = LearningPoint.objects.select_related("visit", "visitor").get(pk=point.pk)
    _require_changeable(point, actor)
    _check_learning(point.visit, key_learning, how_to_apply, question)
    point.question, point.theme = question, theme.strip()
    point.key_learning, point.how_to_apply = key_learning.strip(), how_to_apply.strip()
    point.save(update_fields=["question", "theme", "key_learning", "how_to_apply"])
    log_activity(subject=point.visit, actor=actor, verb="edit_learning")
    return point


@transaction.atomic
def delete_learning_point(*, point, actor):
    """The author removes their point before the host report is sent. Side effects: row, log."""
    point = LearningPoint.objects.select_related("visit", "visitor").get(pk=point.pk)
    _require_changeable(point, actor)
    visit = point.visit
    point.delete()
    log_activity(subject=visit, actor=actor, verb="delete_learning")
    return visit


def grouped_learning(visit):
    """Points grouped by the visit's questions (then "other"), similar points together.

    ``[{"question", "groups": [{"points": [...], "themes": [...]}]}]``, questions in the
    visit's order.
    """
    points = list(visit.learning_points.select_related("visitor__user",
                                                       "visitor__application__organisation"))
    by_question = {q: [] for q in visit.question_list}
    for point in points:
        by_question.setdefault(point.question or OTHER_QUESTION, []).append(point)
    sections = []
    for question, members in by_question.items():
        groups = group_similar(members, text=lambda p: f"{p.key_learning} {p.theme}")
        sections.append({"question": question, "groups": [
            {"points": group, "themes": sorted({p.theme for p in group if p.theme})}
            for group in groups]})
    return sections


def draft_text(visit):
    """A first draft of the host report from the grouped learning points (Markdown)."""
    lines = [f"## What we learned from our visit to {visit.host_organisation.name}", "",
             f"Thank you for hosting our peer learning visit on {visit.theme.lower()}"
             + (f" on {visit.date:%-d %B %Y}." if visit.date else "."), ""]
    for section in grouped_learning(visit):
        if not any(section["groups"]):
            continue
        lines += [f"### {section['question']}", ""]
        applying = []
        for group in section["groups"]:
            first, count = group["points"][0], len(group["points"])
            if count == 1:
                lines.append(f"- {first.key_learning}")
                applying.append(first.how_to_apply)
                continue
            # A merged point keeps each visitor's own words (unnamed) in a nested list.
            lines.append(f"- {first.key_learning} ({count} visitors said this)")
            lines += [f"    - {_visitor_words(p)}" for p in group["points"]]
        if applying:
            lines += ["", "What visitors intend to apply at home:", ""]
            lines += [f"- {how}" for how in applying]
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def _visitor_words(point):
    """One visitor's learning and how they will apply it, on one line for a nested list item."""
    learning, how = " ".join(point.key_learning.split()), " ".join(point.how_to_apply.split())
    stop = "" if learning.endswith((".", "!", "?")) else "."
    return f"{learning}{stop} To apply at home: {how}"


@transaction.atomic
def draft_host_report(*, visit, actor):
    """Write (or rewrite, until sent) the draft from the learning points. Side effects: row, log."""
    require_organiser(actor)
    report = HostReport.objects.filter(visit=visit).first()
    if report and report.sent_at:
        raise ValidationError("The report has been sent; it can no longer be redrafted.")
    if report is None:
        report = HostReport(visit=visit)
    report.body = draft_text(visit)
    report.save()
    log_activity(subject=visit, actor=actor, verb="draft_host_report")
    return report


@transaction.atomic
def edit_host_report(*, report, actor, body):
    require_organiser(actor)
    if report.sent_at:
        raise ValidationError("The report has been sent; it can no longer be changed.")
    if not body.strip():
        raise ValidationError({"body": "Enter the report"})
    report.body = body.strip() + "\n"
    report.save(update_fields=["body", "updated_at"])
    log_activity(subject=report.visit, actor=actor, verb="edit_host_report")
    return report


def host_token(visit):
    return signing.dumps({"visit": visit.pk}, salt=HOST_TOKEN_SALT)


def visit_for_host_token(token):
    """The visit a host's signed link is for, or None if it is forged or too old."""
    try:
        data = signing.loads(token, salt=HOST_TOKEN_SALT, max_age=HOST_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return Visit.objects.filter(pk=data.get("visit")).select_related("host_report").first()


def host_link(visit):
    return settings.SITE_URL + reverse("visits:host-report-view", args=[host_token(visit)])


@transaction.atomic
def send_host_report(*, visit, actor):
    """Send the report to the host contact with a signed link. Side effects: email, sent_at,
    state (visited → host report sent), log."""
    require_organiser(actor)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    report = HostReport.objects.filter(visit=visit).first()
    if report is None:
        raise ValidationError("Draft the report first.")
    if not visit.host_contact_email:
        raise ValidationError("Add the host contact's email address to the visit first.")
    report.sent_at, report.sent_by = timezone.now(), actor
    report.save(update_fields=["sent_at", "sent_by", "updated_at"])
    STATES.change(visit, action="send_host_report", actor=actor, note=visit.host_contact_email)
    queue_email(to=visit.host_contact_email, template="visit_host_report",
                context={"visit": visit, "report": report, "link": host_link(visit)})
    return report


@transaction.atomic
def acknowledge_host_report(*, visit, name):
    """The host says they received the report (through the signed link). Side effects: row, log."""
    report = HostReport.objects.select_for_update().filter(visit=visit, sent_at__isnull=False).first()
    if report is None:
        raise ValidationError("There is no report to acknowledge.")
    if not name.strip():
        raise ValidationError({"name": "Enter your name"})
    if report.acknowledged_at is None:
        report.acknowledged_at, report.acknowledged_by_name = timezone.now(), name.strip()[:150]
        report.save(update_fields=["acknowledged_at", "acknowledged_by_name", "updated_at"])
        log_activity(subject=visit, actor=None, verb="host_acknowledged", note=name.strip())
    return report


@transaction.atomic
def publish_short_report(*, visit, actor, body):
    """Publish (or update) the public short report. Side effects: the visit, log."""
    require_organiser(actor)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in PAST_STATES:
        raise ValidationError("The short report is published after the visit.")
    if not body.strip():
        raise ValidationError({"short_report": "Enter the short report"})
    visit.short_report = body.strip() + "\n"
    first = visit.short_report_published_at is None
    visit.short_report_published_at = visit.short_report_published_at or timezone.now()
    visit.save(update_fields=["short_report", "short_report_published_at", "updated_at"])
    log_activity(subject=visit, actor=actor, verb="publish_short_report" if first else "edit_short_report")
    return visit
