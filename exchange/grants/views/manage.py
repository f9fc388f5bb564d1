"""The organisers' pages: calls, their criteria and state, the ranking table, each
application's panel and decision, and a funded project's report dates and practice entry."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required
from exchange.people.rules import is_reviewer

from ..domain import assessment, calls, decisions, progress
from ..enums import ASSESSED_STATES, ApplicationStatus, CallStatus
from ..forms.assessment import DecisionForm, PanelForm, PracticeEntryForm, ReportDateForm
from ..forms.calls import CallForm, NoteForm, call_initial
from ..models import GrantApplication, GrantCall, ProgressReport

RUN = "grants.run_grants"
ONLY_ORGANISERS = "Only the programme's organisers run small grants."
STATE_ACTIONS = {"open": "Open the call", "close_for_assessment": "Close it for assessment",
                 "finish": "Mark the call decided"}
STATE_DONE = {"open": "The call is open: eligible leads can apply.",
              "close_for_assessment": "The call is closed for assessment. Assign each "
                                      "application's panel.",
              "finish": "The call is decided."}


def _call(slug):
    return get_object_or_404(GrantCall.objects.select_related("programme_year"), slug=slug)


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_GET
def manage(request):
    calls_list = GrantCall.objects.select_related("programme_year").annotate(
        submitted=Count("applications", filter=Q(applications__status__in=ASSESSED_STATES)),
        drafts=Count("applications", filter=Q(applications__status=ApplicationStatus.DRAFT))
    ).order_by("-deadline", "-id")
    page, pages = paginate(request, calls_list)
    return render(request, "grants/manage/calls.html", {"page": page, "pages": pages})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def call_new(request):
    form = CallForm(posted(request))
    if request.method == "POST":
        done, call = form.carry_out(lambda: calls.create_call(
            actor=request.user, criteria=form.criteria(), **form.call_fields()))
        if done:
            messages.success(request, "The call is saved as a draft. Open it when it is ready.")
            return redirect("grants:call-manage", call.slug)
    return render(request, "grants/manage/call_form.html", {"form": form, "call": None})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def call_edit(request, slug):
    call = _call(slug)
    form = CallForm(posted(request), initial=call_initial(call))
    if request.method == "POST":
        done, call = form.carry_out(lambda: calls.edit_call(
            call=call, actor=request.user, criteria=form.criteria(), **form.call_fields()))
        if done:
            messages.success(request, "The call is saved.")
            return redirect("grants:call-manage", call.slug)
    return render(request, "grants/manage/call_form.html", {"form": form, "call": call})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def call_state(request, slug, action):
    call = _call(slug)
    if action not in STATE_ACTIONS:
        raise Http404("That is not done from this page.")
    form = NoteForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: calls.change_call_state(
            call=call, action=action, actor=request.user, note=form.cleaned_data["note"]))
        if done:
            messages.success(request, STATE_DONE[action])
            return redirect("grants:call-manage", call.slug)
    return render(request, "grants/manage/call_state.html", {
        "call": call, "form": form, "action": action, "label": STATE_ACTIONS[action],
        "problem": calls.why_cannot(call, action)})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_GET
def call_manage(request, slug):
    call = _call(slug)
    ranked = assessment.ranking(call)
    return render(request, "grants/manage/call.html", {
        "call": call, "criteria": call.criteria.all(), "ranked": ranked,
        "drafts": call.applications.filter(status=ApplicationStatus.DRAFT).count(),
        "actions": [(action, STATE_ACTIONS[action]) for action in
                    calls.CALLS.allowed_actions(call) if not calls.why_cannot(call, action)],
        "activities": Activity.objects.for_object(call).select_related("actor")[:20]})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def panel(request, pk):
    application = get_object_or_404(GrantApplication.objects.select_related(
        "call", "organisation"), pk=pk, status__in=ASSESSED_STATES)
    possible = assessment.possible_assessors(application)
    current = list(application.panel.select_related("assessor"))
    form = PanelForm(posted(request), assessors=possible,
                     initial={"assessors": [a.assessor_id for a in current]})
    if request.method == "POST":
        done, _ = form.carry_out(lambda: assessment.set_panel(
            application=application, actor=request.user,
            assessors=list(form.cleaned_data["assessors"])))
        if done:
            messages.success(request, "The panel is saved.")
            return redirect("grants:call-manage", application.call.slug)
    return render(request, "grants/manage/panel.html", {
        "application": application, "form": form, "current": current})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    application = get_object_or_404(GrantApplication.objects.select_related(
        "call", "organisation"), pk=pk, status__in=ASSESSED_STATES)
    scores = assessment.scores_of(application)
    weighted, spread = assessment.panel_score(scores)
    form = DecisionForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: decisions.record_decision(
            application=application, actor=request.user,
            funded=form.cleaned_data["decision"] == "funded",
            amount_awarded=form.cleaned_data.get("amount_awarded"),
            feedback=form.cleaned_data["feedback"]))
        if done:
            messages.success(request, "The decision is recorded and the applicant's leads are "
                             "emailed.")
            return redirect("grants:call-manage", application.call.slug)
    return render(request, "grants/manage/decide.html", {
        "application": application, "form": form, "weighted": weighted, "spread": spread,
        "scores": scores,
        "open": application.status == ApplicationStatus.SUBMITTED
        and application.call.status == CallStatus.ASSESSING})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def progress_page(request, pk):
    application = get_object_or_404(GrantApplication.objects.select_related(
        "call", "organisation"), pk=pk, status=ApplicationStatus.FUNDED)
    form = ReportDateForm(posted(request))
    if request.method == "POST":
        done, report = form.carry_out(lambda: progress.add_report_date(
            application=application, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"The {report.kind} is due on "
                             f"{report.due_on:%d %B %Y}. The lead is reminded two weeks "
                             "before.")
            return redirect("grants:progress", application.pk)
    return render(request, "grants/manage/progress.html", {
        "application": application, "form": form,
        "reports": list(application.reports.select_related("practice"))})


@permission_required(RUN, message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def publish_report(request, pk):
    report = get_object_or_404(ProgressReport.objects.select_related(
        "application__organisation", "application__call", "practice"), pk=pk, is_final=True,
        submitted_at__isnull=False)
    application = report.application
    form = PracticeEntryForm(posted(request), initial={
        "summary": (application.aims.splitlines() or [""])[0][:300],
        "mechanism": report.evidence})
    if request.method == "POST":
        done, practice = form.carry_out(lambda: progress.publish_final_report(
            report=report, actor=request.user, **form.cleaned_data))
        if done:
            published = progress.is_published(practice)
            messages.success(request, "The final report is published to the practice bank." if
                             published else "The final report is in the practice bank's review "
                             "queue: a reviewer publishes it.")
            return redirect("grants:progress", application.pk)
    return render(request, "grants/manage/publish.html", {
        "report": report, "application": application, "form": form,
        "publishes": is_reviewer(request.user)})


urlpatterns = [
    path("manage/", manage, name="manage"),
    path("manage/new/", call_new, name="call-new"),
    path("manage/applications/<int:pk>/panel/", panel, name="panel"),
    path("manage/applications/<int:pk>/decision/", decide, name="decide"),
    path("manage/applications/<int:pk>/progress/", progress_page, name="progress"),
    path("manage/reports/<int:pk>/publish/", publish_report, name="publish-report"),
    path("manage/<slug:slug>/", call_manage, name="call-manage"),
    path("manage/<slug:slug>/edit/", call_edit, name="call-edit"),
    path("manage/<slug:slug>/<str:action>/", call_state, name="call-state"),
]
