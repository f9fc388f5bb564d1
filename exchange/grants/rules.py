"""Who may do what in the small grants scheme, as `rules` predicates and permissions.

An application is confidential to the applying organisation's leads and the organisers (and,
once submitted, the staff assessors on its panel). Everyone else gets 404 from its pages, its
API and anything about it: they do not learn it exists.
"""

import rules

from exchange.people.rules import (
    is_organiser,
    is_reviewer,
    is_signed_in,
    led_organisation_ids,
)

from .enums import ApplicationStatus, CallStatus

can_run_grants = is_organiser
# Staff who may sit on a panel: organisers and reviewers.
is_staff_assessor = is_organiser | is_reviewer


@rules.predicate
def leads_an_organisation(user):
    return bool(led_organisation_ids(user))


@rules.predicate
def leads_applicant(user, application):
    return application is not None and application.organisation_id in led_organisation_ids(user)


@rules.predicate
def on_panel(user, application):
    """An assessor assigned to the application (asked once per request and cached)."""
    if application is None or not user.is_authenticated:
        return False
    cache = application.__dict__.setdefault("_panel_members", {})
    if user.pk not in cache:
        cache[user.pk] = application.panel.filter(assessor=user).exists()
    return cache[user.pk]


@rules.predicate
def is_draft(user, application):
    return application is not None and application.status == ApplicationStatus.DRAFT


@rules.predicate
def is_funded(user, application):
    return application is not None and application.status == ApplicationStatus.FUNDED


@rules.predicate
def call_is_published(user, call):
    return call is not None and call.status != CallStatus.DRAFT


rules.add_perm("grants.run_grants", can_run_grants)
rules.add_perm("grants.view_call", call_is_published | can_run_grants)
rules.add_perm("grants.apply", leads_an_organisation)
rules.add_perm("grants.list_applications", leads_an_organisation | can_run_grants)
rules.add_perm("grants.view_application", can_run_grants | leads_applicant | on_panel)
rules.add_perm("grants.change_application", leads_applicant & is_draft)
rules.add_perm("grants.withdraw_application", leads_applicant)
rules.add_perm("grants.score_application", on_panel)
rules.add_perm("grants.assess", is_staff_assessor)
rules.add_perm("grants.report_progress", leads_applicant & is_funded)
rules.add_perm("grants.use_account", is_signed_in)
