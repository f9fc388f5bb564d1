"""Terms of reference: versions proposed in scoping, accepted by the force and by staff.

Each change is a new numbered version; only the latest can be accepted; when the force's lead and
staff have both accepted the same version the request moves to ``agreed`` with that version kept
as the agreed terms, and that is the version shown from then on.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.people.rules import led_organisation_ids

from ..enums import RequestStatus
from ..models import SupportRequest, TermsVersion
from ..rules import can_run_support
from .requests import email_each, lead_emails, organiser_emails
from .states import REQUESTS

# The fields a version holds, in the order a person reads them.
TERMS_FIELDS = ("scope", "questions", "deliverables", "starts_on", "ends_on", "team_size")


def _side(request, actor):
    """Which side ``actor`` accepts for: "staff", "force", or a refusal."""
    if can_run_support(actor):
        return "staff"
    if request.organisation_id in led_organisation_ids(actor):
        return "force"
    raise PermissionDenied("Only the force's lead and the programme team agree the terms.")


def _other_side_emails(request, side):
    return lead_emails(request.organisation_id) if side == "staff" else organiser_emails()


def propose_terms(*, request, actor, scope, questions, deliverables, starts_on=None,
                  ends_on=None, team_size=None, note=""):
    """Add the next version of the terms of reference.

    The first version, written by staff, moves a submitted request to scoping. Side effects: a
    new ``TermsVersion``; for a submitted request the ``start_scoping`` change; an
    activity-log row; an email asking the other side to review it. Returns the version.
    """
    side = _side(request, actor)
    errors = {name: f"Enter the {label}" for name, label, value in (
        ("scope", "scope", scope), ("questions", "questions the support will answer", questions),
        ("deliverables", "deliverables", deliverables)) if not (value or "").strip()}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The last day must be the same as or after the first day"
    if team_size is not None and not 1 <= team_size <= 20:
        errors["team_size"] = "Enter the number of peers, from 1 to 20"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == RequestStatus.SUBMITTED and side == "staff":
            REQUESTS.change(request, action="start_scoping", actor=actor,
                            note="The first terms of reference were proposed.")
        if request.status != RequestStatus.SCOPING:
            raise ValidationError(not_scoping_message(request))
        number = (request.terms.aggregate(latest=Max("number"))["latest"] or 0) + 1
        version = TermsVersion.objects.create(
            request=request, number=number, scope=scope.strip(), questions=questions.strip(),
            deliverables=deliverables.strip(), starts_on=starts_on, ends_on=ends_on,
            team_size=team_size, note=note.strip(), written_by=actor)
        log_activity(subject=request, actor=actor, verb="propose_terms",
                     note=f"Version {number}" + (f": {version.note}" if version.note else ""))
        email_each(_other_side_emails(request, side), "support_terms_proposed",
                   {"request": request, "version": version, "actor": actor})
    return version


def not_scoping_message(request):
    if request.status == RequestStatus.SUBMITTED:
        return "The terms of reference are written once the programme team starts scoping."
    return (f"The request is {request.get_status_display().lower()}: terms of reference are "
            "proposed and accepted only while they are being agreed.")


def accept_terms(*, request, number, actor):
    """Accept version ``number`` for the actor's side (the force's lead, or staff).

    Only the latest version can be accepted. When both sides have accepted it, the request's
    ``agreed_terms`` is set and it moves to ``agreed``. Side effects: the acceptance; an
    activity-log row; an email to the other side (or, on agreement, to both). Returns the
    version.
    """
    side = _side(request, actor)
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        version = TermsVersion.objects.select_for_update().get(request=request, number=number)
        if request.status != RequestStatus.SCOPING:
            raise ValidationError(not_scoping_message(request))
        latest = request.terms.aggregate(latest=Max("number"))["latest"]
        if number != latest:
            raise ValidationError(
                f"Version {number} has been replaced: only the latest version, version "
                f"{latest}, can be accepted. Read what changed and accept version {latest}.")
        if getattr(version, f"accepted_by_{side}_at"):
            raise ValidationError(f"You have already accepted version {number} for "
                                  f"{'the programme team' if side == 'staff' else 'the force'}.")
        setattr(version, f"accepted_by_{side}", actor)
        setattr(version, f"accepted_by_{side}_at", timezone.now())
        version.save(update_fields=[f"accepted_by_{side}", f"accepted_by_{side}_at"])
        log_activity(subject=request, actor=actor, verb="accept_terms", note=f"Version {number}")
        context = {"request": request, "version": version, "actor": actor}
        if version.accepted_by_both:
            request.agreed_terms = version
            REQUESTS.change(request, action="agree_terms", actor=actor,
                            note=f"Version {number}", extra_fields=["agreed_terms"])
            email_each(lead_emails(request.organisation_id) + organiser_emails(),
                       "support_terms_agreed", context)
        else:
            email_each(_other_side_emails(request, side), "support_terms_accepted", context)
    return version


# --- What changed between versions --------------------------------------------------------

@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: object
    after: object


def changes(previous, version):
    """The fields of ``version`` that differ from ``previous`` (an earlier version)."""
    if previous is None:
        return []
    return [Change(name, TermsVersion._meta.get_field(name).verbose_name.capitalize(),
                   getattr(previous, name), getattr(version, name))
            for name in TERMS_FIELDS if getattr(previous, name) != getattr(version, name)]


def versions_with_changes(request):
    """Every version of the request's terms, newest first, each with ``changes`` (against the
    version before it) and ``is_latest``; the agreed version first once there is one."""
    versions = list(TermsVersion.objects.filter(request=request).select_related(
        "written_by", "accepted_by_force", "accepted_by_staff").order_by("number"))
    previous = None
    for version in versions:
        version.changes = changes(previous, version)
        version.is_latest = version is versions[-1]
        version.is_agreed = version.pk == request.agreed_terms_id
        previous = version
    versions.reverse()
    versions.sort(key=lambda v: not v.is_agreed)  # stable: the agreed one first, then newest
    return versions
