"""Asking for peer support, moving a request on, and what each person sees next on it.

Everything about a request is confidential to the requesting force's leads, the accepted team and
staff, so every email about a request goes through :func:`lead_emails`, :func:`organiser_emails`
or :func:`team_emails` and nobody else.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.mail.domain import Email, queue_emails
from exchange.people.recipients import leads_of, organisers
from exchange.people.rules import led_organisation_ids

from ..enums import PAIRING_TYPES, Delivery, RequestStatus, SupportType, TeamStatus
from ..models import SelfAssessment, SupportRequest, TeamMember, TermsVersion
from ..rules import can_run_support
from .states import REQUESTS

# The actions this area's state page takes; ``start``, ``issue_report`` and ``close`` belong to
# the engagement's own pages.
STATE_ACTIONS = {
    "start_scoping": "Start scoping",
    "decline": "Decline the request",
    "withdraw": "Withdraw the request",
}
STATE_DONE = {
    "start_scoping": "Scoping has started: propose version 1 of the terms of reference next.",
    "decline": "The request is declined. We have emailed the force's lead with your reason.",
    "withdraw": "The request is withdrawn.",
}


# --- Who hears about a request --------------------------------------------------------------

def lead_emails(organisation_id):
    """The email addresses of the force's active organisation leads."""
    return list(leads_of([organisation_id]).values_list("email", flat=True))


def organiser_emails():
    """The programme team: everyone holding the organiser role."""
    return list(organisers().values_list("email", flat=True))


def team_emails(request):
    """The peers who accepted a place on the request's team."""
    return sorted(TeamMember.objects.filter(request=request, status=TeamStatus.ACCEPTED,
                                            peer__user__is_active=True)
                  .values_list("peer__user__email", flat=True))


def email_each(addresses, template, context):
    """Queue ``template`` once for each address (each person gets their own email)."""
    return queue_emails(Email(to=address, template=template, context=context)
                        for address in sorted(set(addresses)))


# --- Asking for support ---------------------------------------------------------------------

def ask_for_support(*, lead, organisation, support_type, issue, success, topics=(),
                    delivery=Delivery.EITHER, preferred_from=None, preferred_to=None,
                    dates_note=""):
    """A force's lead asks for support for their force.

    Side effects: a submitted ``SupportRequest`` with its topics; an activity-log row; an email
    to each organiser saying a request is waiting for them. Returns the request.
    """
    if organisation is None or organisation.pk not in led_organisation_ids(lead):
        raise PermissionDenied("Only an organisation lead can ask for support for their force.")
    errors = {}
    if not issue.strip():
        errors["issue"] = "Enter the issue"
    if not success.strip():
        errors["success"] = "Enter what success would look like"
    if preferred_from and preferred_to and preferred_to < preferred_from:
        errors["preferred_to"] = "The latest date must be the same as or after the earliest date"
    if errors:
        raise ValidationError(errors)
    if support_type != SupportType.PEER_REVIEW:
        delivery = Delivery.EITHER  # only a review's team travels or meets online
    with transaction.atomic():
        request = SupportRequest.objects.create(
            organisation=organisation, requested_by=lead, support_type=support_type,
            delivery=delivery, issue=issue.strip(), success=success.strip(),
            preferred_from=preferred_from, preferred_to=preferred_to,
            dates_note=dates_note.strip())
        request.topics.set(topics)
        log_activity(subject=request, actor=lead, verb="request",
                     to_state=RequestStatus.SUBMITTED)
        email_each(organiser_emails(), "support_request_received", {"request": request})
    return request


