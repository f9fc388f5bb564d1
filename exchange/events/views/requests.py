"""Asking for a knowledge sharing event, a person's own requests, and organisers' triage.

A request is seen by the person who asked (in their list) and by organisers; its triage page is
for organisers only, and a request that does not exist is 404 for them as for anyone.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required

from ..domain import requests as requesting
from ..enums import RequestStatus
from ..forms.requests import DecisionForm, EventRequestForm, RequestFilterForm
from ..models import EventRequest

NOT_A_MEMBER = ("Only members of a member organisation can ask for an event. If you work for "
                "one, ask your organisation's lead to confirm your membership.")


@permission_required("events.request_event", message=NOT_A_MEMBER)
@require_http_methods(["GET", "POST"])
def request_new(request):
    form = EventRequestForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: requesting.ask_for_event(user=request.user,
                                                                   **form.cleaned_data))
        if done:
            messages.success(request, "Your request is sent. The events team will read it and "
                                      "email you what they decide.")
            return redirect("events:requests-mine")
    return render(request, "events/request_new.html", {"form": form})


@permission_required("people.use_account")
@require_GET
def requests_mine(request):
    mine = (EventRequest.objects.filter(requested_by=request.user)
            .select_related("topic", "merged_into"))
    page, pages = paginate(request, mine)
    return render(request, "events/requests_mine.html", {
        "page": page, "pages": pages, "may_ask": allows(request.user, "events.request_event")})


@permission_required("events.triage_requests")
@require_GET
def manage_requests(request):
    requests = EventRequest.objects.select_related("topic", "requested_by", "merged_into")
    filters = RequestFilterForm(request.GET)
    if filters.is_valid() and filters.cleaned_data["status"]:
        requests = requests.filter(status=filters.cleaned_data["status"])
    page, pages = paginate(request, requests)
    waiting = EventRequest.objects.filter(status=RequestStatus.SUBMITTED).count()
    return render(request, "events/requests_manage.html", {
        "filters": filters, "page": page, "pages": pages, "waiting": waiting})


@permission_required("events.triage_requests")
@require_http_methods(["GET", "POST"])
def manage_request(request, pk):
    event_request = get_object_or_404(EventRequest.objects.select_related(
        "topic", "requested_by", "merged_into", "decided_by"), pk=pk)
    allowed = requesting.REQUESTS.allowed_actions(event_request)
    form = DecisionForm(posted(request), allowed=allowed) if allowed else None
    if request.method == "POST" and form is not None:
        done, _ = form.carry_out(lambda: requesting.decide(
            request=event_request, action=form.cleaned_data["decision"], actor=request.user,
            reason=form.cleaned_data["reason"], event=form.cleaned_data["event"]))
        if done:
            messages.success(request, requesting.DONE[form.cleaned_data["decision"]])
            return redirect("events:manage-request", event_request.pk)
    return render(request, "events/request_manage.html", {
        "event_request": event_request, "form": form,
        "activities": Activity.objects.for_object(event_request).select_related("actor")[:40],
    })


urlpatterns = [
    path("request/", request_new, name="request"),
    path("requests/mine/", requests_mine, name="requests-mine"),
    path("manage/requests/", manage_requests, name="manage-requests"),
    path("manage/requests/<int:pk>/", manage_request, name="manage-request"),
]
