"""Calls: organisers write them with their criteria, open them, and close them for assessment.
Who may apply: leads of the call's programme year's member organisations, while it is open."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from exchange.common.domain import StateMachine, log_activity
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..enums import CALL_TRANSITIONS, ApplicationStatus, CallStatus
from ..models import Criterion, GrantCall
from ..rules import can_run_grants

CALLS = StateMachine(field="status", transitions=CALL_TRANSITIONS)
CALL_FIELDS = ["title", "aims", "eligibility", "programme_year", "amount_min", "amount_max",
               "opens_at", "deadline"]


def require_organiser(user):
    if not can_run_grants(user):
        raise PermissionDenied("Only the programme's organisers run small grants.")


@transaction.atomic
def create_call(*, actor, criteria, **fields):
    """A new call as a draft, with its ``criteria`` (``[{"name", "description", "weight"}]``).
    Side effects: rows, log."""
    require_organiser(actor)
    call = GrantCall(created_by=actor, **fields)
    call.slug = _free_slug(call.title)
    call.full_clean()
    call.save()
    _replace_criteria(call, criteria)
    log_activity(subject=call, actor=actor, verb="create", to_state=call.status)
    return call


def _free_slug(title):
    base = slugify(title)[:190] or "call"
    # The site's own paths under /grants/ are never a call's slug.
    taken = {"applications", "manage", "assess"} | set(
        GrantCall.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def edit_call(*, call, actor, criteria, **fields):
    """Change a call's text, dates, range and criteria. Criteria are fixed once assessment
    starts (scores hang on them). Side effects: rows, log."""
    require_organiser(actor)
    if call.status in {CallStatus.ASSESSING, CallStatus.DECIDED} and \
            _criteria_changed(call, criteria):
        raise ValidationError({"criteria": "The criteria cannot change once assessment starts"})
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean()
    call.save()
    if call.status not in {CallStatus.ASSESSING, CallStatus.DECIDED}:
        _replace_criteria(call, criteria)
    log_activity(subject=call, actor=actor, verb="edit")
    return call


def _criteria_changed(call, criteria):
    current = [(c.name, c.description, c.weight) for c in call.criteria.all()]
    return current != [(c["name"], c.get("description", ""), c["weight"]) for c in criteria]


def _replace_criteria(call, criteria):
    if not criteria:
        raise ValidationError({"criteria": "Enter at least one criterion the panel scores"})
    call.criteria.all().delete()
    Criterion.objects.bulk_create([
        Criterion(call=call, name=c["name"], description=c.get("description", ""),
                  weight=c["weight"], position=n) for n, c in enumerate(criteria, start=1)])


def why_cannot(call, action):
    """Why ``action`` cannot be done to ``call`` now, or ""."""
    if action not in CALLS.allowed_actions(call):
        return f"The call is {call.get_status_display().lower()}, so this cannot be done now."
    if action == "finish" and call.applications.filter(
            status=ApplicationStatus.SUBMITTED).exists():
        return "Record a decision on every submitted application first."
    return ""


@transaction.atomic
def change_call_state(*, call, action, actor, note=""):
    """Open a call, close it for assessment, or mark it decided. Closing withdraws nothing:
    drafts simply can no longer be submitted. Side effects: state, log."""
    require_organiser(actor)
    call = GrantCall.objects.select_for_update().get(pk=call.pk)
    problem = why_cannot(call, action)
    if problem:
        raise ValidationError(problem)
    return CALLS.change(call, action=action, actor=actor, note=note)


def is_taking_applications(call, now=None):
    now = now or timezone.now()
    return call.status == CallStatus.OPEN and call.opens_at <= now < call.deadline


def eligible_organisations(user, call):
    """The organisations ``user`` leads that are members of the call's programme year."""
    led = led_organisation_ids(user)
    if not led:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=led, visit_memberships__programme_year_id=call.programme_year_id).order_by("name")


def is_eligible(organisation, call):
    return organisation is not None and call.programme_year.memberships.filter(
        organisation=organisation).exists()
