"""The staff assessor's pages: the applications they are on the panel of, and their own scoring
page for each."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.permissions import permission_required

from ..domain import assessment
from ..enums import ApplicationStatus, CallStatus
from ..forms.assessment import ScoreForm
from ..models import PanelAssignment
from .lookups import visible_application


@permission_required("grants.assess", message="Only organisers and reviewers assess "
                     "applications for small grants.")
@require_GET
def assessments(request):
    return render(request, "grants/assess/list.html", {
        "assignments": list(assessment.assignments_for(request.user))})


@permission_required("grants.score_application", fn=visible_application,
                     message="Only the assessors on this application's panel score it.")
@require_http_methods(["GET", "POST"])
def score(request, pk):
    application = visible_application(request, pk)
    assignment = get_object_or_404(PanelAssignment, application=application,
                                   assessor=request.user)
    criteria = list(application.call.criteria.all())
    given = {s.criterion_id: s for s in assignment.scores.all()}
    initial = {}
    for criterion_id, given_score in given.items():
        initial[f"score_{criterion_id}"] = str(given_score.score)
        initial[f"comment_{criterion_id}"] = given_score.comment
    open_for_scoring = (application.status == ApplicationStatus.SUBMITTED
                        and application.call.status != CallStatus.DECIDED)
    form = ScoreForm(posted(request), criteria=criteria, initial=initial) \
        if open_for_scoring else None
    if request.method == "POST" and form is not None:
        done, _ = form.carry_out(lambda: assessment.save_scores(
            assignment=assignment, actor=request.user, scores=form.scores()))
        if done:
            messages.success(request, "Your scores are saved. You can change them until the "
                             "decision is made.")
            return redirect("grants:assessments")
    return render(request, "grants/assess/score.html", {
        "application": application, "call": application.call, "form": form,
        "assignment": assignment, "given": [(c, given.get(c.pk)) for c in criteria],
        "lines": application.budget_lines.all(), "total": application.budget_total})


urlpatterns = [
    path("assess/", assessments, name="assessments"),
    path("assess/<int:pk>/", score, name="score"),
]
