"""Assembling a team (staff), answering an invitation (the invited peer), and pairings with their
light record of meetings.

A request is fetched through ``for_user`` first, so anyone who may not see it gets 404; a
person who may see it but not run support (the force's lead) gets 403 on the staff pages.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require

from ..domain import pairings as pairing_domain
from ..domain import team as team_domain
from ..enums import PAIRING_TYPES, TeamStatus
from ..forms.team import (
    AnswerForm,
    CandidateFilterForm,
    EndPairingForm,
    InviteForm,
    MeetingForm,
    PairingForm,
    WithdrawForm,
)
from ..models import Pairing, Peer, SupportRequest, TeamMember

ONLY_ORGANISERS = ("Only the programme's organisers can assemble a team. If you run peer "
                   "support, ask an administrator to add you to the organisers.")
SIGNED_IN = "people.use_account"


def _visible_request(user, pk):
    return get_object_or_404(SupportRequest.objects.for_user(user).select_related("organisation"),
                             pk=pk)


def _peer_or_none(pk):
    return Peer.objects.select_related("user", "organisation").filter(pk=pk).first()


@permission_required(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def team(request, pk):
    """The ranked candidates with their reasons, filters, invitations, and the team so far."""
    support_request = _visible_request(request.user, pk)
    require(request.user, "support.run_support", message=ONLY_ORGANISERS)
    invite_form, withdraw_form = InviteForm(), WithdrawForm()
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        withdraw_form = WithdrawForm(request.POST)
        done, member = withdraw_form.carry_out(lambda: _withdraw(request, support_request,
                                                                 withdraw_form))
        if done:
            messages.success(request, f"The invitation to {member.peer} has been withdrawn.")
            return redirect("support:team", support_request.pk)
    elif request.method == "POST":
        invite_form = InviteForm(request.POST)
        done, member = invite_form.carry_out(lambda: _invite(request, support_request,
                                                             invite_form))
        if done:
            messages.success(request, f"{member.peer} has been invited and emailed a link to "
                                      "answer.")
            return redirect("support:team", support_request.pk)
    return _team_page(request, support_request, invite_form, withdraw_form)


def _invite(request, support_request, form):
    peer = _peer_or_none(form.cleaned_data["peer"])
    if peer is None:
        raise ValidationError("That peer is no longer in the pool.")
    return team_domain.invite_peer(request=support_request, peer=peer, actor=request.user)


def _withdraw(request, support_request, form):
    member = get_object_or_404(TeamMember.objects.select_related("peer__user", "request"),
                               pk=form.cleaned_data["member"], request=support_request)
    return team_domain.withdraw_invitation(member=member, actor=request.user,
                                           note=form.cleaned_data["note"])


def _team_page(request, support_request, invite_form, withdraw_form):
    filters = CandidateFilterForm(request.GET or None)
    proposals = team_domain.candidates(request=support_request, **filters.values())
    page, pages = paginate(request, proposals)
    members = team_domain.team_of(support_request)
    return render(request, "support/team/team.html", {
        "support_request": support_request, "filters": filters, "page": page, "pages": pages,
        "total": len(proposals), "members": members,
        "is_pairing": support_request.support_type in PAIRING_TYPES,
        "invite_form": invite_form, "withdraw_form": withdraw_form,
        "form": invite_form if invite_form.errors else withdraw_form,
    })


@permission_required(SIGNED_IN)
@require_GET
def invitations(request):
    """The person's own invitations and places, and their pairings."""
    return render(request, "support/team/invitations.html", {
        "members": team_domain.invitations_of(request.user),
        "pairings": list(Pairing.objects.filter(peer__user=request.user)
                         .select_related("request__organisation").order_by("-created_at")),
        "is_peer": Peer.objects.filter(user=request.user).exists(),
    })


