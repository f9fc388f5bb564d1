"""Applications: a lead starts a draft for their organisation, saves it as often as they like,
submits it before the deadline once it is complete, or withdraws it."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange.common.domain import StateMachine, log_activity
from exchange.common.permissions import allows
from exchange.people.rules import led_organisation_ids

from ..enums import APPLICATION_TRANSITIONS
from ..models import BudgetLine, GrantApplication, GrantCall
from .calls import is_eligible, is_taking_applications

APPLICATIONS = StateMachine(field="status", transitions=APPLICATION_TRANSITIONS)
CONTENT_FIELDS = ["project_title", "aims", "method", "evaluation_plan", "partners"]
# What submitting asks for, in the order the form shows it, with the words the summary uses.
REQUIRED_PARTS = {
    "project_title": "Enter the project's title",
    "aims": "Enter the project's aims",
    "method": "Enter the method: what the project will do",
    "evaluation_plan": "Enter the evaluation plan: how you will know whether it worked",
}
NOT_A_LEAD = "Only a lead of the applying organisation can do that."


def _require_lead(actor, application, perm="grants.withdraw_application"):
    if not allows(actor, perm, application):
        raise PermissionDenied(NOT_A_LEAD)


@transaction.atomic
def start_application(*, call, organisation, actor, now=None, **content):
    """A draft application from ``organisation`` (which ``actor`` leads) to ``call``.

    Refuses a call that is not taking applications, an organisation that is not a member of
    the call's programme year, and a second live application from the same organisation.
    Side effects: row (and budget lines if given), log."""
    call = GrantCall.objects.select_for_update().get(pk=call.pk)
    if organisation.pk not in led_organisation_ids(actor):
        raise PermissionDenied("Apply only for an organisation you lead.")
    if not is_taking_applications(call, now):
        raise ValidationError("This call is not taking applications now.")
    if not is_eligible(organisation, call):
        raise ValidationError({"organisation": f"{organisation.name} is not a member of the "
                               f"{call.programme_year} programme year, so it cannot apply"})
    if GrantApplication.objects.live().filter(call=call, organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation.name} already has an "
                               "application to this call: carry on with that one"})
    lines = content.pop("budget_lines", None)
    application = GrantApplication(call=call, organisation=organisation, created_by=actor,
                                   **{k: v for k, v in content.items() if k in CONTENT_FIELDS})
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError({"organisation": f"{organisation.name} already has an "
                               "application to this call"}) from None
    if lines is not None:
        _replace_lines(application, lines)
    log_activity(subject=application, actor=actor, verb="start", to_state=application.status)
    return application


@transaction.atomic
def save_draft(*, application, actor, budget_lines, **content):
    """Save what the lead has written so far; nothing is required yet. ``budget_lines`` is
    ``[(item, amount)]``. Side effects: row, budget lines replaced, log."""
    _require_lead(actor, application, "grants.change_application")
    for name in CONTENT_FIELDS:
        if name in content:
            setattr(application, name, content[name])
    application.save()
    _replace_lines(application, budget_lines)
    log_activity(subject=application, actor=actor, verb="save")
    return application


def _replace_lines(application, lines):
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create([
        BudgetLine(application=application, item=item, amount=amount, position=n)
        for n, (item, amount) in enumerate(lines, start=1)])


def missing_for_submission(application):
    """What stops ``application`` being submitted, as ``{part: message}``: each empty part,
    no budget, a total outside the call's range."""
    problems = {name: text for name, text in REQUIRED_PARTS.items()
                if not getattr(application, name).strip()}
    lines = list(application.budget_lines.all())
    call = application.call
    if not lines:
        problems["budget"] = "Add at least one budget line"
    else:
        total = sum(line.amount for line in lines)
        if not call.amount_min <= total <= call.amount_max:
            problems["budget"] = (f"Make the budget total £{call.amount_min:,} to "
                                  f"£{call.amount_max:,}: it is £{total:,}")
    return problems


@transaction.atomic
def submit_application(*, application, actor, now=None):
    """Send a complete draft to the organisers before the deadline. Side effects: state,
    ``submitted_at``, log."""
    now = now or timezone.now()
    _require_lead(actor, application, "grants.change_application")
    application = GrantApplication.objects.select_for_update().select_related("call").get(
        pk=application.pk)
    if now >= application.call.deadline or not is_taking_applications(application.call, now):
        raise ValidationError("The deadline for this call has passed, so the application "
                              "cannot be submitted.")
    problems = missing_for_submission(application)
    if problems:
        raise ValidationError(problems)
    application.submitted_at = now
    return APPLICATIONS.change(application, action="submit", actor=actor,
                               extra_fields=["submitted_at"])


@transaction.atomic
def withdraw_application(*, application, actor, note=""):
    """The lead takes the application back (a draft or a submitted one, before a decision);
    the organisation may then start again while the call is open. Side effects: state, log."""
    _require_lead(actor, application)
    return APPLICATIONS.change(application, action="withdraw", actor=actor, note=note)


# A comma inside brackets belongs to the partner ("Calm Minds (with Avon and Bristol, NHS)").
_SEPARATORS = re.compile(r"[;\n]|,(?![^()]*\))")


def partner_names(partners):
    """The partners a lead wrote as free text, one name each: split at new lines, semicolons
    and commas outside brackets, with a leading "and" dropped."""
    names = []
    for part in _SEPARATORS.split(partners or ""):
        name = re.sub(r"^(and|&)\s+", "", part.strip(" \t-•*"), flags=re.IGNORECASE).strip()
        if name:
            names.append(name)
    return names
