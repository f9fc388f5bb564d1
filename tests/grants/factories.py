"""Small grants' test objects: real rows, made the shortest way. Tests about a state change
drive the domain functions instead."""

import datetime

from django.utils import timezone

from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import BudgetLine, Criterion, GrantApplication, GrantCall
from exchange.visits.models import ProgrammeMembership, ProgrammeYear

COMPLETE = {
    "project_title": "Street triage on the late shift",
    "aims": "Fewer section 136 detentions at weekends.",
    "method": "A nurse rides with the response team.",
    "evaluation_plan": "Compare with last year and a matched district.",
    "partners": "Calm Minds (with Avon NHS Trust)",
}


def programme_year(*members, name="2026 to 2027"):
    today = timezone.localdate()
    year, _ = ProgrammeYear.objects.get_or_create(name=name, defaults={
        "starts_on": today - datetime.timedelta(days=100),
        "ends_on": today + datetime.timedelta(days=265)})
    for organisation in members:
        ProgrammeMembership.objects.get_or_create(programme_year=year, organisation=organisation)
    return year


def make_call(year, *, status=CallStatus.OPEN, slug="neighbourhoods", weights=(2, 3),
              days_left=30, opened_days_ago=5, **fields):
    now = timezone.now()
    call = GrantCall.objects.create(
        title=fields.pop("title", "Problem solving in neighbourhoods"), slug=slug,
        aims="Try an improvement.", eligibility="Member organisations.", programme_year=year,
        amount_min=2000, amount_max=15000, opens_at=now - datetime.timedelta(days=opened_days_ago),
        deadline=now + datetime.timedelta(days=days_left), status=status, **fields)
    for n, weight in enumerate(weights, start=1):
        Criterion.objects.create(call=call, name=f"Criterion {n}", weight=weight, position=n)
    return call


def make_application(call, organisation, lead, *, status=ApplicationStatus.DRAFT,
                     lines=(("Nurse sessions", 9000),), **content):
    application = GrantApplication.objects.create(
        call=call, organisation=organisation, created_by=lead, status=status,
        submitted_at=timezone.now() if status != ApplicationStatus.DRAFT else None,
        **{**COMPLETE, **content})
    BudgetLine.objects.bulk_create([BudgetLine(application=application, item=item, amount=amount,
                                               position=n)
                                    for n, (item, amount) in enumerate(lines, start=1)])
    return application
