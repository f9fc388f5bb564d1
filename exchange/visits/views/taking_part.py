"""Pages for people taking part: leads applying, visitors withdrawing, answering offers,
preparing, recording learning and checking in, and the host reading the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.actions import attempt
from exchange.common.documents import attachment
from exchange.common.forms import posted
from exchange.common.permissions import permission_required, require

from .. import domain
from ..exporters import host_report_document
from ..forms import AcknowledgeForm, ApplicationForm, CheckInForm, LearningPointForm
from ..models import (
    Application,
    CheckIn,
    LearningPoint,
    Material,
    PlaceOffer,
    PreparationCall,
    Visit,
    Visitor,
)


def _visit(request, pk):
    return get_object_or_404(Visit.objects.for_user(request.user)
                             .select_related("host_organisation", "programme_year"), pk=pk)


@permission_required("people.use_account")
@require_GET
def your_visits(request):
    """The visits the person is named on, each with the next thing it asks of them."""
    return render(request, "visits/mine.html", {"rows": domain.visits_of(request.user)})


@permission_required("people.use_account")
def apply(request, pk):
    """Apply for the lead's force, or change the application while the window is open."""
    visit = _visit(request, pk)
    reason = domain.why_cannot_apply(request.user, visit)
    if reason:
        raise PermissionDenied(reason)
    organisation = domain.lead_organisation(request.user)
    application = Application.objects.active().filter(visit=visit, organisation=organisation).first()
    initial = ApplicationForm.initial_from(application) if application else {}
    form = ApplicationForm(posted(request), initial=initial)
    if request.method == "POST":
        # rows() is read before the domain runs: it tells a refusal which row it is about.
        done, _ = form.carry_out(
            lambda: domain.apply(visit=visit, lead=request.user, visitors=form.rows()[0]))
        if done:
            messages.success(request, f"Your application for {organisation.name} has been "
                             f"{'changed' if application else 'sent'}.")
            return redirect("visits:detail", visit.pk)
    return render(request, "visits/apply.html", {
        "visit": visit, "form": form, "organisation": organisation, "application": application})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def withdraw_application(request, pk):
    """GET asks the lead to confirm; POST withdraws the force's whole application."""
    visit = _visit(request, pk)
    organisation = domain.lead_organisation(request.user)
    application = get_object_or_404(Application.objects.active(), visit=visit,
                                    organisation=organisation)
    if request.method == "POST":
        attempt(request, lambda: domain.withdraw_application(application=application,
                                                             actor=request.user),
                f"The application for {organisation.name} has been withdrawn.")
        return redirect("visits:detail", visit.pk)
    return render(request, "visits/withdraw_application.html", {
        "visit": visit, "application": application,
        "visitors": application.visitors.select_related("user").order_by("user__full_name")})


@permission_required("people.use_account")
def withdraw_visitor(request, pk):
    visitor = get_object_or_404(Visitor.objects.for_user(request.user).current()
                                .select_related("user", "visit", "application__organisation"), pk=pk)
    require(request.user, "visits.withdraw_visitor", visitor, hide=True)
    if request.method == "POST":
        attempt(request, lambda: domain.withdraw_visitor(visitor=visitor, actor=request.user),
                f"{visitor.user.full_name} has withdrawn from the visit.")
        return redirect("visits:detail", visitor.visit_id)
    return render(request, "visits/withdraw.html", {"visitor": visitor, "visit": visitor.visit})


@permission_required("people.use_account")
def offer(request, pk):
    offer = get_object_or_404(PlaceOffer.objects.for_user(request.user)
                              .select_related("visit__host_organisation", "entry__organisation"), pk=pk)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer == "accept":
            attempt(request, lambda: domain.accept_offer(offer=offer, actor=request.user),
                    "You have accepted the place.")
        elif answer == "decline":
            attempt(request, lambda: domain.decline_offer(offer=offer, actor=request.user),
                    "You have declined the place. Thank you for saying.")
        else:
            messages.error(request, "Choose to accept or decline the place.")
        return redirect("visits:detail", offer.visit_id)
    visitors = offer.entry.visitors.select_related("user")
    return render(request, "visits/offer.html", {"offer": offer, "visit": offer.visit,
                                                 "visitors": visitors})


