"""Applying for places: who may apply, whom they may name, changing and withdrawing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.forms import ordinal
from exchange.mail.domain import queue_email
from exchange.people.enums import MembershipRole, MembershipStatus, OrganisationType
from exchange.people.models import Membership, Organisation, User

from ..enums import ApplicationStatus, Place, VisitStatus
from ..models import Application, Visit, Visitor
from ..rules import can_run_visits
from .programme import is_programme_member


def lead_organisation(user):
    """The organisation ``user`` leads, or None."""
    if not user.is_authenticated:
        return None
    membership = (Membership.objects.filter(user=user, role=MembershipRole.LEAD,
                                            status=MembershipStatus.ACTIVE)
                  .select_related("organisation").order_by("id").first())
    return membership.organisation if membership else None


def organisation_leads(organisation):
    """The people who apply for ``organisation``: its active organisation leads."""
    if organisation is None:
        return []
    return [m.user for m in Membership.objects.filter(
        organisation=organisation, role=MembershipRole.LEAD, status=MembershipStatus.ACTIVE
    ).select_related("user").order_by("user__full_name")]


def window_is_open(visit, now=None):
    now = now or timezone.now()
    return (visit.status == VisitStatus.OPEN
            and visit.applications_open <= now < visit.applications_close)


def allocation_cuts_applications_short(visit, now=None):
    """Whether allocating now would end applications before the close the forces were told."""
    now = now or timezone.now()
    return visit.status == VisitStatus.OPEN and now < visit.applications_close


def members_yet_to_apply(visit):
    """The programme's member forces with no application for ``visit``: who misses out if
    places are allocated before applications close."""
    applied = Application.objects.active().filter(visit=visit).values("organisation_id")
    return list(Organisation.objects.filter(
        visit_memberships__programme_year=visit.programme_year)
        .exclude(pk__in=applied).order_by("name"))


def why_cannot_apply(user, visit):
    """A sentence saying why ``user`` may not apply for ``visit`` now, or "" if they may."""
    if not window_is_open(visit):
        return "Applications for this visit are not open."
    organisation = lead_organisation(user)
    if organisation is None:
        return "Only an organisation lead can apply for their force."
    if not is_programme_member(organisation, visit.programme_year):
        return (f"{organisation.name} is not a member of the {visit.programme_year.name} "
                "programme, so it cannot apply. Ask the programme team about joining.")
    return ""


def resolve_visitors(*, organisation, visit, rows):
    """The people named in ``rows`` (dicts of email, role, questions), or ValidationError.

    A visitor is an active member of the force, or of an academic organisation (a partner
    university). Errors are keyed ``visitors.<n>.<field>`` so a form can show each by its row.
    """
    errors, people, seen = {}, [], set()
    emails = [(row.get("email") or "").strip().lower() for row in rows]
    users = {u.email.lower(): u for u in User.objects.filter(email__in=[e for e in emails if e])}
    eligible = set(Membership.objects.active().filter(user__in=users.values()).filter(
        Q(organisation=organisation) | Q(organisation__type=OrganisationType.ACADEMIC)
    ).values_list("user_id", flat=True))
    elsewhere = set(Visitor.objects.current().filter(visit=visit, user__in=users.values())
                    .exclude(application__organisation=organisation)
                    .values_list("user_id", flat=True))
    for index, (row, email) in enumerate(zip(rows, emails, strict=True)):
        key = f"visitors.{index}"
        # Named by their place in the list: "the visitor's role" twice does not say whose.
        whose = f"the {ordinal(index + 1)} visitor"
        user = users.get(email)
        if not email:
            errors[f"{key}.email"] = [f"Enter the email address of {whose}"]
        elif email in seen:
            errors[f"{key}.email"] = [f"{email} is named twice"]
        elif user is None or user.pk not in eligible:
            errors[f"{key}.email"] = [f"{email} is not a member of {organisation.name} or of a "
                                      "partner university on the Exchange"]
        elif user.pk in elsewhere:
            errors[f"{key}.email"] = [f"{email} is already named by another force for this visit"]
        if not (row.get("role") or "").strip():
            errors[f"{key}.role"] = [f"Enter the role of {whose}"]
        seen.add(email)
        people.append((user, (row.get("role") or "").strip(), (row.get("questions") or "").strip()))
    if errors:
        raise ValidationError(errors)
    return people


@transaction.atomic
def apply(*, visit, lead, visitors):
    """Apply for ``lead``'s force, or change its application, naming ``visitors``.

    Refused outside the window, for anyone but a member force's lead, and with fewer visitors
    than the visit's minimum group. Side effects: the application and its visitor rows (replaced
    on a change), log, an email to the lead.
    """
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    reason = why_cannot_apply(lead, visit)
    if reason:
        raise PermissionDenied(reason)
    organisation = lead_organisation(lead)
    if len(visitors) < visit.min_per_force:
        raise ValidationError({"visitors": [
            f"Name at least {visit.min_per_force} colleagues: each force sends a group of at least "
            f"{visit.min_per_force}. You named {len(visitors)}."]})
    people = resolve_visitors(organisation=organisation, visit=visit, rows=visitors)
    application = Application.objects.active().filter(visit=visit, organisation=organisation).first()
    verb = "change_application" if application else "apply"
    if application is None:
        application = Application.objects.create(visit=visit, organisation=organisation,
                                                 applied_by=lead)
    application.visitors.all().delete()
    Visitor.objects.bulk_create([
        Visitor(application=application, visit=visit, user=user, role=role, questions=questions,
                position=position)
        for position, (user, role, questions) in enumerate(people)])
    application.save(update_fields=["updated_at"])
    log_activity(subject=visit, actor=lead, verb=verb,
                 note=f"{organisation.name}: {len(people)} visitors")
    _email_lead(application, "visit_application_received")
    return application


@transaction.atomic
def withdraw_application(*, application, actor):
    """The lead withdraws the whole application while the window is open. Side effects: state
    of the application and its visitors, log."""
    visit = Visit.objects.select_for_update().get(pk=application.visit_id)
    if lead_organisation(actor) != application.organisation and not can_run_visits(actor):
        raise PermissionDenied("Only the force's organisation lead can withdraw its application.")
    if not window_is_open(visit):
        raise ValidationError("The application window has closed; withdraw visitors one by one "
                              "instead.")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    application.visitors.update(place=Place.WITHDRAWN, withdrawn_at=timezone.now())
    log_activity(subject=visit, actor=actor, verb="withdraw_application",
                 note=application.organisation.name)
    return application


def _email_lead(application, template):
    if application.applied_by and application.applied_by.email:
        queue_email(to=application.applied_by.email, template=template,
                    context={"application": application, "visit": application.visit,
                             "lead": application.applied_by})
