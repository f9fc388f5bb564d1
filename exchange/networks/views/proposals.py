"""Proposing a network (with guidance on running one), and organisers' decisions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required

from ..domain import proposals as domain
from ..enums import ProposalStatus
from ..forms.proposals import DecisionForm, ProposalForm
from ..models import NetworkProposal

ORGANISERS_ONLY = "Only network organisers can decide proposals."


@permission_required("networks.propose_network",
                     message="Only members of an organisation can propose a network.")
@require_http_methods(["GET", "POST"])
def propose(request):
    form = ProposalForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.propose(proposed_by=request.user,
                                                        **form.proposal()))
        if done:
            messages.success(request, "Your proposal has been sent. Programme staff will email "
                             "you their decision.")
            return redirect("networks:propose")
    mine = list(NetworkProposal.objects.filter(proposed_by=request.user)
                .select_related("network").order_by("-created_at", "-id")[:10])
    return render(request, "networks/propose.html", {"form": form, "mine": mine})


@permission_required("networks.run_networks", message=ORGANISERS_ONLY)
@require_GET
def proposal_list(request):
    status = request.GET.get("status", ProposalStatus.SUBMITTED)
    if status not in ProposalStatus.values:
        status = ProposalStatus.SUBMITTED
    proposals = (NetworkProposal.objects.filter(status=status)
                 .select_related("proposed_by", "topic", "network").order_by("created_at", "id"))
    page, pages = paginate(request, proposals)
    return render(request, "networks/proposals/list.html", {
        "page": page, "pages": pages, "status": status, "statuses": ProposalStatus.choices})


@permission_required("networks.run_networks", message=ORGANISERS_ONLY)
@require_http_methods(["GET", "POST"])
def proposal_decide(request, pk):
    proposal = get_object_or_404(NetworkProposal.objects.select_related(
        "proposed_by", "topic", "network", "decided_by"), pk=pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and proposal.status == ProposalStatus.SUBMITTED:
        if form.is_valid() and form.cleaned_data["decision"] == "approve":
            done, network = form.carry_out(lambda: domain.approve(
                proposal=proposal, actor=request.user, is_closed=form.cleaned_data["is_closed"]))
            if done:
                messages.success(request, f"{network.name} has been created, with "
                                 f"{proposal.proposed_by.full_name} as its facilitator. We "
                                 "have emailed them.")
                return redirect(network)
        else:
            done, _ = form.carry_out(lambda: domain.decline(
                proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]))
            if done:
                messages.success(request, "The proposal has been declined. We have emailed the "
                                 "proposer the reason.")
                return redirect("networks:proposals")
    return render(request, "networks/proposals/decide.html", {
        "proposal": proposal, "form": form,
        "activities": Activity.objects.for_object(proposal).select_related("actor")})


urlpatterns = [
    path("propose/", propose, name="propose"),
    path("manage/proposals/", proposal_list, name="proposals"),
    path("manage/proposals/<int:pk>/", proposal_decide, name="proposal"),
]
