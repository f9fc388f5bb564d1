"""The pool of peers: becoming a peer, the peer's own profile, availability and record, the
pool (staff in full, organisation leads in outline), and staff deciding and appointing."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.actions import attempt
from exchange.common.documents import attachment
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require

from ..domain import cpd_record as cpd
from ..domain import peers as domain
from ..enums import PeerStatus, Sector, TeamStatus
from ..forms.peers import (
    AbsenceForm,
    ApplicationForm,
    AppointForm,
    DecisionForm,
    LeaveForm,
    PauseForm,
    PoolFilterForm,
    ProfileForm,
    TimeForm,
)
from ..models import Peer, PeerAbsence, TeamMember
from ..rules import user_peer

STAFF_ONLY = "Only peer support staff can do that."


# --- Becoming a peer ----------------------------------------------------------------------------


@permission_required("support.apply_as_peer")
@require_http_methods(["GET", "POST"])
def apply(request):
    """The application form, or, for someone who has applied, where their application stands."""
    peer = user_peer(request.user)
    if peer is not None and peer.status != PeerStatus.LEFT:
        return render(request, "support/peers/applied.html", {"peer": peer})
    organisation = request.user.organisation
    # Someone rejoining starts from the profile they had; anyone else from their membership.
    initial = ProfileForm.initial_from(peer) if peer is not None else {
        "organisation": organisation,
        "sector": Sector.POLICE if organisation is not None and organisation.is_police else None}
    form = ApplicationForm(posted(request), initial=initial)
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.apply_as_peer(
            user=request.user, absences=form.absences(), **form.profile()))
        if done:
            messages.success(request, "Your application has been sent. Staff will email you "
                             "their decision.")
            return redirect("support:peer-apply")
    return render(request, "support/peers/apply.html", {"form": form, "rejoining": peer})


# --- The peer's own pages -----------------------------------------------------------------------


def _own_peer(request):
    """The signed-in person's Peer row; None sends them to apply."""
    peer = user_peer(request.user)
    if peer is not None:
        require(request.user, "support.change_peer", peer, hide=True)
    return peer


@permission_required("people.use_account")
@require_GET
def profile(request):
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    return render(request, "support/peers/profile.html", {
        "peer": peer, "expertise": list(peer.expertise.all()),
        "absences": list(peer.absences.all()),
        "conflicts": list(peer.conflicts.select_related("organisation")),
        "paused": domain.is_paused(peer), "available": domain.is_available(peer),
        "current": peer.status in {PeerStatus.APPLIED, PeerStatus.APPROVED}})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def edit(request):
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    form = ProfileForm(posted(request), initial=ProfileForm.initial_from(peer))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.update_profile(
            peer=peer, actor=request.user, **form.profile()))
        if done:
            messages.success(request, "Your profile has been saved.")
            return redirect("support:peer-profile")
    return render(request, "support/peers/edit.html", {"peer": peer, "form": form})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def availability(request):
    """Pause or resume, and add or remove dates away; each POST says which with ``action``."""
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    action = request.POST.get("action") if request.method == "POST" else None
    pause_form = PauseForm(posted(request) if action == "pause" else None,
                           initial={"until": peer.paused_until})
    absence_form = AbsenceForm(posted(request) if action == "add_absence" else None)
    if action == "pause":
        done, _ = pause_form.carry_out(lambda: domain.pause(
            peer=peer, actor=request.user, until=pause_form.cleaned_data["until"]))
        if done:
            messages.success(request, "Your availability is paused.")
            return redirect("support:peer-availability")
    elif action == "add_absence":
        done, _ = absence_form.carry_out(lambda: domain.add_absence(
            peer=peer, actor=request.user, **absence_form.cleaned_data))
        if done:
            messages.success(request, "Your dates away have been added.")
            return redirect("support:peer-availability")
    elif action in {"resume", "remove_absence"}:
        _availability_action(request, peer, action)
        return redirect("support:peer-availability")
    elif action is not None:
        messages.error(request, "Choose what to change.")
        return redirect("support:peer-availability")
    return render(request, "support/peers/availability.html", {
        "peer": peer, "pause_form": pause_form, "absence_form": absence_form,
        "paused": domain.is_paused(peer), "absences": list(peer.absences.all()),
        "today": timezone.localdate()})