def change_state(*, request, action, actor, note=""):
    """Start scoping, decline (with a reason) or withdraw a request.

    Side effects: the state change and its activity-log row (through ``REQUESTS``); for a
    decline, the reason kept on the request and an email to the force's leads; for a withdrawal,
    an email to the organisers (and to the leads when staff withdrew it).
    """
    if action not in STATE_ACTIONS:
        raise PermissionDenied(f"{action!r} is not done from this page.")
    note = note.strip()
    if action == "decline" and not note:
        raise ValidationError({"note": "Enter why the request is declined: the force's lead "
                                       "will read it"})
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        extra = []
        if action == "decline":
            request.decision_reason = note
            extra = ["decision_reason"]
        REQUESTS.change(request, action=action, actor=actor, note=note, extra_fields=extra)
        context = {"request": request, "actor": actor, "note": note}
        if action == "decline":
            email_each(lead_emails(request.organisation_id), "support_request_declined", context)
        elif action == "withdraw":
            to = organiser_emails()
            if can_run_support(actor):
                to += lead_emails(request.organisation_id)
            email_each([a for a in to if a != actor.email], "support_request_withdrawn", context)
    return request


# --- Lists ----------------------------------------------------------------------------------

def with_latest_terms(requests):
    """``requests`` annotated with their latest terms version's number and acceptances, so a
    list can say who each is waiting on without a query per row."""
    latest = TermsVersion.objects.filter(request=OuterRef("pk")).order_by("-number")
    return requests.annotate(
        latest_terms=Subquery(latest.values("number")[:1]),
        latest_force_accepted=Subquery(latest.values("accepted_by_force_at")[:1]),
        latest_staff_accepted=Subquery(latest.values("accepted_by_staff_at")[:1]))


def waiting_on_staff(requests):
    """Those of ``requests`` (from :func:`with_latest_terms`) whose next step is the programme
    team's: submitted, in scoping without the team's acceptance of the latest terms, or agreed
    and not yet started."""
    return requests.filter(
        Q(status__in=[RequestStatus.SUBMITTED, RequestStatus.AGREED])
        | Q(status=RequestStatus.SCOPING, latest_staff_accepted__isnull=True))


# --- Where a request stands, for the person looking -----------------------------------------

@dataclass(frozen=True)
class Step:
    text: str
    url: str = ""


def _latest_terms(request):
    return TermsVersion.objects.filter(request=request).order_by("-number").first()


def next_step(request, user):
    """What the person looking at ``request`` should do next, as a :class:`Step` (with a link
    when the step is done on a page), or None when nothing waits on them."""
    staff = can_run_support(user)
    lead = request.organisation_id in led_organisation_ids(user)
    if not (staff or lead):
        return _team_step(request)
    status = request.status
    terms_url = reverse("support:terms", args=[request.pk])
    if status == RequestStatus.SUBMITTED:
        if staff:
            return Step("Start scoping: propose version 1 of the terms of reference", terms_url)
        return Step("Wait for the programme team to start scoping the request")
    if status == RequestStatus.SCOPING:
        return _terms_step(request, staff, terms_url)
    if status == RequestStatus.AGREED:
        return _agreed_step(request, staff)
    return _later_step(request, staff)


def _terms_step(request, staff, terms_url):
    latest = _latest_terms(request)
    if latest is None:
        if staff:
            return Step("Propose version 1 of the terms of reference", terms_url)
        return Step("Wait for the programme team to propose the terms of reference")
    accepted = latest.accepted_by_staff_at if staff else latest.accepted_by_force_at
    if not accepted:
        return Step(f"Accept version {latest.number} of the terms of reference", terms_url)
    other = "the force's lead" if staff else "the programme team"
    return Step(f"Wait for {other} to accept version {latest.number} of the terms of reference",
                terms_url)


def _agreed_step(request, staff):
    if staff:
        if request.support_type in PAIRING_TYPES:
            return Step("Pair the force with peers", reverse("support:pairings", args=[request.pk]))
        return Step("Assemble the team", reverse("support:team", args=[request.pk]))
    if not SelfAssessment.objects.filter(request=request, submitted_at__isnull=False).exists():
        return Step("Fill in the self-assessment",
                    reverse("support:self-assessment", args=[request.pk]))
    return Step("Wait for the programme team to arrange the support")


