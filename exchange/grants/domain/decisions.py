"""Decisions: an organiser funds an application (with the amount awarded) or does not, with
feedback; the applicant's leads are emailed. When the last submitted application of a call is
decided, the call is decided."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.people.recipients import email_people, leads_of

from ..enums import ApplicationStatus, CallStatus
from ..models import GrantApplication
from .applications import APPLICATIONS
from .calls import CALLS, require_organiser


@transaction.atomic
def record_decision(*, application, actor, funded, feedback, amount_awarded=None):
    """Fund or decline ``application`` (the call must be being assessed). A funded one needs
    an amount within the call's range. Side effects: state, decision fields, log, an email to
    each of the applicant's leads, and the call decided once nothing submitted is left."""
    require_organiser(actor)
    application = GrantApplication.objects.select_for_update().select_related(
        "call", "organisation").get(pk=application.pk)
    call = application.call
    if call.status != CallStatus.ASSESSING:
        raise ValidationError("Decisions are recorded while the call is being assessed: close "
                              "it for assessment first.")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("This application has been decided already.")
    problems = {}
    if not (feedback or "").strip():
        problems["feedback"] = "Enter feedback for the applicant: their leads are emailed it"
    if funded and (amount_awarded is None or
                   not call.amount_min <= amount_awarded <= call.amount_max):
        problems["amount_awarded"] = (f"Enter the amount awarded, £{call.amount_min:,} to "
                                      f"£{call.amount_max:,}")
    if problems:
        raise ValidationError(problems)
    application.decided_by, application.decided_at = actor, timezone.now()
    application.feedback = feedback.strip()
    application.amount_awarded = amount_awarded if funded else None
    APPLICATIONS.change(application, action="fund" if funded else "not_fund", actor=actor,
                        extra_fields=["decided_by", "decided_at", "feedback", "amount_awarded"])
    email_people(leads_of([application.organisation_id]), template="grant_decision",
                 context={"application": application, "call": call})
    if not call.applications.filter(status=ApplicationStatus.SUBMITTED).exists():
        CALLS.change(call, action="finish", actor=actor, note="Every application decided.")
    return application