@permission_required("people.use_account")
@require_GET
def invitation(request, pk):
    visit = _visit(request, pk)
    domain.preparation.require_joining(request.user, visit)
    call = get_object_or_404(PreparationCall.objects.select_related("visit"), visit=visit)
    response = HttpResponse(domain.invitation(call), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="preparation-call.ics"'
    return response


@permission_required("people.use_account")
@require_GET
def material(request, pk):
    item = get_object_or_404(Material.objects.for_user(request.user).distinct(), pk=pk)
    if item.link:
        return redirect(item.link)
    return FileResponse(item.file.open("rb"), as_attachment=True,
                        filename=item.file.name.rsplit("/", 1)[-1], content_type=item.content_type)


@permission_required("people.use_account")
def learning(request, pk):
    visit = _visit(request, pk)
    require(request.user, "visits.record_learning", visit,
            message="Only visitors who had a place can record learning points.")
    form = LearningPointForm(posted(request), visit=visit)
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.record_learning_point(
            visit=visit, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "Your learning point has been saved. Add another if you like.")
            return redirect("visits:learning", visit.pk)
    points = visit.learning_points.filter(visitor__user=request.user)
    return render(request, "visits/learning.html", {
        "visit": visit, "form": form, "points": points,
        "may_change": domain.learning_point_may_change(points[0]) if points else False})


def _own_point(request, pk):
    point = get_object_or_404(LearningPoint.objects.for_user(request.user)
                              .select_related("visit", "visitor"), pk=pk)
    require(request.user, "visits.change_learning_point", point, hide=True)
    return point


@permission_required("people.use_account")
def edit_learning(request, pk):
    """The author changes a learning point, until the host report is sent."""
    point = _own_point(request, pk)
    visit = point.visit
    form = LearningPointForm(posted(request), visit=visit, initial={
        "question": point.question, "theme": point.theme, "key_learning": point.key_learning,
        "how_to_apply": point.how_to_apply})
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.edit_learning_point(
            point=point, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "Your learning point has been changed.")
            return redirect("visits:learning", visit.pk)
    return render(request, "visits/learning_edit.html", {
        "visit": visit, "point": point, "form": form,
        "may_change": domain.learning_point_may_change(point)})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def delete_learning(request, pk):
    """GET asks the author to confirm; POST deletes the point, until the host report is sent."""
    point = _own_point(request, pk)
    if request.method == "POST":
        attempt(request, lambda: domain.delete_learning_point(point=point, actor=request.user),
                "Your learning point has been deleted.")
        return redirect("visits:learning", point.visit_id)
    return render(request, "visits/learning_delete.html", {
        "visit": point.visit, "point": point,
        "may_change": domain.learning_point_may_change(point)})


@permission_required("people.use_account")
def check_in(request, pk):
    item = get_object_or_404(CheckIn.objects.for_user(request.user)
                             .select_related("visitor__visit", "visitor__user"), pk=pk)
    require(request.user, "visits.complete_check_in", item, hide=True)
    form = CheckInForm(posted(request), initial={
        "applied": item.applied, "obstacles": item.obstacles, "wants_help": item.wants_help,
        "help_note": item.help_note})
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.complete_check_in(
            check_in=item, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"Thank you: your week {item.week} check-in is saved.")
            return redirect("visits:detail", item.visitor.visit_id)
    return render(request, "visits/check_in.html", {"check_in": item, "visit": item.visitor.visit,
                                                    "form": form})


def host_report(request, token):
    """The host reads the report and acknowledges it, through the signed link they were sent."""
    visit = domain.visit_for_host_token(token)
    report = getattr(visit, "host_report", None) if visit else None
    if report is None or report.sent_at is None:
        raise Http404
    form = AcknowledgeForm(posted(request), initial={"name": visit.host_contact_name})
    if request.method == "POST" and form.is_valid():
        domain.acknowledge_host_report(visit=visit, name=form.cleaned_data["name"])
        messages.success(request, "Thank you for confirming you received the report.")
        return redirect("visits:host-report-view", token)
    return render(request, "visits/host_report.html", {
        "visit": visit, "report": report, "form": form, "token": token})


@require_GET
def host_report_download(request, token, fmt):
    visit = domain.visit_for_host_token(token)
    report = getattr(visit, "host_report", None) if visit else None
    if report is None or report.sent_at is None:
        raise Http404
    return report_download(report, fmt)


def report_download(report, fmt):
    return attachment(host_report_document(report), fmt, f"visit-{report.visit_id}-report")
