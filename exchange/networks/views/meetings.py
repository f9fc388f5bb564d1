"""A network's meetings: agenda, joining details, notes and actions, for its members (and
organisers); facilitators schedule them and write the notes. Anyone else gets 404, except for
the ``.ics`` of a meeting that carries no joining details."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.permissions import allows, permission_required, require

from ..domain import meetings as domain
from ..forms.meetings import MeetingForm, NotesForm
from ..models import Meeting
from .networks import member_network, visible_network

MEMBERS_ONLY = "Only the network's members can see its meetings."
FACILITATORS_ONLY = "Only the network's facilitators can schedule and change its meetings."


def _network(request, slug, *, facilitating=False):
    """The network, if the person is one of its members (404 otherwise); ``facilitating``:
    and may run it (a member who may not is refused with 403)."""
    network = member_network(request, slug, message=MEMBERS_ONLY)
    if facilitating:
        require(request.user, "networks.facilitate", network, message=FACILITATORS_ONLY)
    return network


def _meeting(network, pk):
    meeting = get_object_or_404(Meeting.objects.filter(network=network), pk=pk)
    meeting.network = network
    return meeting


@permission_required("people.use_account")
@require_GET
def meeting_list(request, slug):
    network = _network(request, slug)
    meetings = Meeting.objects.filter(network=network)
    return render(request, "networks/meetings/list.html", {
        "network": network, "upcoming": list(meetings.upcoming()),
        "past": list(meetings.past()),
        "can_facilitate": allows(request.user, "networks.facilitate", network)})


@permission_required("people.use_account")
@require_GET
def meeting_detail(request, slug, pk):
    network = _network(request, slug)
    meeting = _meeting(network, pk)
    can_facilitate = allows(request.user, "networks.facilitate", network)
    return render(request, "networks/meetings/detail.html", {
        "network": network, "meeting": meeting, "can_facilitate": can_facilitate,
        "started": meeting.starts_at <= timezone.now(),
        "actions": [line.strip() for line in meeting.actions.splitlines() if line.strip()],
        "activities": Activity.objects.for_object(meeting).select_related("actor")[:20]
        if can_facilitate else []})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    network = _network(request, slug, facilitating=True)
    form = MeetingForm(posted(request))
    if request.method == "POST":
        done, meeting = form.carry_out(lambda: domain.schedule(
            network=network, actor=request.user, **form.meeting()))
        if done:
            messages.success(request, "The meeting is scheduled. We have emailed the members "
                             "an invitation.")
            return redirect("networks:meeting", network.slug, meeting.pk)
    return render(request, "networks/meetings/form.html", {"network": network, "form": form})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    network = _network(request, slug, facilitating=True)
    meeting = _meeting(network, pk)
    form = MeetingForm(posted(request), instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.change(
            meeting=meeting, actor=request.user, **form.meeting()))
        if done:
            messages.success(request, "The meeting has been changed.")
            return redirect("networks:meeting", network.slug, meeting.pk)
    return render(request, "networks/meetings/form.html", {
        "network": network, "form": form, "meeting": meeting})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def meeting_notes(request, slug, pk):
    network = _network(request, slug, facilitating=True)
    meeting = _meeting(network, pk)
    form = NotesForm(posted(request), instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.write_notes(
            meeting=meeting, actor=request.user, notes=form.cleaned_data["notes"],
            actions=form.cleaned_data["actions"]))
        if done:
            messages.success(request, "The notes and actions have been saved.")
            return redirect("networks:meeting", network.slug, meeting.pk)
    return render(request, "networks/meetings/notes.html", {
        "network": network, "form": form, "meeting": meeting})


@require_GET
def meeting_ics(request, slug, pk):
    """One meeting as an ``.ics``. With joining details it is for members only (404 for anyone
    else); without, anyone who may find the network may add it to their calendar."""
    network = visible_network(request, slug)
    meeting = _meeting(network, pk)
    private = allows(request.user, "networks.view_member_material", network)
    if meeting.joining_details and not private:
        raise Http404(MEMBERS_ONLY)
    return _calendar(domain.meeting_calendar(meeting, private=private),
                     f"{network.slug}-meeting-{meeting.pk}.ics")


@permission_required("people.use_account")
@require_GET
def calendar(request, slug):
    """The members' calendar of every meeting of the network, joining details included."""
    network = _network(request, slug)
    return _calendar(domain.network_calendar(network), f"{network.slug}-meetings.ics")


def _calendar(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Joining details must not sit in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("<slug:slug>/meetings/", meeting_list, name="meetings"),
    path("<slug:slug>/meetings/new/", meeting_new, name="meeting-new"),
    path("<slug:slug>/meetings/calendar.ics", calendar, name="calendar"),
    path("<slug:slug>/meetings/<int:pk>/", meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", meeting_edit, name="meeting-edit"),
    path("<slug:slug>/meetings/<int:pk>/notes/", meeting_notes, name="meeting-notes"),
    path("<slug:slug>/meetings/<int:pk>/meeting.ics", meeting_ics, name="meeting-ics"),
]
