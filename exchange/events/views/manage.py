"""Organisers' pages: creating and editing events, publishing and cancelling, registrations
and the waiting list, attendance, materials. Every page needs an organiser."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required

from ..domain import events as domain
from ..domain.places import free_places
from ..enums import EventStatus, RegistrationStatus
from ..exporters import registrations_csv
from ..forms import AttendanceForm, CancelEventForm, EventForm, MaterialsForm
from ..models import Event, PlaceOffer, Registration, WaitingPlace

ONLY_ORGANISERS = ("Only the events team's organisers can use this page. If you organise events, "
                   "ask an administrator to add you to the organisers.")


def _event(pk):
    return get_object_or_404(Event, pk=pk)


@permission_required("events.run_events", message=ONLY_ORGANISERS)
@require_GET
def manage(request):
    events = Event.objects.annotate(
        registered=Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status__in=[
            RegistrationStatus.WAITING, RegistrationStatus.OFFERED]))).order_by("-starts_at", "-id")
    status = request.GET.get("status", "")
    if status in EventStatus.values:
        events = events.filter(status=status)
    page, pages = paginate(request, events)
    return render(request, "events/manage/list.html", {
        "page": page, "pages": pages, "status": status, "statuses": EventStatus.choices})


@permission_required("events.run_events", message=ONLY_ORGANISERS)
def event_form(request, pk=None):
    event = _event(pk) if pk else None
    form = EventForm(posted(request), instance=event)
    if request.method == "POST":
        done, saved = form.carry_out(lambda: _save(request, event, form))
        if done:
            messages.success(request, f"{saved.title} has been saved.")
            return redirect("events:manage-event", saved.pk)
    return render(request, "events/manage/event_form.html", {"form": form, "event": event})


def _save(request, event, form):
    data = {name: form.cleaned_data[name] for name in domain.EDITABLE}
    topics = form.cleaned_data["topics"]
    if event:
        return domain.update_event(actor=request.user, event=event, data=data, topics=topics)
    return domain.create_event(actor=request.user, data=data, topics=topics)


@permission_required("events.run_events", message=ONLY_ORGANISERS)
@require_GET
def manage_event(request, pk):
    event = _event(pk)
    registrations = list(Registration.objects.filter(event=event).select_related("user")
                         .order_by("registered_at", "id"))
    waiting = list(WaitingPlace.objects.filter(event=event, status__in=["waiting", "offered"])
                   .select_related("registration__user").order_by("position"))
    now = timezone.now()
    return render(request, "events/manage/event.html", {
        "event": event,
        "registered": [r for r in registrations if r.status == RegistrationStatus.REGISTERED],
        "waiting": waiting,
        "others": [r for r in registrations if r.status not in {
            RegistrationStatus.REGISTERED, RegistrationStatus.WAITING,
            RegistrationStatus.OFFERED}],
        "offers": list(PlaceOffer.objects.filter(event=event, status="open")
                       .select_related("entry__registration__user")),
        "free": max(0, free_places(event)), "started": event.has_started(now),
        "can_publish": "publish" in domain.STATES.allowed_actions(event),
        "can_cancel": "cancel" in domain.STATES.allowed_actions(event),
        "topics": list(event.topics.all()),
        "activities": Activity.objects.for_object(event).select_related("actor")[:40],
    })


@permission_required("events.run_events", message=ONLY_ORGANISERS)
@require_POST
def publish(request, pk):
    event = _event(pk)
    attempt(request, lambda: domain.publish_event(actor=request.user, event=event),
            f"{event.title} is published. Subscribers to invitations are being told.")
    return redirect("events:manage-event", event.pk)


@permission_required("events.run_events", message=ONLY_ORGANISERS)
def cancel_event(request, pk):
    event = _event(pk)
    form = CancelEventForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.cancel_event(
            actor=request.user, event=event, reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, f"{event.title} is cancelled. Everyone registered or "
                                      "waiting has been emailed.")
            return redirect("events:manage-event", event.pk)
    told = event.registrations.active().count()
    return render(request, "events/manage/cancel.html", {"event": event, "form": form,
                                                         "told": told})


@permission_required("events.run_events", message=ONLY_ORGANISERS)
def attendance(request, pk):
    event = _event(pk)
    registrations = list(event.registrations.registered().select_related("user")
                         .order_by("user__full_name", "id"))
    form = AttendanceForm(posted(request), registrations=registrations)
    if request.method == "POST":
        done, result = form.carry_out(lambda: domain.mark_attendance(
            actor=request.user, event=event, attended_ids=form.cleaned_data["attended"]))
        if done:
            messages.success(request, f"Attendance is recorded: {result[0]} attended.")
            return redirect("events:manage-event", event.pk)
    return render(request, "events/manage/attendance.html", {
        "event": event, "form": form, "registrations": registrations,
        "started": event.has_started()})


@permission_required("events.run_events", message=ONLY_ORGANISERS)
def materials(request, pk):
    event = _event(pk)
    form = MaterialsForm(posted(request), request.FILES or None, instance=event)
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.save_materials(
            actor=request.user, event=event, data=form.cleaned_data,
            slides=form.cleaned_data.get("slides_file"),
            remove_slides=form.cleaned_data.get("remove_slides")))
        if done:
            messages.success(request, "The materials are saved. People see them on the event's "
                                      "page once it has ended.")
            return redirect("events:manage-event", event.pk)
    return render(request, "events/manage/materials.html", {"event": event, "form": form})


@permission_required("events.run_events", message=ONLY_ORGANISERS)
@require_GET
def registrations_download(request, pk):
    return registrations_csv(_event(pk))


urlpatterns = [
    path("manage/", manage, name="manage"),
    path("manage/new/", event_form, name="manage-new"),
    path("manage/<int:pk>/", manage_event, name="manage-event"),
    path("manage/<int:pk>/edit/", event_form, name="manage-edit"),
    path("manage/<int:pk>/publish/", publish, name="manage-publish"),
    path("manage/<int:pk>/cancel/", cancel_event, name="manage-cancel"),
    path("manage/<int:pk>/attendance/", attendance, name="manage-attendance"),
    path("manage/<int:pk>/materials/", materials, name="manage-materials"),
    path("manage/<int:pk>/registrations.csv", registrations_download,
         name="manage-registrations-csv"),
]
