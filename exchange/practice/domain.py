"""The practice bank's business rules: drafting, review, publication and the label history.

Every function here is the whole job (check, write, log, notify); views, the API, the admin and
the management commands all call these, so they behave the same.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import StateMachine, log_activity
from exchange.common.models import Activity, Topic
from exchange.common.permissions import allows
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.enums import OrganisationType, ReviewEmails, StaffRole
from exchange.people.models import Organisation, User
from exchange.people.rules import is_reviewer

from .enums import PRACTICE_TRANSITIONS, EvidenceLabel, PracticeStatus
from .models import (
    CONTENT_FIELDS,
    PROPOSAL_FIELDS,
    LabelChange,
    Practice,
    PracticeFocus,
    PracticeRecognition,
)

STATES = StateMachine(field="status", transitions=PRACTICE_TRANSITIONS)
EDITABLE_STATES = {PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED}
# Fields the database requires but a draft written section by section may not have yet;
# missing_for_submission asks for them before the draft can go to review.
LATER_FIELDS = ["description", "evidence_label"]


def save_content(*, practice, data, allow_incomplete=False, actor=None):
    """Write content fields from ``data`` onto ``practice`` and save it.

    ``data`` may hold any of CONTENT_FIELDS plus ``topics`` (Topic objects), ``focus`` and
    ``recognition`` (lists of values), ``external_id`` and the PROPOSAL_FIELDS. Keys not in
    ``data`` are untouched. ``allow_incomplete`` lets a draft be saved before its description
    and label are written. A live entry's label is handed to :func:`change_label` (by
    ``actor``), so its history is kept.
    Side effects: saves the row and replaces its topics, focus and recognition rows; for a
    live entry whose label changes, what :func:`change_label` does.
    """
    data = dict(data)
    new_label = data.pop("evidence_label", None) if practice.pk and practice.is_live else None
    for name in [*CONTENT_FIELDS, "external_id", *PROPOSAL_FIELDS]:
        if name in data:
            setattr(practice, name, data[name])
    if not practice.region and practice.organisation_id:
        practice.region = practice.organisation.region
    exclude = ["topics", "status", "submitted_by", "reviewer", "revision_of"]
    if allow_incomplete:
        exclude += [name for name in LATER_FIELDS if not getattr(practice, name)]
    practice.full_clean(exclude=exclude)
    practice.save()
    if "topics" in data:
        practice.topics.set(data["topics"])
    _replace_rows(practice, PracticeFocus, "focus_rows", data.get("focus"))
    _replace_rows(practice, PracticeRecognition, "recognition_rows", data.get("recognition"))
    if new_label is not None:
        change_label(practice=practice, label=new_label, actor=actor)
    return practice


def _replace_rows(practice, model, related_name, values):
    if values is None:
        return
    getattr(practice, related_name).all().delete()
    model.objects.bulk_create([model(practice=practice, value=v) for v in sorted(set(values))])


def content_of(practice):
    """The content of ``practice`` as a dict that :func:`save_content` accepts."""
    data = {name: getattr(practice, name) for name in CONTENT_FIELDS}
    data["topics"] = list(practice.topics.all())
    data["focus"] = [row.value for row in practice.focus_rows.all()]
    data["recognition"] = [row.value for row in practice.recognition_rows.all()]
    return data


@transaction.atomic
def create_draft(*, submitted_by, data, allow_incomplete=False):
    """Start a new entry as a draft owned by ``submitted_by``. Side effects: row, log."""
    practice = Practice(submitted_by=submitted_by, status=PracticeStatus.DRAFT)
    save_content(practice=practice, data=data, allow_incomplete=allow_incomplete)
    log_activity(subject=practice, actor=submitted_by, verb="create", to_state=practice.status)
    return practice


@transaction.atomic
def edit_content(*, practice, actor, data, part=""):
    """Save one part of an entry that is being written or reworked.

    Refuses anyone :func:`can_edit` refuses. Side effects: the row (and its topics, focus and
    recognition rows), one activity-log row naming ``part``.
    """
    if not can_edit(actor, practice):
        raise PermissionDenied("You cannot change this entry now.")
    save_content(practice=practice, data=data, allow_incomplete=True)
    log_activity(subject=practice, actor=actor, verb="edit", note=part)
    return practice


def can_edit(user, practice):
    """The submitter may edit while it is a draft or changes were asked for; a reviewer may
    edit anything not yet (or no longer) public. Nobody edits a live entry in place: a change
    to it is a revision (:func:`create_revision`) that is reviewed before readers see it. The
    rule itself is ``practice.change_practice`` (rules.py)."""
    return allows(user, "practice.change_practice", practice)


def missing_for_submission(practice):
    """What must still be filled in before ``practice`` can be submitted, as field: message."""
    problems = {}
    if not practice.title:
        problems["title"] = "Enter a title"
    if not practice.evidence_label:
        problems["evidence_label"] = "Choose whether it worked"
    if not practice.summary:
        problems["summary"] = "Enter a one-line summary"
    if not practice.description:
        problems["description"] = "Describe the practice"
    if not practice.organisation_id:
        problems["organisation"] = "Choose the organisation that ran the practice"
    if not practice.mechanism:
        problems["mechanism"] = "Say why it works or did not: the mechanism"
    if not practice.implementation:
        problems["implementation"] = "Say what it took to put in place: implementation"
    return problems


@transaction.atomic
def submit(*, practice, actor):
    """Send a draft (or a reworked entry) for review. Side effects: state, log, email."""
    if practice.submitted_by_id != actor.pk and not is_reviewer(actor):
        raise PermissionDenied("Only the person who wrote this entry can submit it.")
    problems = missing_for_submission(practice)
    if problems:
        raise ValidationError(problems)
    action = "resubmit" if practice.status == PracticeStatus.CHANGES_REQUESTED else "submit"
    practice.submitted_at = timezone.now()
    STATES.change(practice, action=action, actor=actor, extra_fields=["submitted_at"])
    _email_submitter(practice, "practice_submitted")
    _email_reviewers_now(practice, actor=actor, resubmitted=action == "resubmit")
    return practice


def _reviewers(review_emails):
    """Active people holding the reviewer role who chose ``review_emails``, with an address."""
    return (User.objects.holding_staff_role(StaffRole.REVIEWER)
            .filter(is_active=True, review_emails=review_emails).exclude(email=""))


def _email_reviewers_now(practice, *, actor, resubmitted):
    """Tell each reviewer who asked for an email per entry; the others get the daily summary
    (:func:`send_review_summary`). A reviewer sending an entry themselves is not told of it."""
    queue_emails([
        Email(reviewer.email, "practice_sent_for_review",
              {"practice": practice, "user": reviewer, "resubmitted": resubmitted})
        for reviewer in _reviewers(ReviewEmails.EACH).exclude(pk=actor.pk)])


# The daily summary lists what was sent in the day before it; the job runs once a day.
SUMMARY_PERIOD = datetime.timedelta(days=1)


def send_review_summary(*, now):
    """Email each reviewer who chose a daily summary the entries sent for review in the day
    up to ``now``, with how many wait in all and for how long the oldest has. Nothing is sent
    on a day when nothing was sent for review.

    Side effect: one queued email per such reviewer. Returns what it did, for the job's log.
    """
    sent = list(Practice.objects.filter(
        status__in=REVIEWER_WAITING_STATES, submitted_at__gt=now - SUMMARY_PERIOD,
        submitted_at__lte=now).select_related("submitted_by", "organisation")
        .order_by("submitted_at", "id"))
    if not sent:
        return "nothing sent for review"
    waiting = Practice.objects.filter(status__in=REVIEWER_WAITING_STATES)
    oldest = waiting.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    context = {"entries": sent, "waiting": waiting.count(),
               "oldest_days": waiting_days(oldest, now=now)}
    messages = queue_emails([
        Email(reviewer.email, "practice_review_summary", {**context, "user": reviewer})
        for reviewer in _reviewers(ReviewEmails.DAILY)])
    return f"{len(sent)} entries to {len(messages)} reviewers"


# Entries waiting on a reviewer (a request for changes waits on the submitter).
REVIEWER_WAITING_STATES = [PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW]


def waiting_days(submitted_at, *, now):
    """Whole days since ``submitted_at`` (0 on the day it was sent), or None if never sent."""
    if submitted_at is None:
        return None
    return max((now - submitted_at).days, 0)


@transaction.atomic
def start_review(*, practice, reviewer):
    """A reviewer takes a submission. Side effects: reviewer set, state, log."""
    _require_reviewer(reviewer)
    practice.reviewer = reviewer
    STATES.change(practice, action="start_review", actor=reviewer, extra_fields=["reviewer"])
    return practice


@transaction.atomic
def add_comment(*, practice, author, body, to_submitter=True):
    """A reviewer's comment; ``to_submitter`` ones are shown to the submitter. Side effect: log."""
    _require_reviewer(author)
    if not body.strip():
        raise ValidationError({"body": "Enter a comment"})
    comment = practice.comments.create(author=author, body=body.strip(), to_submitter=to_submitter)
    log_activity(subject=practice, actor=author, verb="comment", note=body.strip())
    return comment


