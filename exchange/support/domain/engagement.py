"""The engagement of a support request: its dates, agenda and start, the documents shared with
the team, the force's feedback afterwards, and the anonymised summary published with consent."""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.uploads import check_upload, types_for
from exchange.people.recipients import email_people, leads_of

from ..enums import PAIRING_TYPES, RequestStatus, TeamStatus
from ..models import SharedDocument, SupportRequest
from ..rules import can_run_support
from .recipients import accepted_team
from .states import REQUESTS

# --- Who hears about a request -----------------------------------------------------------------


def force_leads(request):
    """The requesting force's active leads: they act for the force and are told of each step."""
    return leads_of([request.organisation_id])


def is_pairing(request):
    return request.support_type in PAIRING_TYPES


# --- Dates, agenda and the start -----------------------------------------------------------------

# Dates and agenda are set once terms are agreed, and can still change while under way.
PLANNING_STATES = frozenset({RequestStatus.AGREED, RequestStatus.UNDER_WAY})


def default_dates(request):
    """``(starts_on, ends_on)``: the request's own, else the agreed terms' dates."""
    terms = request.agreed_terms
    return (request.starts_on or (terms.starts_on if terms else None),
            request.ends_on or (terms.ends_on if terms else None))


def plan_engagement(*, request, actor, starts_on, ends_on, agenda):
    """Set the engagement's dates and agenda. Side effects: the request's fields, log."""
    if request.status not in PLANNING_STATES:
        raise ValidationError("The dates and agenda are set once the terms of reference are "
                              "agreed, and until the report is issued.")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The last day must be the same as or after the first day"})
    request.starts_on, request.ends_on, request.agenda = starts_on, ends_on, agenda.strip()
    request.save(update_fields=["starts_on", "ends_on", "agenda", "updated_at"])
    log_activity(subject=request, actor=actor, verb="plan_engagement",
                 note=_dates_note(starts_on, ends_on))
    return request


def _dates_note(starts_on, ends_on):
    if not starts_on:
        return "No dates yet"
    if not ends_on or ends_on == starts_on:
        return f"{starts_on:%-d %B %Y}"
    return f"{starts_on:%-d %B %Y} to {ends_on:%-d %B %Y}"


def why_cannot_start(request):
    """The reason the engagement cannot start yet, or "" when it can."""
    if request.status != RequestStatus.AGREED:
        return "The engagement starts once the terms of reference are agreed by the force and staff."
    starts_on, _ = default_dates(request)
    if not starts_on:
        return "Set the first day of the engagement before starting it."
    if is_pairing(request):
        if not request.pairings.exists():
            return "Pair at least one peer with someone at the force before starting."
    elif not request.team.filter(status=TeamStatus.ACCEPTED).exists():
        return "At least one peer must accept a place on the team before the engagement starts."
    return ""


@transaction.atomic
def start_engagement(*, request, actor):
    """Start the engagement: the terms are agreed and a peer has accepted (or, for introductions
    and mentoring, a pairing exists). Dates missing on the request are taken from the agreed
    terms. Side effects: the request's state and dates, log, emails to the team and the leads."""
    request = SupportRequest.objects.select_for_update(of=("self",)).select_related(
        "organisation", "agreed_terms").get(pk=request.pk)
    reason = why_cannot_start(request)
    if reason:
        raise ValidationError(reason)
    request.starts_on, request.ends_on = default_dates(request)
    REQUESTS.change(request, action="start", actor=actor, note=_dates_note(
        request.starts_on, request.ends_on), extra_fields=["starts_on", "ends_on"])
    people = [*accepted_team(request), *force_leads(request)]
    email_people(people, template="engagement_started", context={"support": request})
    return request


# --- Documents -----------------------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Extension -> the content type it is served with (and the types a browser may declare for it).
DOCUMENT_TYPES = types_for(".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".ppt",
                           ".pptx", ".odp", ".txt", ".md", ".png", ".jpg", ".jpeg", ".gif")
TYPE_NAMES = "PDF, Word, Excel, PowerPoint, text (TXT, CSV) or an image (PNG, JPG, GIF)"


def check_document(upload):
    """Refuse a file that is too big, of a type not shared here, or not what its name says
    (its first bytes: a renamed program is refused). Raises ``ValidationError({"file": ...})``."""
    check_upload(upload, types=DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES, names=TYPE_NAMES)