def _later_step(request, staff):
    status = request.status
    if status == RequestStatus.UNDER_WAY and request.support_type not in PAIRING_TYPES:
        if staff:
            return Step("Write the report with the team", reverse("support:report",
                                                                  args=[request.pk]))
        return Step("Share documents with the team", reverse("support:documents",
                                                             args=[request.pk]))
    if status == RequestStatus.FOLLOW_UP and not staff:
        return Step("Keep the action plan up to date", reverse("support:action-plan",
                                                               args=[request.pk]))
    if status == RequestStatus.CLOSED and not staff and request.rated_at is None:
        return Step("Tell us how the support went", reverse("support:feedback", args=[request.pk]))
    return None


def _team_step(request):
    if request.status == RequestStatus.UNDER_WAY and request.support_type not in PAIRING_TYPES:
        return Step("Write the report with the team", reverse("support:report", args=[request.pk]))
    return None


# --- The request's sections -----------------------------------------------------------------

# How far a request has got: a section opens at a stage and stays open after it.
STAGE = {RequestStatus.SUBMITTED: 0, RequestStatus.SCOPING: 1, RequestStatus.AGREED: 2,
         RequestStatus.UNDER_WAY: 3, RequestStatus.FOLLOW_UP: 4, RequestStatus.CLOSED: 5,
         RequestStatus.DECLINED: -1, RequestStatus.WITHDRAWN: -1}


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    permission: str
    opens_at: int  # the STAGE from which it makes sense
    review_only: bool = False  # peer reviews, workshops and events, not pairings
    pairing_only: bool = False


SECTIONS = (
    Section("Overview", "support:request", "support.view_request", -1),
    Section("Terms of reference", "support:terms", "support.view_request", 1),
    Section("Self-assessment", "support:self-assessment", "support.view_request", 0),
    Section("Team", "support:team", "support.run_support", 1, review_only=True),
    Section("Pairings", "support:pairings", "support.view_request", 2, pairing_only=True),
    Section("Engagement", "support:engagement", "support.view_request", 2),
    Section("Documents", "support:documents", "support.share_documents", 2),
    Section("Report", "support:report", "support.view_request", 3, review_only=True),
    Section("Action plan", "support:action-plan", "support.view_request", 4, review_only=True),
    # Pairings end here too (closing a request for introductions or mentoring).
    Section("Progress review", "support:progress-review", "support.view_request", 4),
    # What the force says of the support is between the force and staff, not the team.
    Section("Feedback", "support:feedback", "support.speak_for_force", 4),
    Section("Summary", "support:summary", "support.speak_for_force", 4),
)


def sections(request, user):
    """The request's sections ``user`` may open at its stage: ``[(label, url_name, url)]``.
    Staff see the terms of a submitted request too, since proposing them starts scoping."""
    stage = STAGE[request.status]
    pairing = request.support_type in PAIRING_TYPES
    shown = []
    for section in SECTIONS:
        opens_at = section.opens_at
        if section.url_name == "support:terms" and can_run_support(user):
            opens_at = 0
        if stage < opens_at and not (stage == -1 and section.url_name in _KEPT_WHEN_ENDED):
            continue
        if (section.review_only and pairing) or (section.pairing_only and not pairing):
            continue
        permission_object = None if section.permission == "support.run_support" else request
        if not allows(user, section.permission, permission_object):
            continue
        shown.append((section.label, section.url_name,
                      reverse(section.url_name, args=[request.pk])))
    return shown


# A declined or withdrawn request still shows what was written for it.
_KEPT_WHEN_ENDED = {"support:request", "support:terms", "support:self-assessment"}


def may_see_activity(request, user):
    """The activity log is for staff and the force's leads, not the team."""
    return can_run_support(user) or request.organisation_id in led_organisation_ids(user)
