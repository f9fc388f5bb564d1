"""Programme years, the consortium's members, visits and their states, offers to host."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import StateMachine, log_activity
from exchange.mail.domain import queue_email
from exchange.people.models import Organisation

from ..enums import VISIT_TRANSITIONS, VisitStatus
from ..models import HostOffer, ProgrammeMembership, ProgrammeYear, Visit
from ..rules import can_run_visits
from .follow_up import create_check_ins, reschedule_check_ins

STATES = StateMachine(field="status", transitions=VISIT_TRANSITIONS)
VISIT_FIELDS = ["theme", "title", "host_organisation", "host_contact_name", "host_contact_email",
                "description", "venue", "date", "capacity", "min_per_force",
                "applications_open", "applications_close", "key_questions", "programme_year"]


def require_organiser(user):
    if not can_run_visits(user):
        raise PermissionDenied("Only the programme's organisers can do that.")


@transaction.atomic
def create_programme_year(*, actor, name, starts_on, ends_on):
    """A new membership year. Side effects: row, log."""
    require_organiser(actor)
    year = ProgrammeYear(name=name, starts_on=starts_on, ends_on=ends_on)
    year.full_clean()
    year.save()
    log_activity(subject=year, actor=actor, verb="create")
    return year


@transaction.atomic
def add_member(*, actor, programme_year, organisation):
    """Make ``organisation`` a member of the year (idempotent). Side effects: row, log."""
    require_organiser(actor)
    membership, created = ProgrammeMembership.objects.get_or_create(
        programme_year=programme_year, organisation=organisation, defaults={"added_by": actor})
    if created:
        log_activity(subject=programme_year, actor=actor, verb="add_member", note=organisation.name)
    return membership


@transaction.atomic
def remove_member(*, actor, programme_year, organisation):
    """Side effects: the membership row goes, log."""
    require_organiser(actor)
    deleted, _ = ProgrammeMembership.objects.filter(
        programme_year=programme_year, organisation=organisation).delete()
    if deleted:
        log_activity(subject=programme_year, actor=actor, verb="remove_member",
                     note=organisation.name)


def is_programme_member(organisation, programme_year):
    return organisation is not None and ProgrammeMembership.objects.filter(
        programme_year=programme_year, organisation=organisation).exists()


def resolve_host(name_or_organisation):
    if isinstance(name_or_organisation, Organisation):
        return name_or_organisation
    host = Organisation.objects.matching_name(name_or_organisation or "")
    if host is None:
        raise ValidationError({"host_organisation": f"No organisation is called "
                                                    f"{name_or_organisation!r}"})
    return host


@transaction.atomic
def create_visit(*, actor, data):
    """A planned visit. ``data`` holds VISIT_FIELDS; ``host_organisation`` may be a name and a
    missing ``programme_year`` means the current one. Side effects: row, log."""
    require_organiser(actor)
    data = dict(data)
    data["host_organisation"] = resolve_host(data.get("host_organisation"))
    if not data.get("programme_year"):
        data["programme_year"] = ProgrammeYear.objects.current()
        if data["programme_year"] is None:
            raise ValidationError({"programme_year": "There is no current programme year: "
                                                     "add one first"})
    visit = Visit(created_by=actor, status=VisitStatus.PLANNED)
    _set_fields(visit, data)
    visit.save()
    log_activity(subject=visit, actor=actor, verb="create", to_state=visit.status)
    return visit


@transaction.atomic
def update_visit(*, actor, visit, data):
    """Change a visit's details. A new date moves the check-ins that have not been reminded.
    Side effects: row, check-in due times, log."""
    require_organiser(actor)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    old_date = visit.date
    if "host_organisation" in data:
        data = {**data, "host_organisation": resolve_host(data["host_organisation"])}
    _set_fields(visit, data)
    if visit.is_past and visit.date is not None and visit.date > timezone.localdate():
        raise ValidationError({"date": "The visit has taken place: enter a date on or before "
                                       "today"})
    visit.save()
    if visit.date != old_date and visit.date is not None:
        reschedule_check_ins(visit)
    log_activity(subject=visit, actor=actor, verb="edit",
                 note=f"Date moved from {old_date} to {visit.date}" if visit.date != old_date else "")
    return visit


def _set_fields(visit, data):
    for name in VISIT_FIELDS:
        if name in data:
            setattr(visit, name, data[name])
    visit.full_clean(exclude=["status", "created_by"])


@transaction.atomic
def change_state(*, visit, action, actor, note=""):
    """A state change staff make by hand (open, prepare, visited, follow-up, close, cancel).

    Side effects: state, log; ``mark_visited`` creates the check-ins.
    """
    require_organiser(actor)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if action == "cancel" and not note.strip():
        raise ValidationError({"note": "Say why the visit is cancelled"})
    if action == "mark_visited":
        _require_visit_day_reached(visit)
        STATES.change(visit, action=action, actor=actor, note=note)
        create_check_ins(visit)
        return visit
    if action in {"allocate", "send_host_report"}:
        raise ValidationError(f"Use the {action.replace('_', ' ')} page for that.")
    return STATES.change(visit, action=action, actor=actor, note=note)


def _require_visit_day_reached(visit):
    # Check-ins are due weekly from the visit date and the host report counts days after it:
    # a visit marked visited before its day would have both counting from a day to come.
    if visit.date is None:
        raise ValidationError({"date": "Set the date the visit took place first"})
    today = timezone.localdate()
    if visit.date > today:
        raise ValidationError({"date": (
            f"The visit is on {visit.date:%-d %B %Y}: mark it as visited on or after that day. "
            "If it took place earlier, change its date first.")})


@transaction.atomic
def record_host_offer(*, data, user=None):
    """Anyone's offer to host a visit. Side effects: row, an email to the person who offered."""
    offer = HostOffer(**data, created_by=user if user is not None and user.is_authenticated else None)
    offer.full_clean()
    offer.save()
    queue_email(to=offer.contact_email, template="visit_host_offer_received",
                context={"offer": offer})
    return offer