@transaction.atomic
def request_changes(*, practice, actor, comment):
    """Send an entry back to its submitter with what to change. Side effects: comment,
    state, log, email to the submitter."""
    _require_reviewer(actor)
    if not comment.strip():
        raise ValidationError({"comment": "Say what needs to change"})
    practice.comments.create(author=actor, body=comment.strip(), to_submitter=True)
    STATES.change(practice, action="request_changes", actor=actor, note=comment.strip(),
                  extra_fields=_decided_by(practice, actor))
    _email_submitter(practice, "practice_changes_requested", comment=comment.strip())
    return practice


@transaction.atomic
def decline(*, practice, actor, reason):
    """Decline a submission with a reason. Side effects: state, log, email to the submitter."""
    _require_reviewer(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for declining"})
    STATES.change(practice, action="decline", actor=actor, note=reason.strip(),
                  extra_fields=_decided_by(practice, actor))
    _email_submitter(practice, "practice_declined", reason=reason.strip())
    return practice


@transaction.atomic
def publish(*, practice, actor, note="", notify=True, label=None, label_reason=""):
    """Approve and publish. A revision's content replaces its live entry's, which stays live.

    A reviewer may publish it under another ``label`` than the one submitted, saying why in
    ``label_reason``: the reason goes into the label history and the submitter's email.

    Side effects: the label (through :func:`change_label`), state (and the live entry's
    content for a revision), label history, log, email to the submitter. Returns the live
    entry.
    """
    _require_reviewer(actor)
    relabel = _relabel(practice, label, label_reason)
    if relabel:
        change_label(practice=practice, label=label, actor=actor, note=relabel["reason"])
    now = timezone.now()
    if practice.revision_of_id:
        live = Practice.objects.select_for_update().get(pk=practice.revision_of_id)
        content = content_of(practice)
        new_label = content.pop("evidence_label")
        save_content(practice=live, data=content, actor=actor)
        change_label(practice=live, label=new_label, actor=actor,
                     note=relabel["reason"] if relabel else "")
        STATES.change(practice, action="merge", actor=actor, note=note,
                      extra_fields=_decided_by(practice, actor))
        log_activity(subject=live, actor=actor, verb="publish_revision", note=note,
                     from_state=live.status, to_state=live.status)
    else:
        live = practice
        live.published_at = live.published_at or now
        STATES.change(live, action="publish", actor=actor, note=note,
                      extra_fields=["published_at", *_decided_by(live, actor)])
        record_label(practice=live, actor=actor, at=now,
                     reason=relabel["reason"] if relabel else "")
    if notify:
        _email_submitter(practice, "practice_published", live=live, relabel=relabel)
    return live


def _relabel(practice, label, reason):
    """The reviewer's change of label at publication, or None when they kept the submitted one.
    A change needs a reason, because the submitter chose the label and is told why it moved."""
    if not label or label == practice.evidence_label:
        return None
    if label not in EvidenceLabel.values:
        raise ValidationError({"label": f"'{label}' is not an evidence label"})
    if not reason.strip():
        raise ValidationError({"label_reason": "Say why you chose a different label: the "
                                               "submitter is emailed your reason"})
    labels = dict(EvidenceLabel.choices)
    return {"submitted": labels[practice.evidence_label], "published": labels[label],
            "reason": reason.strip()}


@transaction.atomic
def change_label(*, practice, label, actor, note="", at=None):
    """The one way to change the "does it work?" label of a live entry, from the site, an
    import or the admin. Before publication the label is content like any other field, and
    its history starts when the entry is published.

    Side effects: the row's label; for a live entry whose label changes, a LabelChange row
    (so the history keeps it) and an activity-log row ("change_label").
    """
    old = practice.evidence_label
    if label == old:
        return practice
    if label not in EvidenceLabel.values:
        raise ValidationError({"evidence_label": f"'{label}' is not an evidence label"})
    practice.evidence_label = label
    practice.save(update_fields=["evidence_label", "updated_at"])
    if practice.is_live:
        record_label(practice=practice, actor=actor, at=at or timezone.now(), reason=note)
    if practice.is_live or note:
        # Before publication only a reasoned change (a reviewer's, at publishing) is logged;
        # a submitter changing their mind while writing is an edit like any other.
        log_activity(subject=practice, actor=actor, verb="change_label", from_state=old,
                     to_state=label, note=note)
    return practice


def record_label(*, practice, actor, at, reason=""):
    """Add the entry's current label to its history unless it is already the latest, with
    ``reason`` (why a reviewer chose it). Called when an entry is published and by
    :func:`change_label`; nothing else writes the history (imports restore it through
    :func:`restore_label_history`)."""
    latest = practice.label_changes.first()
    if latest is None or latest.label != practice.evidence_label:
        LabelChange.objects.create(practice=practice, label=practice.evidence_label,
                                   changed_at=at, changed_by=_person(actor), reason=reason)


def record_first_labels(*, practices, actor, at):
    """The first history row of each of many entries published at once by an import.
    Side effect: one LabelChange per entry, in one insert."""
    LabelChange.objects.bulk_create([
        LabelChange(practice=p, label=p.evidence_label, changed_at=at, changed_by=_person(actor))
        for p in practices])


def restore_label_history(*, histories):
    """Put label changes read from a file back into their entries' histories. ``histories``
    is ``[(practice, [(label, changed_at)])]``; a change an entry already has is not added
    again. Who made each change is not in the file, so ``changed_by`` is left empty.
    Side effect: LabelChange rows, in one insert."""
    histories = [(practice, history) for practice, history in histories if history]
    have = set(LabelChange.objects.filter(practice__in=[p for p, _ in histories])
               .values_list("practice_id", "label", "changed_at"))
    LabelChange.objects.bulk_create([
        LabelChange(practice=practice, label=label, changed_at=changed_at)
        for practice, history in histories for label, changed_at in history
        if (practice.pk, label, changed_at) not in have])


def _person(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def withdraw(*, practice, actor, reason):
    """Take a published entry off the Exchange. Side effects: state, log, email to the
    submitter."""
    _require_reviewer(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for withdrawing"})
    STATES.change(practice, action="withdraw", actor=actor, note=reason.strip())
    _email_submitter(practice, "practice_withdrawn", reason=reason.strip())
    return practice


@transaction.atomic
def create_revision(*, practice, actor):
    """Start an edit of a published entry; the live version stays as it is until the edit is
    published. Returns the open revision if ``actor`` already has one. Side effects: row, log."""
    if not practice.is_live:
        raise ValidationError("Only a published entry can be revised.")
    if practice.submitted_by_id != actor.pk and not is_reviewer(actor):
        raise PermissionDenied("Only the person who submitted this entry, or a reviewer, can "
                               "suggest changes to it.")
    open_states = [PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW,
                   PracticeStatus.CHANGES_REQUESTED]
    existing = practice.revisions.filter(submitted_by=actor, status__in=open_states).first()
    if existing:
        return existing
    revision = Practice(submitted_by=actor, status=PracticeStatus.DRAFT, revision_of=practice)
    data = content_of(practice)
    save_content(practice=revision, data=data)
    log_activity(subject=revision, actor=actor, verb="create_revision",
                 to_state=revision.status, note=f"Revision of entry {practice.pk}")
    return revision


# While an entry is not yet public a reviewer may accept the names it proposed; once it is
# live, linking them would change a published entry without a revision.
ACCEPTING_STATES = {PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW,
                    PracticeStatus.CHANGES_REQUESTED}


@transaction.atomic
def accept_proposed_names(*, practice, actor, organisation=False, topics=()):
    """A reviewer accepts names the submission proposed (``organisation``: its proposed
    organisation; ``topics``: some of its proposed topics). Each becomes an Organisation
    (type "other") or Topic, or is found as one, and is linked to the entry.

    Side effects: organisations and topics created (or an unreviewed organisation marked
    reviewed); the entry's organisation, region and topics; the accepted proposals cleared;
    one activity-log row ("accept_names") naming what was accepted.
    """
    _require_reviewer(actor)
    topics = list(dict.fromkeys(topics))
    if practice.status not in ACCEPTING_STATES:
        raise ValidationError("Names can only be accepted before the entry is published.")
    if (organisation and not practice.proposed_organisation) or not set(topics) <= set(
            practice.proposed_topics):
        raise ValidationError("Only names the submission proposed can be accepted.")
    accepted = []
    if organisation:
        practice.organisation = _accepted_organisation(practice.proposed_organisation)
        practice.region = practice.region or practice.organisation.region
        practice.proposed_organisation = ""
        accepted.append(f"organisation: {practice.organisation.name}")
    for name in topics:
        topic = _accepted_topic(name)
        practice.topics.add(topic)
        accepted.append(f"topic: {topic.name}")
    practice.proposed_topics = [name for name in practice.proposed_topics if name not in topics]
    practice.save(update_fields=["organisation", "region", "proposed_organisation",
                                 "proposed_topics", "updated_at"])
    log_activity(subject=practice, actor=actor, verb="accept_names", note="; ".join(accepted))
    return practice


def _accepted_organisation(name):
    organisation = Organisation.objects.matching_name(name)
    if organisation is None:
        return Organisation.objects.create(name=name.strip(), type=OrganisationType.OTHER,
                                           slug=Organisation.objects.free_slug(name))
    if not organisation.reviewed:
        organisation.reviewed = True
        organisation.save(update_fields=["reviewed"])
    return organisation


def _accepted_topic(name):
    return Topic.objects.matching_name(name) or Topic.objects.create(name=name.strip(),
                                                     slug=Topic.objects.free_slug(name))


@transaction.atomic
def delete_draft(*, practice, actor):
    """Delete a draft that was never submitted (reviewers may clear anyone's).
    Side effect: the row and its activity-log rows are gone."""
    if practice.status != PracticeStatus.DRAFT or (
            practice.submitted_by_id != actor.pk and not is_reviewer(actor)):
        raise PermissionDenied("Only your own unsubmitted drafts can be deleted.")
    Activity.objects.for_object(practice).delete()
    practice.delete()


def _decided_by(practice, actor):
    """A reviewer who decides without first taking the entry becomes its reviewer."""
    if practice.reviewer_id:
        return []
    practice.reviewer = actor
    return ["reviewer"]


def _require_reviewer(user):
    if not is_reviewer(user):
        raise PermissionDenied("Only reviewers can do that.")


def _email_submitter(practice, template, **context):
    submitter = practice.submitted_by
    if submitter is None or not submitter.email:
        return
    queue_email(to=submitter.email, template=template,
                context={"practice": practice, "user": submitter, **context})
