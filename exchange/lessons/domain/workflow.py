"""The two-editor workflow: submitting for review, returning to draft, publishing (behind the
anonymisation gate and a second editor) and withdrawing."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import activity
from exchange.common.models import Activity
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.enums import StaffRole
from exchange.people.models import User

from ..enums import EditorialStatus
from ..models import CaseStudy, LessonsIssue
from .editing import STATES, require_editor
from .gate import _content_type_id, gate_findings
from .mailing_list import send_issue
from .revisions import _merge

# The log verbs of writing: whoever wrote any part of something cannot be its second editor.
WRITING_VERBS = ["create", "edit", "create_revision", "add_article", "edit_article"]



def editorial_actions(subject):
    """The workflow actions a person can take on ``subject`` now (merging is publishing)."""
    return [action for action in STATES.allowed_actions(subject) if action != "merge"]


@transaction.atomic
def submit_for_review(*, subject, actor, note=""):
    """Send an issue or a standalone case to a second editor. Side effects: state, log (with
    ``note``), an email to each other editor who could review it (not its writers)."""
    require_editor(actor)
    note = (note or "").strip()
    STATES.change(subject, action="submit_for_review", actor=actor, note=note)
    _email_reviewing_editors(subject, actor=actor, note=note)
    return subject


def _email_reviewing_editors(subject, *, actor, note):
    """Tell the editors who may approve ``subject`` (active, and who wrote none of it) that it
    waits for them; nobody else can publish it, so without this it waits unseen."""
    writers = _writers(subject) | {actor.pk}
    editors = (User.objects.holding_staff_role(StaffRole.EDITOR).filter(is_active=True)
               .exclude(pk__in=writers).order_by("email"))
    queue_emails(Email(to=editor.email, template="lessons_review_requested",
                       context={"subject": subject, "note": note, "user": editor,
                                "sent_by": actor, "url": _edit_url(subject)})
                 for editor in editors)


@transaction.atomic
def return_to_draft(*, subject, actor, note):
    """Send work in review back to its author with what to change. Side effects: state,
    log, an email to the author."""
    require_editor(actor)
    if not (note or "").strip():
        raise ValidationError({"note": "Say what needs to change"})
    STATES.change(subject, action="return_to_draft", actor=actor, note=note.strip())
    author = subject.created_by
    if author is not None and author != actor:
        queue_email(to=author.email, template="lessons_returned_to_draft",
                    context={"subject": subject, "note": note.strip(), "user": author,
                             "url": _edit_url(subject)})
    return subject


def publish_refusal(subject, actor):
    """Why ``actor`` may not publish ``subject`` now, or None."""
    if actor.pk in _writers(subject):
        return "A second editor, who wrote none of it, must review and publish this."
    findings = gate_findings(subject)
    if findings:
        return (f"The anonymisation check found {len(findings)} possible identifier"
                f"{'s' if len(findings) != 1 else ''}. Remove each or override it with a reason.")
    return None


def _writers(subject):
    """The ids of everyone who wrote ``subject`` or, for an issue, any of its cases or
    articles: its author and whoever the log names as creating or editing a part."""
    cases = list(subject.case_studies.values_list("pk", "created_by_id")) \
        if isinstance(subject, LessonsIssue) else []
    wanted = Q(content_type_id=_content_type_id(subject), object_id=subject.pk)
    if cases:
        wanted |= Q(content_type_id=ContentType.objects.get_for_model(CaseStudy).pk,
                    object_id__in=[pk for pk, _ in cases])
    logged = Activity.objects.filter(wanted, verb__in=WRITING_VERBS, actor__isnull=False)
    return ({subject.created_by_id, *(author for _, author in cases),
             *logged.values_list("actor_id", flat=True)} - {None})


@transaction.atomic
def publish(*, subject, actor, note=""):
    """A second editor approves and publishes an issue (with its cases) or a standalone case,
    or approves a revision, whose content then replaces the published version's.

    Refused if ``actor`` wrote any of it or the anonymisation gate has findings. Side effects:
    state, ``published_at``, ``reviewed_by``, log; for an issue its cases are published too and
    one email per matching confirmed subscriber is queued unless the issue was emailed before;
    for a revision, see :func:`_merge` (nobody is emailed). Returns the published row.
    """
    require_editor(actor)
    refusal = publish_refusal(subject, actor)
    if refusal:
        raise ValidationError(refusal)
    if subject.revision_of_id:
        return _merge(subject, actor=actor, note=note)
    now = timezone.now()
    subject.published_at = subject.published_at or now
    subject.reviewed_by = actor
    fields = ["published_at", "reviewed_by"]
    if isinstance(subject, LessonsIssue):
        subject.publication_date = subject.publication_date or timezone.localdate()
        fields.append("publication_date")
    STATES.change(subject, action="publish", actor=actor, note=note, extra_fields=fields)
    if isinstance(subject, LessonsIssue):
        _publish_cases_of(subject, actor=actor, now=now)
        send_issue(issue=subject)
    return subject


def _publish_cases_of(issue, *, actor, now):
    """Publish the issue's unpublished cases with it: one UPDATE and one log INSERT for all."""
    cases = list(issue.case_studies.exclude(status=EditorialStatus.PUBLISHED)
                 .only("id", "status", "published_at"))
    if not cases:
        return
    issue.case_studies.filter(pk__in=[c.pk for c in cases]).update(
        status=EditorialStatus.PUBLISHED, reviewed_by=actor, updated_at=now,
        published_at=Coalesce("published_at", Value(now)))
    Activity.objects.bulk_create([
        activity(subject=case, actor=actor, verb="publish", from_state=case.status,
                 to_state=EditorialStatus.PUBLISHED, note=f"Published with issue {issue.number}")
        for case in cases])


@transaction.atomic
def withdraw(*, subject, actor, reason):
    """Take a published issue (and its published cases) or case off the site.
    Side effects: states, log rows."""
    require_editor(actor)
    if not (reason or "").strip():
        raise ValidationError({"note": "Give the reason for withdrawing"})
    STATES.change(subject, action="withdraw", actor=actor, note=reason.strip())
    if isinstance(subject, LessonsIssue):
        cases = list(subject.case_studies.filter(status=EditorialStatus.PUBLISHED).only("id"))
        CaseStudy.objects.filter(pk__in=[c.pk for c in cases]).update(
            status=EditorialStatus.DRAFT, updated_at=timezone.now())
        Activity.objects.bulk_create([
            activity(subject=case, actor=actor, verb="withdraw",
                     from_state=EditorialStatus.PUBLISHED, to_state=EditorialStatus.DRAFT,
                     note=f"Withdrawn with issue {subject.number}: {reason.strip()}")
            for case in cases])
    return subject


def _edit_url(subject):
    name = "lessons:issue-edit" if isinstance(subject, LessonsIssue) else "lessons:case-edit"
    return reverse(name, kwargs={"pk": subject.pk})
