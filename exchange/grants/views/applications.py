"""An application's pages: the lead's draft, check and submit, withdraw, and the reports on a
funded project. Confidential: anyone but the applicant's leads, the organisers and (once it is
submitted) its panel gets 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.permissions import allows, permission_required

from ..domain import applications as applying
from ..domain import progress
from ..domain.calls import is_taking_applications
from ..enums import ApplicationStatus
from ..forms.applications import ApplicationForm, ReportForm, WithdrawForm, application_initial
from ..models import ProgressReport
from .lookups import visible_application

# Where each part the submit check names is on the edit page.
PART_FIELDS = {"project_title": "id_project_title", "aims": "id_aims", "method": "id_method",
               "evaluation_plan": "id_evaluation_plan", "budget": "id_line_1_item"}


# Who sits on the panel and when they scored is for the organisers, not the applicant.
PANEL_VERBS = ("assign", "unassign", "score")


def _activities(application, *, staff):
    entries = Activity.objects.for_object(application).select_related("actor")
    return entries[:40] if staff else entries.exclude(verb__in=PANEL_VERBS)[:40]


@permission_required("grants.view_application", fn=visible_application)
@require_GET
def detail(request, pk):
    application = visible_application(request, pk)
    user = request.user
    staff = allows(user, "grants.run_grants")
    lead = allows(user, "grants.withdraw_application", application)
    return render(request, "grants/application.html", {
        "application": application, "call": application.call,
        "lines": application.budget_lines.all(), "total": application.budget_total,
        "staff": staff, "lead": lead,
        "may_edit": allows(user, "grants.change_application", application),
        "may_withdraw": lead and "withdraw" in applying.APPLICATIONS.allowed_actions(application),
        "on_panel": allows(user, "grants.score_application", application),
        "reports": list(application.reports.select_related("practice"))
        if application.status == ApplicationStatus.FUNDED else [],
        "taking": is_taking_applications(application.call),
        "activities": _activities(application, staff=staff) if staff or lead else None,
    })


@permission_required("grants.view_application", fn=visible_application)
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    application = visible_application(request, pk)
    if not allows(request.user, "grants.change_application", application):
        raise PermissionDenied("Only the applicant organisation's leads change a draft.")
    form = ApplicationForm(posted(request), initial=application_initial(application))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: applying.save_draft(
            application=application, actor=request.user, budget_lines=form.budget_lines(),
            **form.content()))
        if done:
            if "check" in request.POST:
                return redirect("grants:application-submit", application.pk)
            messages.success(request, "Your draft is saved. Come back to it at any time before "
                             "the deadline.")
            return redirect("grants:application", application.pk)
    return render(request, "grants/edit.html", {
        "application": application, "call": application.call, "form": form})


@permission_required("grants.view_application", fn=visible_application)
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    application = visible_application(request, pk)
    if not allows(request.user, "grants.change_application", application):
        raise PermissionDenied("Only the applicant organisation's leads submit a draft.")
    problems = applying.missing_for_submission(application)
    refusal = ""
    if request.method == "POST":
        try:
            applying.submit_application(application=application, actor=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                problems = {k: " ".join(v) for k, v in error.message_dict.items()}
            else:
                refusal = " ".join(error.messages)
        else:
            messages.success(request, "Your application is submitted. The programme team will "
                             "tell you the panel's decision.")
            return redirect("grants:application", application.pk)
    return render(request, "grants/submit.html", {
        "application": application, "call": application.call,
        "lines": application.budget_lines.all(), "total": application.budget_total,
        "problems": [(text, PART_FIELDS.get(part, "")) for part, text in problems.items()],
        "posted": request.method == "POST", "refusal": refusal,
        "taking": is_taking_applications(application.call)})


@permission_required("grants.view_application", fn=visible_application)
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = visible_application(request, pk)
    if not allows(request.user, "grants.withdraw_application", application):
        raise PermissionDenied("Only the applicant organisation's leads withdraw it.")
    form = WithdrawForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: applying.withdraw_application(
            application=application, actor=request.user, note=form.cleaned_data["note"]))
        if done:
            messages.success(request, "The application is withdrawn.")
            return redirect("grants:application", application.pk)
    return render(request, "grants/withdraw.html", {
        "application": application, "form": form,
        "allowed": "withdraw" in applying.APPLICATIONS.allowed_actions(application)})


@permission_required("grants.view_application", fn=visible_application)
@require_http_methods(["GET", "POST"])
def report(request, pk, report_pk):
    application = visible_application(request, pk)
    if application.status != ApplicationStatus.FUNDED:
        raise Http404("Only a funded project has reports.")
    report = get_object_or_404(ProgressReport, application=application, pk=report_pk)
    may_write = not report.submitted_at and allows(request.user, "grants.report_progress",
                                                   application)
    form = ReportForm(posted(request)) if may_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only a lead of the funded organisation writes its reports, "
                                   "once.")
        done, _ = form.carry_out(lambda: progress.submit_report(
            report=report, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"Your {report.kind} is sent to the programme team.")
            return redirect("grants:application", application.pk)
    return render(request, "grants/report.html", {
        "application": application, "report": report, "form": form})


urlpatterns = [
    path("applications/<int:pk>/", detail, name="application"),
    path("applications/<int:pk>/edit/", edit, name="application-edit"),
    path("applications/<int:pk>/submit/", submit, name="application-submit"),
    path("applications/<int:pk>/withdraw/", withdraw, name="application-withdraw"),
    path("applications/<int:pk>/reports/<int:report_pk>/", report, name="report"),
]
