"""Small grants as the rest of the site shows it (found by exchange/common/programmes.py)."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from exchange.common.permissions import allows
from exchange.common.programmes import HOME_LESSONS, Dashboard, Programme, StaffPage, Teaser
from exchange.people.rules import led_organisation_ids

from .enums import ApplicationStatus, CallStatus
from .models import GrantApplication, GrantCall, PanelAssignment, ProgressReport

SHOWN_ON_DASHBOARD = 5


def open_call(request):
    """The home page's open call, if any: the one whose deadline comes first."""
    now = timezone.now()
    return {"grant_call": GrantCall.objects.filter(
        status=CallStatus.OPEN, opens_at__lte=now, deadline__gt=now)
        .order_by("deadline", "id").first()}


def grants_dashboard(user):
    """A lead's applications and reports due; an assessor's scoring still to do; an
    organiser's calls at work. A fixed number of queries however many rows there are."""
    led = led_organisation_ids(user)
    context = {"is_lead": bool(led)}
    if led:
        context["applications"] = list(
            GrantApplication.objects.filter(organisation_id__in=led)
            .exclude(status=ApplicationStatus.WITHDRAWN).select_related("call", "organisation")
            .order_by("-updated_at", "-id")[:SHOWN_ON_DASHBOARD])
        context["reports_due"] = list(
            ProgressReport.objects.filter(application__organisation_id__in=led,
                                          application__status=ApplicationStatus.FUNDED,
                                          submitted_at__isnull=True)
            .select_related("application").order_by("due_on", "id")[:SHOWN_ON_DASHBOARD])
        context["open_call"] = open_call(None)["grant_call"]
    if allows(user, "grants.assess"):
        context["to_score"] = PanelAssignment.objects.filter(
            assessor=user, scored_at__isnull=True,
            application__status=ApplicationStatus.SUBMITTED).count()
    if allows(user, "grants.run_grants"):
        context["calls"] = GrantCall.objects.exclude(status=CallStatus.DECIDED).aggregate(
            count=Count("id"), assessing=Count("id", filter=Q(status=CallStatus.ASSESSING)),
            next_deadline=Min("deadline", filter=Q(status=CallStatus.OPEN)))
    shown = context["is_lead"] or "to_score" in context or "calls" in context
    return {**context, "shown": shown}


PROGRAMME = Programme(
    key="grants", label="Small grants", title="Small grants", url_name="grants:list", order=60,
    summary="Small grants for member organisations to try and evaluate an improvement.",
    staff_pages=(StaffPage("Run small grants", "grants:manage", "grants.run_grants"),),
    # After the home page's reading (news, events, visits, practice, Lessons): an open call is
    # a call to act, shown only while there is one.
    teaser=Teaser(template="grants/home_teaser.html", context=open_call, order=HOME_LESSONS + 10),
    dashboard=Dashboard(template="grants/dashboard.html", context=grants_dashboard),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "create": "Call drafted", "edit": "Call edited", "open": "Call opened",
    "close_for_assessment": "Closed for assessment", "finish": "Call decided",
    "start": "Application started", "save": "Draft saved", "submit": "Submitted",
    "withdraw": "Withdrawn", "assign": "Assessor assigned", "unassign": "Assessor removed",
    "score": "Scores given", "fund": "Funded", "not_fund": "Not funded",
    "set_report_date": "Report date set", "move_report_date": "Report date moved",
    "progress_report": "Progress report sent", "final_report": "Final report sent",
    "publish_to_practice": "Final report put in the practice bank",
}
STATE_LABELS = {**dict(CallStatus.choices), **dict(ApplicationStatus.choices)}
