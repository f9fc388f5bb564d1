"""Peer matching's reports: each force's individual report from the day it hosted, and the
overall report of themes, similarities and differences, drafted from the submissions."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.grouping import group_similar

from ..enums import GroupStatus
from ..models import Submission
from ..rules import can_run_support
from .matching import email_group, guide_questions, host_days, side_by_side

WRITING_STATES = frozenset({GroupStatus.HOST_DAYS, GroupStatus.REPORTING})


def write_host_day_report(*, host_day, text, actor, share=False):
    """The host force's individual report from its day (organisers, Markdown). With ``share``
    it is shared with the group. Side effects: the report; an activity-log row; the first time
    it is shared, an email to the group."""
    if host_day.group.status not in WRITING_STATES:
        raise ValidationError("A host day's report is written after the submissions are shared "
                              "and before the group closes.")
    text = text.strip()
    if share and not text:
        raise ValidationError({"report": "Write the report before sharing it."})
    first_share = share and host_day.report_shared_at is None
    host_day.report = text
    if first_share:
        host_day.report_shared_at = timezone.now()
    host_day.save(update_fields=["report", "report_shared_at"])
    log_activity(subject=host_day.group, actor=actor, verb="write_host_report",
                 note=str(host_day.host))
    if first_share:
        email_group(host_day.group, "matching_host_report_shared", {"day": host_day})
    return host_day


def save_overall_report(*, group, text, actor):
    """Organisers' overall report (Markdown); sharing it is the ``share_report`` action. Side
    effects: the text; an activity-log row."""
    if group.status not in WRITING_STATES:
        raise ValidationError("The overall report is written after the submissions are shared "
                              "and before it is shared.")
    group.overall_report = text.strip()
    group.save(update_fields=["overall_report", "updated_at"])
    log_activity(subject=group, actor=actor, verb="edit_overall_report")
    return group


def sent_submissions(group):
    return list(Submission.objects.filter(group=group, submitted_at__isnull=False)
                .select_related("organisation").prefetch_related("answers"))


def draft_overall_report(group):
    """A first draft of the overall report in Markdown: per question of the guide, the sent
    answers grouped by similarity (:func:`exchange.common.grouping.group_similar`), the
    themes several forces share naming them, then each force's answer that stands alone.
    Reads only; writes nothing."""
    submissions = sent_submissions(group)
    lines = [f"What the {len(submissions)} forces said about {group.topic.name}, question by "
             "question: the themes several forces share, then where they differ.", ""]
    for question, answers in side_by_side(guide_questions(group, included_only=True),
                                          submissions):
        points = [(s.organisation.name, text) for s, text in answers if text.strip()]
        lines += [f"## {question.text}", ""]
        groups = group_similar(points, text=lambda point: point[1])
        shared = [g for g in groups if len(g) > 1]
        alone = [g[0] for g in groups if len(g) == 1]
        if shared:
            lines += ["### Similarities", ""]
            for similar in shared:
                names = ", ".join(name for name, _ in similar)
                lines.append(f"- {names}: {' / '.join(text for _, text in similar)}")
            lines.append("")
        if alone:
            lines += ["### Differences", ""]
            lines += [f"- {name}: {text}" for name, text in alone]
            lines.append("")
        if not points:
            lines += ["No force answered this question.", ""]
    return "\n".join(lines).strip() + "\n"


def visible_reports(group, user):
    """The host days whose reports ``user`` may read: organisers every one, the group's leads
    those shared."""
    days = host_days(group)
    if can_run_support(user):
        return days
    return [day for day in days if day.report_shared_at and day.report]


def overall_report_visible(group, user):
    return bool(group.overall_report) and (
        can_run_support(user) or group.overall_report_shared_at is not None)