def share_document(*, request, actor, title, upload):
    """Share a file with the team, the force's leads and staff. Side effects: the row and the
    stored file (under a random folder, never a public URL), log."""
    if request.status not in {RequestStatus.SCOPING, RequestStatus.AGREED, RequestStatus.UNDER_WAY,
                              RequestStatus.FOLLOW_UP}:
        raise ValidationError("Documents are shared while the request is open.")
    check_document(upload)
    title = title.strip() or PurePath(upload.name).stem
    document = SharedDocument.objects.create(request=request, title=title[:200], file=upload,
                                             uploaded_by=actor)
    log_activity(subject=request, actor=actor, verb="share_document", note=document.title)
    return document


def may_remove_document(user, document):
    return bool(user.is_authenticated and (document.uploaded_by_id == user.pk
                                           or can_run_support(user)))


def remove_document(*, document, actor):
    """Remove a shared document: its uploader or staff. Side effects: the row and the stored
    file go, log."""
    if not may_remove_document(actor, document):
        raise PermissionDenied("Only the person who shared a document, or staff, can remove it.")
    request, title = document.request, document.title
    document.file.delete(save=False)
    document.delete()
    log_activity(subject=request, actor=actor, verb="remove_document", note=title)


# --- Feedback ------------------------------------------------------------------------------------


def why_cannot_rate(request):
    """The reason the force cannot rate the support yet, or ""."""
    if request.report_issued_at or request.status == RequestStatus.CLOSED:
        return ""
    if is_pairing(request) and request.pairings.filter(ended_on__isnull=False).exists():
        return ""
    if is_pairing(request):
        return "You can rate the support once a pairing has ended."
    return "You can rate the support once the report is issued."


def rate_support(*, request, actor, rating, what_changed):
    """The force's rating and what it changed. Side effects: the request's fields, log."""
    reason = why_cannot_rate(request)
    if reason:
        raise ValidationError(reason)
    request.rating, request.what_changed = rating, what_changed.strip()
    request.rated_at = timezone.now()
    request.save(update_fields=["rating", "what_changed", "rated_at", "updated_at"])
    log_activity(subject=request, actor=actor, verb="rate", note=request.get_rating_display())
    return request


# --- The anonymised summary ----------------------------------------------------------------------

SUMMARY_STATES = frozenset({RequestStatus.UNDER_WAY, RequestStatus.FOLLOW_UP, RequestStatus.CLOSED})


@transaction.atomic
def write_summary(*, request, actor, text):
    """Organisers write the short anonymised summary. A change to the text clears the force's
    consent (and takes a published summary down) and asks the leads again. Side effects: the
    request's summary fields, log, emails to the leads when the text changed."""
    if request.status not in SUMMARY_STATES:
        raise ValidationError("A summary is written once the engagement is under way.")
    text = text.strip()
    if text == request.public_summary:
        return request
    request.public_summary = text
    request.summary_consented_by = request.summary_consented_at = None
    request.summary_published_at = None
    request.save(update_fields=["public_summary", "summary_consented_by", "summary_consented_at",
                                "summary_published_at", "updated_at"])
    log_activity(subject=request, actor=actor, verb="edit_summary")
    if text:
        email_people(force_leads(request), template="summary_consent_requested",
                     context={"support": request})
    return request


def consent_to_summary(*, request, actor, consent):
    """The force's lead consents to publishing the summary as it stands, or withholds consent
    (which takes a published summary down). Side effects: the consent fields, log."""
    if not request.public_summary:
        raise ValidationError("There is no summary to consent to yet.")
    if consent:
        request.summary_consented_by, request.summary_consented_at = actor, timezone.now()
    else:
        request.summary_consented_by = request.summary_consented_at = None
        request.summary_published_at = None
    request.save(update_fields=["summary_consented_by", "summary_consented_at",
                                "summary_published_at", "updated_at"])
    log_activity(subject=request, actor=actor,
                 verb="consent_summary" if consent else "withhold_summary_consent")
    return request


def publish_summary(*, request, actor):
    """Publish the summary on the learning page, only with the force's consent to this text.
    Side effects: the published time, log."""
    if not request.public_summary:
        raise ValidationError("Write the summary before publishing it.")
    if not request.summary_consented_at:
        raise ValidationError("The force has not consented to publishing this summary.")
    if request.summary_published_at:
        return request
    request.summary_published_at = timezone.now()
    request.save(update_fields=["summary_published_at", "updated_at"])
    log_activity(subject=request, actor=actor, verb="publish_summary")
    return request


def published_summaries():
    """What the public learning page lists, newest first."""
    return (SupportRequest.objects.filter(summary_published_at__isnull=False)
            .exclude(public_summary="").prefetch_related("topics")
            .order_by("-summary_published_at", "-id"))