def _availability_action(request, peer, action):
    if action == "resume":
        attempt(request, lambda: domain.resume(peer=peer, actor=request.user),
                "Your availability has resumed: staff can ask you again.")
        return
    absence = PeerAbsence.objects.filter(peer=peer, pk=request.POST.get("absence") or 0).first()
    if absence is None:
        messages.error(request, "Those dates away are not in your profile.")
        return
    attempt(request, lambda: domain.remove_absence(absence=absence, actor=request.user),
            "Those dates away have been removed.")


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def leave(request):
    """GET asks the peer to confirm; POST takes them out of the pool."""
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    form = LeaveForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.leave_pool(
            peer=peer, actor=request.user, reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, "You have left the pool. Thank you for all you gave.")
            return redirect("support:peer-profile")
    return render(request, "support/peers/leave.html", {"peer": peer, "form": form})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def record(request):
    """The peer's record of engagements and pairings; POST enters one engagement's time."""
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    failed = None
    if request.method == "POST":
        member = get_object_or_404(TeamMember, peer=peer, status=TeamStatus.ACCEPTED,
                                   pk=request.POST.get("member") or 0)
        form = TimeForm(posted(request), prefix=f"m{member.pk}")
        done, _ = form.carry_out(lambda: cpd.record_time(
            member=member, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "The time you gave has been saved.")
            return redirect("support:peer-record")
        failed = (member.pk, form)
    record = cpd.cpd_record(peer)
    rows = [(row, failed[1] if failed and failed[0] == row.member.pk else TimeForm(
        prefix=f"m{row.member.pk}", initial={"days": row.days, "hours": row.hours}))
        for row in record.engagements]
    return render(request, "support/peers/record.html", {
        "peer": peer, "record": record, "engagements": rows, "failed_form": failed and failed[1]})


@permission_required("people.use_account")
@require_GET
def record_download(request, fmt):
    peer = _own_peer(request)
    if peer is None:
        return redirect("support:peer-apply")
    record = cpd.cpd_record(peer)
    filename = f"peer-support-record-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        response = HttpResponse(cpd.cpd_csv(record), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt != "pdf":
        raise Http404
    return attachment(cpd.cpd_document(record), fmt, filename)


# --- The pool -----------------------------------------------------------------------------------


@permission_required("support.view_pool")
@require_GET
def pool(request):
    """Staff see every peer in full; an organisation lead sees approved peers in outline."""
    staff = allows(request.user, "support.run_support")
    form = PoolFilterForm(request.GET, staff=staff)
    peers = domain.pool(viewer_is_staff=staff, **form.filters())
    page, pages = paginate(request, peers)
    return render(request, "support/peers/pool.html", {
        "form": form, "page": page, "pages": pages, "staff": staff,
        "filtered": any(value for key, value in request.GET.items() if key != "page")})


# --- Staff ---------------------------------------------------------------------------------------


@permission_required("support.run_support", message=STAFF_ONLY)
@require_GET
def applications(request):
    page, pages = paginate(request, domain.applications_queue())
    today = timezone.localdate()
    page.object_list = list(page.object_list)
    for peer in page.object_list:
        peer.waiting_days = (today - timezone.localdate(peer.created_at)).days
    return render(request, "support/peers/applications.html", {"page": page, "pages": pages})


def _peer(pk):
    return get_object_or_404(Peer.objects.select_related("user", "organisation", "decided_by"),
                             pk=pk)


@permission_required("support.run_support", message=STAFF_ONLY)
@require_GET
def detail(request, pk):
    peer = _peer(pk)
    return render(request, "support/peers/detail.html", {
        "peer": peer, "expertise": list(peer.expertise.all()),
        "absences": list(peer.absences.all()),
        "conflicts": list(peer.conflicts.select_related("organisation")),
        "engagements": list(peer.engagements.select_related("request__organisation")),
        "paused": domain.is_paused(peer), "available": domain.is_available(peer),
        "activities": Activity.objects.for_object(peer).select_related("actor")[:50],
        "decision_form": DecisionForm() if peer.status == PeerStatus.APPLIED else None})


@permission_required("support.run_support", message=STAFF_ONLY)
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    peer = _peer(pk)
    form = DecisionForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.decide_application(
            peer=peer, actor=request.user, approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"]))
        if done:
            peer.refresh_from_db()
            messages.success(request, f"{peer.user.full_name}: {peer.get_status_display().lower()}."
                             " They have been emailed.")
            return redirect("support:peer-detail", peer.pk)
    return render(request, "support/peers/decide.html", {"peer": peer, "form": form})


@permission_required("support.run_support", message=STAFF_ONLY)
@require_http_methods(["GET", "POST"])
def appoint(request):
    form = AppointForm(posted(request), initial={"can_travel": True})
    if request.method == "POST":
        done, peer = form.carry_out(lambda: domain.appoint_specialist(
            email=form.cleaned_data["email"], actor=request.user, absences=form.absences(),
            **form.profile()))
        if done:
            messages.success(request, f"{peer.user.full_name} is now a specialist associate in "
                             "the pool. They have been emailed.")
            return redirect("support:peer-detail", peer.pk)
    return render(request, "support/peers/appoint.html", {"form": form})


urlpatterns = [
    path("peers/apply/", apply, name="peer-apply"),
    path("peers/you/", profile, name="peer-profile"),
    path("peers/you/edit/", edit, name="peer-edit"),
    path("peers/you/availability/", availability, name="peer-availability"),
    path("peers/you/leave/", leave, name="peer-leave"),
    path("peers/you/record/", record, name="peer-record"),
    path("peers/you/record.<slug:fmt>", record_download, name="peer-record-download"),
    path("peers/", pool, name="pool"),
    path("peers/applications/", applications, name="peer-applications"),
    path("peers/appoint/", appoint, name="peer-appoint"),
    path("peers/<int:pk>/", detail, name="peer-detail"),
    path("peers/<int:pk>/decide/", decide, name="peer-decide"),
]
