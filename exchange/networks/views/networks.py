"""The networks: the public list and each network's page, joining and leaving, and the
facilitators' members page."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity, Topic
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.people.enums import MembershipStatus as PeopleMembershipStatus
from exchange.people.models import Membership

from ..domain import networks as domain
from ..enums import MemberRole, MembershipStatus
from ..forms.networks import LeaveForm, MemberActionForm, NetworkFilterForm
from ..models import Meeting, Network, NetworkMembership

UPCOMING_SHOWN = 5


def visible_network(request, slug):
    """The network at ``slug`` if the person may find it (404 otherwise)."""
    return get_object_or_404(Network.objects.for_user(request.user).select_related("topic"),
                             slug=slug)


def member_network(request, slug, *, message="Your account does not allow this."):
    """The network at ``slug`` if the person may find it (:func:`visible_network`: an archived
    one only for organisers) and read its members' material; 404 otherwise."""
    network = visible_network(request, slug)
    require(request.user, "networks.view_member_material", network, hide=True, message=message)
    return network


@require_GET
def network_list(request):
    """Every network anyone may find: search, topic filter, paged; one query a page for the
    networks however many there are."""
    topics = Topic.objects.filter(networks__in=Network.objects.for_user(request.user)) \
        .distinct().order_by("name")
    form = NetworkFilterForm(request.GET or None, topics=topics)
    filters = form.filters()
    networks = Network.objects.for_user(request.user).with_member_count().select_related("topic")
    if filters["q"]:
        networks = networks.search(filters["q"])
    if filters["topic"] is not None:
        networks = networks.filter(topic=filters["topic"])
    page, pages = paginate(request, networks.order_by("name", "id"))
    page.object_list = list(page.object_list)
    mine = _my_memberships(request.user)
    for network in page.object_list:
        network.my_membership = mine.get(network.pk)
    return render(request, "networks/list.html", {
        "form": form, "page": page, "pages": pages,
        "filtered": bool(filters["q"] or filters["topic"]),
        "can_propose": allows(request.user, "networks.propose_network")})


def _my_memberships(user):
    """``{network id: membership}`` of the person's active and pending memberships."""
    if not user.is_authenticated:
        return {}
    return {membership.network_id: membership for membership in NetworkMembership.objects.filter(
        user=user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING])}


@require_GET
def network_detail(request, slug):
    network = visible_network(request, slug)
    user = request.user
    membership = domain.membership_of(user, network)
    # The rules' view_member_material and facilitate, from the membership already loaded.
    active = membership if membership and membership.status == MembershipStatus.ACTIVE else None
    runs = allows(user, "networks.run_networks")
    is_member = active is not None or runs
    can_facilitate = runs or (active is not None and active.role == MemberRole.FACILITATOR)
    context = {
        "network": network, "membership": membership, "is_member": is_member,
        "can_facilitate": can_facilitate, "facilitators": domain.facilitators(network),
        "member_count": network.memberships.active().count(),
    }
    if is_member:
        context["upcoming"] = list(Meeting.objects.filter(network=network).upcoming()
                                   [:UPCOMING_SHOWN])
    if can_facilitate:
        context["pending_count"] = network.memberships.pending().count()
    return render(request, "networks/detail.html", context)


