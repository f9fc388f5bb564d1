"""Registering, cancelling, the waiting list and offers; a person's events."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from exchange.common.actions import attempt
from exchange.common.permissions import permission_required

from ..domain import places
from ..domain.learning import events_of
from ..enums import RegistrationStatus
from ..models import Event, PlaceOffer

SIGN_IN = "Sign in to register for an event."


def _event(request, slug):
    return get_object_or_404(Event.objects.for_user(request.user), slug=slug)


def _registered_message(registration):
    if registration.status == RegistrationStatus.REGISTERED:
        return "You are registered. We have emailed you the details."
    if registration.status == RegistrationStatus.OFFERED:
        return "A place is free: it is offered to you. Accept it below."
    return ("The event is full, so you are on the waiting list. We will email you if a place "
            "becomes free.")


@permission_required("events.register", message=SIGN_IN)
@require_POST
def register(request, slug):
    event = _event(request, slug)
    attempt(request, lambda: places.register(event=event, actor=request.user),
            _registered_message)
    return redirect(event.get_absolute_url())


@permission_required("events.register", message=SIGN_IN)
def cancel(request, slug):
    """Confirm, then cancel one's registration (or leave the waiting list, or decline an
    offer: whatever one holds)."""
    event = _event(request, slug)
    registration = places.own_registration(event, request.user)
    if registration is None:
        messages.error(request, "You are not registered for this event.")
        return redirect(event.get_absolute_url())
    if request.method == "POST":
        attempt(request, lambda: places.cancel_registration(event=event, actor=request.user),
                "Your registration is cancelled." if registration.status ==
                RegistrationStatus.REGISTERED else "You are no longer on the waiting list.")
        return redirect(event.get_absolute_url())
    return render(request, "events/cancel.html", {"event": event, "registration": registration})


@permission_required("events.register", message=SIGN_IN)
@require_POST
def leave_waiting_list(request, slug):
    event = _event(request, slug)
    attempt(request, lambda: places.leave_waiting_list(event=event, actor=request.user),
            "You have left the waiting list.")
    return redirect(event.get_absolute_url())


@permission_required("events.register", message=SIGN_IN)
def offer(request, slug, pk):
    """The place offered to the person: accept or decline. Anyone else's offer is a 404."""
    event = _event(request, slug)
    offer = get_object_or_404(PlaceOffer.objects.select_related("entry__registration"),
                              pk=pk, event=event, entry__registration__user=request.user)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer == "accept":
            attempt(request, lambda: places.accept_offer(offer=offer, actor=request.user),
                    "You have accepted the place: you are registered.")
        elif answer == "decline":
            attempt(request, lambda: places.decline_offer(offer=offer, actor=request.user),
                    "You have declined the place. Thank you for saying.")
        else:
            messages.error(request, "Choose to accept or decline the place.")
            return redirect("events:offer", event.slug, offer.pk)
        return redirect(event.get_absolute_url())
    return render(request, "events/offer.html", {"event": event, "offer": offer})


@permission_required("events.register", message=SIGN_IN)
@require_GET
def mine(request):
    return render(request, "events/mine.html", events_of(request.user))


urlpatterns = [
    path("mine/", mine, name="mine"),
    path("<slug:slug>/register/", register, name="register"),
    path("<slug:slug>/cancel/", cancel, name="cancel"),
    path("<slug:slug>/waiting-list/leave/", leave_waiting_list, name="leave-waiting-list"),
    path("<slug:slug>/offer/<int:pk>/", offer, name="offer"),
]
