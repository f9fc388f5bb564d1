"""Networks as the rest of the site shows it (found by exchange/common/programmes.py): the
navigation entry, the staff page, and a panel on Your Exchange."""

from django.db.models import Count, Q

from exchange.common.permissions import allows
from exchange.common.programmes import Dashboard, Programme, StaffPage

from .enums import MemberRole, MembershipStatus, ProposalStatus
from .models import Network, NetworkMembership, NetworkProposal

SHOWN_ON_DASHBOARD = 10


def networks_dashboard(user):
    """The person's networks (and requests to join waiting), how many people wait for a
    decision in each network they facilitate, and for organisers the proposals waiting. Three
    queries however many networks there are."""
    rows = list(NetworkMembership.objects.filter(
        user=user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING])
        .select_related("network").order_by("network__name", "network_id")
        [:SHOWN_ON_DASHBOARD * 2])
    facilitated = [row.network_id for row in rows
                   if row.status == MembershipStatus.ACTIVE and row.role == MemberRole.FACILITATOR]
    waiting = dict(Network.objects.filter(pk__in=facilitated).annotate(waiting=Count(
        "memberships", filter=Q(memberships__status=MembershipStatus.PENDING)))
        .values_list("pk", "waiting")) if facilitated else {}
    for row in rows:
        row.waiting = waiting.get(row.network_id, 0)
    context = {"memberships": [row for row in rows if row.status == MembershipStatus.ACTIVE],
               "requests": [row for row in rows if row.status == MembershipStatus.PENDING]}
    if allows(user, "networks.run_networks"):
        context["proposals_waiting"] = NetworkProposal.objects.filter(
            status=ProposalStatus.SUBMITTED).count()
        context["runs_networks"] = True
    return context


PROGRAMME = Programme(
    key="networks", label="Networks", title="Improvement networks", url_name="networks:list",
    order=45,
    summary="Networks of people working on the same improvement, with meetings, discussion "
            "and shared resources.",
    staff_pages=(StaffPage("Run networks", "networks:proposals", "networks.run_networks"),),
    dashboard=Dashboard(template="networks/dashboard.html", context=networks_dashboard),
)

# The activity log's words for each verb, as people read them (common's activity_log include).
ACTIVITY_LABELS = {
    "join": "Joined", "ask_to_join": "Asked to join", "approve": "Request to join approved",
    "refuse": "Request to join refused", "leave": "Left", "remove": "Removed from the network",
    "make_facilitator": "Made a facilitator", "stop_facilitating": "No longer a facilitator",
    "schedule_meeting": "Meeting scheduled", "change_meeting": "Meeting changed",
    "write_notes": "Notes and actions written", "propose": "Network proposed",
    "approve_proposal": "Proposal approved", "decline_proposal": "Proposal declined",
    "create_network": "Network created", "hide_post": "Post hidden",
    "share_resource": "Resource shared", "remove_resource": "Resource removed",
}
STATE_LABELS = {**dict(MembershipStatus.choices), **dict(ProposalStatus.choices)}