@permission_required(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def invitation(request, pk):
    """What is asked, and accept or decline. Nobody but the invited peer may see it (404)."""
    member = get_object_or_404(TeamMember.objects.select_related(
        "request__organisation", "request__agreed_terms", "peer__user"), pk=pk)
    require(request.user, "support.answer_invitation", member, hide=True)
    form = AnswerForm(posted(request))
    if request.method == "POST":
        done, answered = form.carry_out(lambda: team_domain.answer_invitation(
            member=member, actor=request.user, accept=form.accepted,
            reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, "Thank you: you are on the team." if answered.status ==
                             TeamStatus.ACCEPTED else "Thank you: you have declined.")
            return redirect("support:invitation", member.pk)
    support_request = member.request
    return render(request, "support/team/invitation.html", {
        "member": member, "support_request": support_request, "form": form,
        "topics": list(support_request.topics.all()),
        "terms": support_request.agreed_terms,
    })


@permission_required(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def pairings(request, pk):
    """A pairing-type request's pairings; organisers pair a peer with someone at the force."""
    support_request = _visible_request(request.user, pk)
    if support_request.support_type not in PAIRING_TYPES:
        raise Http404("This request is not for introductions or mentoring.")
    can_pair = allows(request.user, "support.run_support")
    proposals = team_domain.candidates(request=support_request) if can_pair else []
    initial = {"peer": request.GET.get("peer")} if request.method == "GET" else None
    form = PairingForm(posted(request), proposals=proposals, initial=initial)
    if request.method == "POST":
        require(request.user, "support.run_support", message=ONLY_ORGANISERS)
        done, pairing = form.carry_out(lambda: _pair(request, support_request, form))
        if done:
            messages.success(request, f"{pairing.peer} is paired with {pairing.person_name}; "
                                      "both sides have been emailed.")
            return redirect("support:pairing", pairing.pk)
    return render(request, "support/team/pairings.html", {
        "support_request": support_request, "pairings": pairing_domain.pairings_of(support_request),
        "form": form, "can_pair": can_pair,
    })


def _pair(request, support_request, form):
    peer = _peer_or_none(form.cleaned_data["peer"])
    if peer is None:
        raise ValidationError({"peer": "Choose a peer from the list"})
    data = form.cleaned_data
    return pairing_domain.pair_peer(
        request=support_request, peer=peer, actor=request.user, person_name=data["person_name"],
        person_role=data["person_role"], purpose=data["purpose"], started_on=data["started_on"])


@permission_required(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def pairing(request, pk):
    """One pairing and its meetings: the peer, the force's lead and staff record them."""
    pairing = get_object_or_404(Pairing.objects.select_related(
        "request__organisation", "peer__user", "peer__organisation"), pk=pk)
    require(request.user, "support.record_meeting", pairing, hide=True)
    meeting_form, end_form = MeetingForm(), EndPairingForm(prefix="end")
    if request.method == "POST" and request.POST.get("action") == "end":
        end_form = EndPairingForm(request.POST, prefix="end")
        done, _ = end_form.carry_out(lambda: pairing_domain.end_pairing(
            pairing=pairing, actor=request.user, note=end_form.cleaned_data["note"]))
        if done:
            messages.success(request, "The pairing has ended.")
            return redirect("support:pairing", pairing.pk)
    elif request.method == "POST":
        meeting_form = MeetingForm(request.POST)
        done, _ = meeting_form.carry_out(lambda: pairing_domain.record_meeting(
            pairing=pairing, actor=request.user, **meeting_form.cleaned_data))
        if done:
            messages.success(request, "The meeting has been recorded.")
            return redirect("support:pairing", pairing.pk)
    return render(request, "support/team/pairing.html", {
        "pairing": pairing, "meetings": list(pairing.meetings.select_related("recorded_by")),
        "meeting_form": meeting_form, "end_form": end_form,
        "form": end_form if end_form.errors else meeting_form,
        "activities": Activity.objects.for_object(pairing).select_related("actor")[:30],
    })


urlpatterns = [
    path("requests/<int:pk>/team/", team, name="team"),
    path("invitations/", invitations, name="invitations"),
    path("invitations/<int:pk>/", invitation, name="invitation"),
    path("requests/<int:pk>/pairings/", pairings, name="pairings"),
    path("pairings/<int:pk>/", pairing, name="pairing"),
]
