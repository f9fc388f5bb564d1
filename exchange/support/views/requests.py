"""Asking for support, the lists of requests, a request's page, its terms of reference, the
matrix and the self-assessment.

A request is confidential: it is fetched through ``SupportRequest.objects.for_user`` and anyone
who may not see it gets 404; someone not signed in is sent to sign in first.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..domain import assessment as assessing
from ..domain import requests as requesting
from ..domain import terms as terms_domain
from ..enums import RequestStatus, SupportType
from ..forms.requests import (
    ReasonForm,
    RequestFilterForm,
    SelfAssessmentForm,
    SupportRequestForm,
    TermsForm,
)
from ..models import SelfAssessment, SupportRequest, TermsVersion
from ..rules import can_run_support

NOT_A_LEAD = ("Only an organisation lead can ask for support for their force. If you lead your "
              "force's work with the Exchange, ask the programme team to record you as its lead.")


def visible_request(request, pk, *args, **kwargs):
    """The support request ``pk`` if the person may see it (404 if not); None for someone not
    signed in, whom the permission check sends to sign in. Kept on ``request`` for the view."""
    if not request.user.is_authenticated:
        return None
    cached = getattr(request, "_support_request", None)
    if cached is None or cached.pk != pk:
        cached = get_object_or_404(SupportRequest.objects.for_user(request.user).select_related(
            "organisation", "requested_by", "agreed_terms"), pk=pk)
        request._support_request = cached
    return cached


def _led_organisation(user):
    ids = led_organisation_ids(user)
    return Organisation.objects.filter(pk__in=ids).order_by("name").first() if ids else None


# --- Lists and asking ----------------------------------------------------------------------

@permission_required("people.use_account")
@require_GET
def request_list(request):
    staff = can_run_support(request.user)
    requests = requesting.with_latest_terms(SupportRequest.objects.for_user(request.user)
                                            .select_related("organisation"))
    context = {"staff": staff, "is_lead": bool(led_organisation_ids(request.user))}
    if staff:
        filters = RequestFilterForm(request.GET, statuses=RequestStatus.choices,
                                    types=SupportType.choices,
                                    organisations=Organisation.objects.filter(
                                        support_requests__isnull=False).distinct()
                                    .order_by("name").values_list("pk", "name"))
        if filters.is_valid():
            wanted = {"status": filters.cleaned_data["status"],
                      "support_type": filters.cleaned_data["support_type"],
                      "organisation_id": filters.cleaned_data["organisation"]}
            requests = requests.filter(**{k: v for k, v in wanted.items() if v})
        context.update(filters=filters,
                       waiting=requesting.waiting_on_staff(requesting.with_latest_terms(
                           SupportRequest.objects.all())).count())
    page, pages = paginate(request, requests)
    context.update(page=page, pages=pages)
    return render(request, "support/requests/list.html", context)


@permission_required("support.ask_for_support", message=NOT_A_LEAD)
@require_http_methods(["GET", "POST"])
def request_new(request):
    led = Organisation.objects.filter(pk__in=led_organisation_ids(request.user)).order_by("name")
    organisation = led.first()
    form = SupportRequestForm(posted(request), organisations=led)
    if request.method == "POST":
        done, created = form.carry_out(lambda: requesting.ask_for_support(
            lead=request.user, **{"organisation": organisation, **form.cleaned_data}))
        if done:
            messages.success(request, "Your request has been sent. The programme team will "
                             "read it and get in touch to agree terms of reference with you.")
            return redirect("support:request", created.pk)
    # The caption names the force only when the lead has one; otherwise the form asks.
    return render(request, "support/requests/new.html", {
        "form": form, "organisation": organisation if len(led) == 1 else None})


# --- A request -----------------------------------------------------------------------------

@permission_required("support.view_request", fn=visible_request)
@require_GET
def request_detail(request, pk):
    support_request = visible_request(request, pk)
    user = request.user
    show_log = requesting.may_see_activity(support_request, user)
    actions = [(action, label) for action, label in requesting.STATE_ACTIONS.items()
               if action in requesting.REQUESTS.allowed_actions(support_request)
               and _may_change(user, support_request, action)]
    return render(request, "support/requests/detail.html", {
        "support_request": support_request,
        "topics": support_request.topics.all(),
        "next_step": requesting.next_step(support_request, user),
        "actions": actions,
        "activities": (Activity.objects.for_object(support_request).select_related("actor")[:40]
                       if show_log else None),
    })


def _may_change(user, support_request, action):
    if action == "withdraw":
        return allows(user, "support.agree_terms", support_request)
    return allows(user, "support.run_support")


@permission_required("support.view_request", fn=visible_request)
@require_http_methods(["GET", "POST"])
def request_state(request, pk, action):
    support_request = visible_request(request, pk)
    if action not in requesting.STATE_ACTIONS:
        raise Http404("That is not done from this page.")
    if not _may_change(request.user, support_request, action):
        raise PermissionDenied("Only the programme team (or, to withdraw it, the force's lead) "
                               "can do that.")
    form = ReasonForm(posted(request))
    if action == "decline":
        form.fields["note"].required = True
        form.fields["note"].label = "Why is the request declined?"
        form.fields["note"].help_text = "The force's lead reads this in the email we send."
        form.fields["note"].error_messages["required"] = (
            "Enter why the request is declined: the force's lead will read it")
    elif action == "withdraw":
        form.fields["note"].label = "Why is it withdrawn?"
    else:
        del form.fields["note"]
    if request.method == "POST":
        done, _ = form.carry_out(lambda: requesting.change_state(
            request=support_request, action=action, actor=request.user,
            note=form.cleaned_data.get("note", "")))
        if done:
            messages.success(request, requesting.STATE_DONE[action])
            return redirect("support:request", support_request.pk)
    return render(request, "support/requests/state.html", {
        "support_request": support_request, "form": form, "action": action,
        "label": requesting.STATE_ACTIONS[action],
        "allowed": action in requesting.REQUESTS.allowed_actions(support_request)})


# --- Terms of reference --------------------------------------------------------------------

def _may_propose(user, support_request):
    if not allows(user, "support.agree_terms", support_request):
        return False
    if support_request.status == RequestStatus.SUBMITTED:
        return can_run_support(user)
    return support_request.status == RequestStatus.SCOPING


@permission_required("support.view_request", fn=visible_request)
@require_http_methods(["GET", "POST"])
def terms(request, pk):
    support_request = visible_request(request, pk)
    versions = terms_domain.versions_with_changes(support_request)
    may_propose = _may_propose(request.user, support_request)
    latest = next((v for v in versions if v.is_latest), None)
    initial = {name: getattr(latest, name) for name in terms_domain.TERMS_FIELDS} if latest else {}
    form = TermsForm(posted(request), initial=initial) if may_propose else None
    if request.method == "POST":
        if form is None:
            require(request.user, "support.agree_terms", support_request)
            raise PermissionDenied("New terms of reference are proposed only while scoping.")
        done, version = form.carry_out(lambda: terms_domain.propose_terms(
            request=support_request, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"Version {version.number} of the terms of reference is "
                             "proposed. We have emailed the other side to review it.")
            return redirect("support:terms", support_request.pk)
    return render(request, "support/requests/terms.html", {
        "support_request": support_request, "versions": versions, "form": form,
        "latest": latest,
        "may_accept": (support_request.status == RequestStatus.SCOPING
                       and allows(request.user, "support.agree_terms", support_request)),
        "side": "staff" if can_run_support(request.user) else "force",
    })


@permission_required("support.agree_terms", fn=visible_request,
                     message="Only the force's lead and the programme team accept the terms.")
@require_POST
def terms_accept(request, pk, number):
    support_request = visible_request(request, pk)
    get_object_or_404(TermsVersion, request=support_request, number=number)
    attempt(request, lambda: terms_domain.accept_terms(request=support_request, number=number,
                                                       actor=request.user),
            lambda version: (f"The terms of reference are agreed: version {version.number}."
                             if version.accepted_by_both else
                             f"You have accepted version {version.number}. We have asked the "
                             "other side to accept it too."))
    return redirect("support:terms", support_request.pk)


# --- The matrix and the self-assessment -----------------------------------------------------

@require_GET
def matrix(request):
    return render(request, "support/requests/matrix.html",
                  {"dimensions": assessing.active_dimensions()})


def _assessment_view(assessment, dimensions):
    scores = assessing.scores_of(assessment) if assessment else []
    return {"assessment": assessment, "scores": scores,
            "chart": assessing.chart(scores, top_level=assessing.top_level(dimensions))
            if scores else None}


@permission_required("support.view_request", fn=visible_request)
@require_http_methods(["GET", "POST"])
def self_assessment(request, pk):
    support_request = visible_request(request, pk)
    may_assess = (support_request.status not in assessing.ENDED
                  and allows(request.user, "support.assess_force", support_request))
    dimensions = assessing.active_dimensions()
    submitted = (SelfAssessment.objects.filter(request=support_request,
                                               submitted_at__isnull=False)
                 .select_related("completed_by").order_by("-submitted_at").first())
    draft = assessing.draft_for(organisation=support_request.organisation,
                                request=support_request) if may_assess else None
    form = None
    if may_assess:
        form = SelfAssessmentForm(posted(request), dimensions=dimensions,
                                  initial=SelfAssessmentForm.initial_from(draft or submitted))
    if request.method == "POST":
        if form is None:
            require(request.user, "support.assess_force", support_request)
            raise PermissionDenied("This request has ended: its self-assessment is kept as it was.")
        submit = request.POST.get("save") == "submit"
        done, _ = form.carry_out(lambda: assessing.save_assessment(
            organisation=support_request.organisation, actor=request.user,
            scores=form.scores(), request=support_request, submit=submit))
        if done:
            messages.success(request, "The self-assessment is submitted." if submit else
                             "Your draft is saved. Submit it when every dimension is scored.")
            return redirect("support:self-assessment", support_request.pk)
    return render(request, "support/requests/self_assessment.html", {
        "support_request": support_request, "form": form, "draft": draft,
        "dimensions": dimensions, **_assessment_view(submitted, dimensions)})


def _assessed_force(request, *args, **kwargs):
    """What ``support.assess_force`` is asked about on the assessments page: the force chosen
    (organisers) or led (leads), as an unsaved assessment of it."""
    organisation = _chosen_force(request)
    return SelfAssessment(organisation=organisation) if organisation else None


def _chosen_force(request):
    if not request.user.is_authenticated:
        return None
    wanted = request.GET.get("organisation", "")
    if can_run_support(request.user):
        return Organisation.objects.filter(pk=wanted).first() if wanted.isdigit() else None
    led = led_organisation_ids(request.user)
    if wanted.isdigit() and int(wanted) in led:
        return Organisation.objects.get(pk=wanted)
    return _led_organisation(request.user)


@permission_required("support.assess_force", fn=_assessed_force,
                     message="Only organisation leads and the programme team see assessments.")
@require_GET
def assessments(request):
    organisation = _chosen_force(request)
    context = {"organisation": organisation, "staff": can_run_support(request.user)}
    if context["staff"]:
        context["forces"] = Organisation.objects.filter(
            self_assessments__submitted_at__isnull=False).distinct().order_by("name")
    if organisation is not None:
        done = list(SelfAssessment.objects.filter(organisation=organisation,
                                                  submitted_at__isnull=False)
                    .select_related("request", "completed_by").order_by("-submitted_at"))
        context["assessments"] = done
        context.update(_comparison(request, done))
    return render(request, "support/requests/assessments.html", context)


def _comparison(request, done):
    """The two assessments to set side by side: those chosen, or the latest two."""
    by_id = {str(a.pk): a for a in done}
    first, second = by_id.get(request.GET.get("first")), by_id.get(request.GET.get("second"))
    if (first is None or second is None) and len(done) >= 2:
        first, second = done[1], done[0]
    if first is None or second is None or first.pk == second.pk:
        return {"comparison": None}
    earlier, later = sorted([first, second], key=lambda a: a.submitted_at)
    return {"comparison": assessing.compare(earlier, later), "earlier": earlier, "later": later}


@permission_required("people.use_account")
@require_GET
def assessment(request, pk):
    found = get_object_or_404(SelfAssessment.objects.for_user(request.user)
                              .select_related("organisation", "request", "completed_by"), pk=pk)
    if found.request is not None:
        require(request.user, "support.view_request", found.request, hide=True)
    else:
        require(request.user, "support.assess_force", found, hide=True)
    dimensions = assessing.active_dimensions()
    return render(request, "support/requests/assessment.html",
                  {"organisation": found.organisation, **_assessment_view(found, dimensions)})


urlpatterns = [
    path("requests/", request_list, name="requests"),
    path("requests/new/", request_new, name="request-new"),
    path("requests/<int:pk>/", request_detail, name="request"),
    path("requests/<int:pk>/state/<slug:action>/", request_state, name="request-state"),
    path("requests/<int:pk>/terms/", terms, name="terms"),
    path("requests/<int:pk>/terms/<int:number>/accept/", terms_accept, name="terms-accept"),
    path("requests/<int:pk>/self-assessment/", self_assessment, name="self-assessment"),
    path("matrix/", matrix, name="matrix"),
    path("self-assessments/", assessments, name="assessments"),
    path("self-assessments/<int:pk>/", assessment, name="assessment"),
]
