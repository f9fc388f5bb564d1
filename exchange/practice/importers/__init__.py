"""Importing practice entries written in the interchange format (:mod:`..interchange`).

:func:`import_practices` checks every row before it writes any, so a file with a bad row writes
nothing and the report lists every problem with its row and field; ``skip_invalid`` writes the
good rows and reports the rest. New entries are inserted in batches (the search index follows
by database trigger); an entry whose ``external_id`` is already in the bank is updated in place
through ``domain.save_content``. :func:`submit_entry` is the one-entry path the API uses.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from exchange.common.domain import activity, log_activity
from exchange.common.importing import ImportReport as BaseReport
from exchange.common.importing import Problem
from exchange.common.models import Activity
from exchange.mail.domain import queue_email

from .. import domain
from ..enums import PracticeStatus
from ..models import CONTENT_FIELDS, Practice, PracticeFocus, PracticeRecognition
from .catalogue import Catalogue
from .rows import clean_field, validate_row

__all__ = ["Catalogue", "ImportReport", "Problem", "clean_field", "import_practices",
           "submit_entry", "validate_row"]

BATCH_SIZE = 500
TopicLink = Practice.topics.through
# Fields an export carries that belong to the bank, not to the person submitting an entry.
BANK_FIELDS = {"uid", "label_history"}


@dataclass
class ImportReport(BaseReport):
    """The shared report, plus the organisations the file named that were new."""

    organisations_created: list = field(default_factory=list)


def import_practices(*, rows, actor=None, publish=False, skip_invalid=False, progress=None):
    """Import ``rows`` (``[(row_number, dict)]`` as :func:`.interchange.read_file` gives, or
    plain dicts) and return an :class:`ImportReport`.

    Every row is checked first. If any is invalid and not ``skip_invalid``, nothing is written.
    Otherwise, in one transaction: new entries are created ``submitted`` (waiting for review)
    or, with ``publish``, published now with their first label recorded; an entry whose
    ``external_id`` exists is updated in place and a live one stays live. ``progress(n)`` is
    called as each ``n`` rows are written.
    Side effects: practice rows with their topics, focus and recognition; organisations and
    topics created for unknown names; label history; one activity-log row ("import") per entry.
    """
    rows = [row if isinstance(row, tuple) else (n, row) for n, row in enumerate(rows, start=1)]
    report = ImportReport(total=len(rows))
    valid = _check_rows(rows, report)
    report.skipped = sorted({problem.row for problem in report.problems})
    if report.problems and not skip_invalid:
        return report
    with transaction.atomic():
        catalogue = Catalogue(preload=True)
        _write(valid, report, catalogue=catalogue, actor=actor, publish=publish,
               progress=progress or (lambda n: None))
        report.organisations_created = catalogue.organisations_created
        report.topics_created = catalogue.topics_created
    report.written = True
    return report


def _check_rows(rows, report):
    """The good rows as ``[(row_number, data)]``; every problem goes into ``report``."""
    valid, first_row_of = [], {}
    for number, row in rows:
        data, errors = validate_row(row)
        for name in ["external_id", "uid"]:
            key = (name, data.get(name))
            if key[1] and key in first_row_of:
                errors.append((name, f"{name.replace('_', ' ')} '{key[1]}' is also used by row "
                                     f"{first_row_of[key]}"))
            elif key[1]:
                first_row_of[key] = number
        report.problems.extend(Problem(number, name, message) for name, message in errors)
        if not errors:
            valid.append((number, data))
    return valid


def _write(valid, report, *, catalogue, actor, publish, progress):
    existing = _existing_entries([data for _, data in valid])
    new = [data for _, data in valid if _entry_of(data, existing) is None]
    for start in range(0, len(new), BATCH_SIZE):
        batch = new[start:start + BATCH_SIZE]
        _create_batch([catalogue.resolve(data) for data in batch], actor=actor, publish=publish)
        report.created += len(batch)
        progress(len(batch))
    for _, data in valid:
        practice = _entry_of(data, existing)
        if practice is not None:
            _update(practice, catalogue.resolve(data), actor=actor, publish=publish)
            report.updated += 1
            progress(1)


def _entry_of(data, existing):
    """The entry a row updates: by its external id, or else by the interchange id an export
    gave it, so a file imported back never adds a copy of an entry already in the bank."""
    return (existing.get(("external_id", data.get("external_id")))
            or existing.get(("uid", data.get("uid"))))


def _existing_entries(rows):
    found = {}
    for name in ["external_id", "uid"]:
        wanted = sorted({row[name] for row in rows if row.get(name)}, key=str)
        # In slices: SQLite limits the number of parameters in one statement.
        for start in range(0, len(wanted), 900):
            entries = Practice.objects.select_for_update().filter(
                **{f"{name}__in": wanted[start:start + 900]})
            found.update(((name, getattr(p, name)), p) for p in entries)
    return found


def _create_batch(batch, *, actor, publish):
    now = timezone.now()
    status = PracticeStatus.PUBLISHED if publish else PracticeStatus.SUBMITTED
    practices = [_new_practice(data, status=status, actor=actor, now=now) for data in batch]
    Practice.objects.bulk_create(practices)
    _link_related(practices, batch)
    histories = [data.get("label_history") for data in batch]
    domain.restore_label_history(histories=[
        (p, history) for p, history in zip(practices, histories, strict=True) if history])
    actor = actor if actor is not None and actor.is_authenticated else None
    if publish:
        # A file with a label_history column (an export) says what the history is, and it
        # is kept as it is. Without one, or when the history ends on another label, the
        # label is recorded now, as publishing on the site would.
        domain.record_first_labels(actor=actor, at=now, practices=[
            p for p, history in zip(practices, histories, strict=True)
            if history is None or (history and history[-1][0] != p.evidence_label)])
    Activity.objects.bulk_create([
        activity(subject=p, actor=actor, verb="import", to_state=status,
                 note="Created by an import") for p in practices])


def _new_practice(data, *, status, actor, now):
    """An unsaved entry with what :func:`.domain.save_content` and ``Practice.save`` would set."""
    practice = Practice(status=status, submitted_by=actor if actor and actor.pk else None,
                        submitted_at=now,
                        published_at=now if status == PracticeStatus.PUBLISHED else None)
    for name in [*CONTENT_FIELDS, "external_id"]:
        if name in data:
            setattr(practice, name, data[name])
    if data.get("uid"):
        practice.uid = data["uid"]
    if not practice.region and practice.organisation is not None:
        practice.region = practice.organisation.region
    practice.start_year = practice.start_date.year if practice.start_date else None
    return practice


def _link_related(practices, batch):
    topics, focus, recognition = [], [], []
    for practice, data in zip(practices, batch, strict=True):
        topics += [TopicLink(practice_id=practice.pk, topic_id=t.pk) for t in data.get("topics", [])]
        focus += [PracticeFocus(practice=practice, value=v) for v in data.get("focus", [])]
        recognition += [PracticeRecognition(practice=practice, value=v)
                        for v in data.get("recognition", [])]
    TopicLink.objects.bulk_create(topics)
    PracticeFocus.objects.bulk_create(focus)
    PracticeRecognition.objects.bulk_create(recognition)


def _update(practice, data, *, actor, publish):
    """Write an import's content onto an existing entry; a live entry stays live, and a new
    label on it reaches its history through ``domain.change_label``."""
    now = timezone.now()
    domain.restore_label_history(histories=[(practice, data.get("label_history") or [])])
    domain.save_content(practice=practice, data=data, actor=actor)
    log_activity(subject=practice, actor=actor, verb="import", from_state=practice.status,
                 to_state=practice.status, note="Updated by an import")
    if publish and not practice.is_live:
        _publish_existing(practice, actor=actor, now=now)


def _publish_existing(practice, *, actor, now):
    # Declined and withdrawn entries were a reviewer's decision; an import does not undo it.
    if practice.status in {PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED}:
        action = "submit" if practice.status == PracticeStatus.DRAFT else "resubmit"
        practice.submitted_at = now
        domain.STATES.change(practice, action=action, actor=actor, extra_fields=["submitted_at"])
    if "publish" in domain.STATES.allowed_actions(practice):
        practice.published_at = practice.published_at or now
        domain.STATES.change(practice, action="publish", actor=actor, note="Published by an import",
                             extra_fields=["published_at"])
        domain.record_label(practice=practice, actor=actor, at=now)


@transaction.atomic
def submit_entry(*, data, submitted_by):
    """Create an entry from checked interchange ``data`` and send it for review.

    The organisation defaults to the submitter's own. A member creates no organisation or
    topic: a name the Exchange does not know stays text on the entry (``proposed_organisation``,
    ``proposed_topics``) until a reviewer accepts it. The label history and the interchange id
    are the bank's own and are not taken from a submission.
    Side effects: the entry, its topics, focus and recognition rows; activity log ("create",
    "submit"); an email to the submitter.
    """
    data = {name: value for name, value in data.items() if name not in BANK_FIELDS}
    if not data.get("organisation") and submitted_by.organisation is not None:
        data["organisation"] = submitted_by.organisation.name
    practice = domain.create_draft(submitted_by=submitted_by,
                                   data=Catalogue(create=False).resolve(data))
    practice.submitted_at = timezone.now()
    domain.STATES.change(practice, action="submit", actor=submitted_by,
                         extra_fields=["submitted_at"])
    queue_email(to=submitted_by.email, template="practice_submitted",
                context={"practice": practice, "user": submitted_by})
    return practice