@permission_required("networks.join_network", fn=lambda request, slug: visible_network(request, slug))
@require_http_methods(["GET", "POST"])
def join(request, slug):
    network = visible_network(request, slug)
    membership = domain.membership_of(request.user, network)
    if membership is not None and membership.status in {MembershipStatus.ACTIVE,
                                                        MembershipStatus.PENDING}:
        return redirect(network)
    if request.method == "POST":
        try:
            membership = domain.join(network=network, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(network)
        if membership.status == MembershipStatus.PENDING:
            messages.success(request, f"You have asked to join {network.name}. A facilitator "
                             "will decide, and we will email you.")
        else:
            messages.success(request, f"You are now a member of {network.name}.")
        return redirect(network)
    return render(request, "networks/join.html", {"network": network,
                                                  "facilitators": domain.facilitators(network)})


@permission_required("networks.join_network", fn=lambda request, slug: visible_network(request, slug))
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    """Leave the network, or withdraw a request to join, after confirming."""
    network = visible_network(request, slug)
    membership = domain.membership_of(request.user, network)
    if membership is None or membership.status not in {MembershipStatus.ACTIVE,
                                                       MembershipStatus.PENDING}:
        messages.info(request, f"You are not a member of {network.name}.")
        return redirect(network)
    form = LeaveForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.leave(membership=membership,
                                                      actor=request.user))
        if done:
            messages.success(request, f"You have left {network.name}." if membership.status
                             == MembershipStatus.ACTIVE else
                             f"You have withdrawn your request to join {network.name}.")
            return redirect(network)
    return render(request, "networks/leave.html", {"network": network, "membership": membership,
                                                   "form": form})


ACTIONS = {
    "approve": (domain.approve, "{name} is now a member. We have emailed them."),
    "refuse": (domain.refuse, "{name}'s request was refused. We have emailed them."),
    "make_facilitator": (domain.make_facilitator, "{name} is now a facilitator."),
    "stop_facilitating": (domain.stop_facilitating, "{name} is no longer a facilitator."),
    "remove": (domain.remove, "{name} has been removed from the network."),
}
TAKES_A_REASON = {"refuse", "remove"}


@permission_required("networks.facilitate", fn=lambda request, slug: visible_network(request, slug),
                     message="Only the network's facilitators can manage its members.")
@require_http_methods(["GET", "POST"])
def members(request, slug):
    """Pending requests to approve or refuse, and the members: make one a facilitator or
    remove them. A fixed number of queries however many members there are."""
    network = visible_network(request, slug)
    form = MemberActionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        membership = get_object_or_404(network.memberships.select_related("user"),
                                       pk=form.cleaned_data["membership"])
        action = form.cleaned_data["action"]
        function, success = ACTIONS[action]
        extra = {"reason": form.cleaned_data["reason"]} if action in TAKES_A_REASON else {}
        done, _ = form.carry_out(lambda: function(membership=membership, actor=request.user,
                                                  **extra))
        if done:
            messages.success(request, success.format(name=membership.user.full_name))
            return redirect("networks:members", network.slug)
    rows = _member_rows(network)
    return render(request, "networks/members.html", {
        "network": network, "form": form,
        "pending": [row for row in rows if row.status == MembershipStatus.PENDING],
        "active": [row for row in rows if row.status == MembershipStatus.ACTIVE],
        "facilitator_count": sum(row.role == MemberRole.FACILITATOR for row in rows
                                 if row.status == MembershipStatus.ACTIVE),
        "activities": _membership_activity(network)})


def _member_rows(network):
    organisation = Membership.objects.filter(
        user=OuterRef("user"), status=PeopleMembershipStatus.ACTIVE).order_by("-role", "id")
    return list(network.memberships.filter(
        status__in=[MembershipStatus.PENDING, MembershipStatus.ACTIVE])
        .select_related("user")
        .annotate(organisation_name=Subquery(organisation.values("organisation__name")[:1]))
        .order_by("-role", "user__full_name", "id"))


def _membership_activity(network, shown=30):
    kind = ContentType.objects.get_for_model(NetworkMembership)
    return list(Activity.objects.filter(
        content_type=kind, object_id__in=network.memberships.values("pk"))
        .select_related("actor").order_by("-created_at", "-id")[:shown])


urlpatterns = [
    path("", network_list, name="list"),
    path("<slug:slug>/", network_detail, name="detail"),
    path("<slug:slug>/join/", join, name="join"),
    path("<slug:slug>/leave/", leave, name="leave"),
    path("<slug:slug>/members/", members, name="members"),
]
