"""The calls anyone may read, applying for one, and a lead's own applications."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required
from exchange.people.rules import led_organisation_ids

from ..domain import applications as applying
from ..domain.calls import eligible_organisations, is_taking_applications
from ..enums import CallStatus
from ..forms.applications import StartForm
from ..models import GrantApplication, GrantCall
from .lookups import visible_call

NOT_A_LEAD = ("Only an organisation lead can apply for a small grant. If you lead your "
              "organisation's work with the Exchange, ask the programme team to record you as "
              "its lead.")


@require_GET
def call_list(request):
    calls = GrantCall.objects.published().select_related("programme_year")
    open_calls = list(calls.filter(status=CallStatus.OPEN).order_by("deadline", "id"))
    page, pages = paginate(request, calls.exclude(status=CallStatus.OPEN).order_by(
        "-deadline", "-id"))
    return render(request, "grants/list.html", {
        "open_calls": open_calls, "page": page, "pages": pages, "now": timezone.now(),
        "is_lead": bool(led_organisation_ids(request.user))})


@permission_required("grants.view_call", fn=visible_call)
@require_GET
def call_detail(request, slug):
    call = visible_call(request, slug)
    eligible = list(eligible_organisations(request.user, call))
    existing = {}
    if eligible:
        existing = {a.organisation_id: a for a in GrantApplication.objects.live().filter(
            call=call, organisation__in=eligible)}
    return render(request, "grants/call.html", {
        "call": call, "criteria": call.criteria.all(), "taking": is_taking_applications(call),
        "eligible": eligible, "existing": existing,
        "may_apply": [org for org in eligible if org.pk not in existing],
        "is_lead": bool(led_organisation_ids(request.user)),
        "staff": allows(request.user, "grants.run_grants")})


@permission_required("grants.apply", fn=visible_call, message=NOT_A_LEAD)
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    call = visible_call(request, slug)
    eligible = eligible_organisations(request.user, call)
    form = StartForm(posted(request), organisations=eligible,
                     initial={"organisation": eligible.first()})
    if request.method == "POST":
        done, application = form.carry_out(lambda: applying.start_application(
            call=call, organisation=form.cleaned_data["organisation"], actor=request.user))
        if done:
            messages.success(request, "Your draft application is started. Save it as often as "
                             "you like; submit it before the deadline.")
            return redirect("grants:application-edit", application.pk)
    return render(request, "grants/apply.html", {
        "call": call, "form": form, "eligible": list(eligible),
        "taking": is_taking_applications(call)})


@permission_required("grants.use_account")
@require_GET
def mine(request):
    led = led_organisation_ids(request.user)
    applications = (GrantApplication.objects.filter(organisation_id__in=led)
                    .select_related("call", "organisation")
                    .prefetch_related("budget_lines")
                    .order_by("-updated_at", "-id"))
    page, pages = paginate(request, applications)
    return render(request, "grants/mine.html", {"page": page, "pages": pages,
                                                "is_lead": bool(led)})


urlpatterns = [
    path("", call_list, name="list"),
    path("applications/", mine, name="mine"),
    path("<slug:slug>/", call_detail, name="call"),
    path("<slug:slug>/apply/", apply, name="apply"),
]
