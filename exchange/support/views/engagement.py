"""A request's engagement pages: dates and agenda, shared documents, the report and its
downloads, the action plan, the progress review, feedback and the anonymised summary, and the
public page of published summaries.

Everything about a request is confidential: it is fetched through
``SupportRequest.objects.for_user`` and anyone else gets 404. Within it each page asks the
permission it needs.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.actions import attempt
from exchange.common.documents import attachment
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.common.uploads import private_download

from ..domain import engagement as domain
from ..domain import report as report_domain
from ..enums import RequestStatus, TeamStatus
from ..exporters import report_document, report_filename
from ..forms.engagement import (
    ActionForm,
    CloseForm,
    ConsentForm,
    DocumentForm,
    EngagementForm,
    FeedbackForm,
    HeldReviewForm,
    MoveReviewForm,
    ReportForm,
    SummaryForm,
)
from ..models import ProgressReview, SharedDocument, SupportRequest

ONLY_ORGANISERS = "Only the peer support programme team can do this."


def _support(request, pk):
    """The request, if the person may see it; 404 otherwise (they do not learn it exists)."""
    support = get_object_or_404(SupportRequest.objects.for_user(request.user)
                                .select_related("organisation", "agreed_terms"), pk=pk)
    require(request.user, "support.view_request", support, hide=True)
    return support


def _page(request, template, support, **context):
    return render(request, f"support/engagement/{template}", {"support": support, **context})


# --- The engagement ------------------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def engagement(request, pk):
    """Dates, agenda and team; organisers set the dates and agenda and start it."""
    support = _support(request, pk)
    runs = allows(request.user, "support.run_support")
    starts_on, ends_on = domain.default_dates(support)
    form = EngagementForm(posted(request), initial={
        "starts_on": starts_on, "ends_on": ends_on, "agenda": support.agenda})
    if request.method == "POST":
        require(request.user, "support.run_support", message=ONLY_ORGANISERS)
        if request.POST.get("action") == "start":
            attempt(request, lambda: domain.start_engagement(request=support, actor=request.user),
                    "The engagement has started. We have emailed the team and the force's leads.")
            return redirect("support:engagement", support.pk)
        done, _ = form.carry_out(lambda: domain.plan_engagement(
            request=support, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "The dates and agenda have been saved.")
            return redirect("support:engagement", support.pk)
    team = (support.team.filter(status=TeamStatus.ACCEPTED)
            .select_related("peer__user", "peer__organisation").order_by("invited_at", "id"))
    return _page(request, "engagement.html", support, form=form, team=team,
                 starts_on=starts_on, ends_on=ends_on,
                 may_plan=runs and support.status in domain.PLANNING_STATES,
                 may_start=runs and support.status == RequestStatus.AGREED,
                 why_not=domain.why_cannot_start(support))


# --- Documents -----------------------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def documents(request, pk):
    support = _support(request, pk)
    require(request.user, "support.share_documents", support, hide=True)
    form = DocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        done, document = form.carry_out(lambda: domain.share_document(
            request=support, actor=request.user, title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"]))
        if done:
            messages.success(request, f"{document.title} is shared with the team, the force's "
                                      "leads and the programme team.")
            return redirect("support:documents", support.pk)
    page, pages = paginate(request, support.documents.select_related("uploaded_by"))
    return _page(request, "documents.html", support, form=form, page=page, pages=pages,
                 runs=allows(request.user, "support.run_support"),
                 may_share=support.status in {RequestStatus.SCOPING, RequestStatus.AGREED,
                                              RequestStatus.UNDER_WAY, RequestStatus.FOLLOW_UP})


def _document(request, pk):
    document = get_object_or_404(
        SharedDocument.objects.filter(request__in=SupportRequest.objects.for_user(request.user))
        .select_related("request__organisation", "uploaded_by"), pk=pk)
    require(request.user, "support.share_documents", document.request, hide=True)
    return document


@permission_required("people.use_account")
@require_GET
def document(request, pk):
    """The file, as a download, only to those who may see the request (never a media URL)."""
    shared = _document(request, pk)
    return private_download(shared.file, title=shared.title, types=domain.DOCUMENT_TYPES,
                            fallback=f"document-{shared.pk}")


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def document_remove(request, pk):
    """GET asks to confirm; POST removes the document (its uploader or organisers)."""
    shared = _document(request, pk)
    if not domain.may_remove_document(request.user, shared):
        raise PermissionDenied("Only the person who shared a document, or the programme team, "
                               "can remove it.")
    if request.method == "POST":
        attempt(request, lambda: domain.remove_document(document=shared, actor=request.user),
                f"{shared.title} has been removed.")
        return redirect("support:documents", shared.request_id)
    return _page(request, "document_remove.html", shared.request, document=shared)


# --- The report ----------------------------------------------------------------------------------


def _may_read_draft(user, support):
    return allows(user, "support.write_report", support)


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """The team and organisers write the findings and recommendations; organisers issue them."""
    support = _support(request, pk)
    may_write = (allows(request.user, "support.write_report", support)
                 and report_domain.report_is_open(support))
    form = ReportForm(posted(request), initial=ReportForm.initial_from(support))
    if request.method == "POST":
        if request.POST.get("action") == "issue":
            require(request.user, "support.run_support", message=ONLY_ORGANISERS)
            attempt(request, lambda: report_domain.issue_report(request=support, actor=request.user),
                    "The report has been issued. We have emailed the force's leads that it is "
                    "ready, and the progress review is scheduled.")
            return redirect("support:report", support.pk)
        if not may_write:
            raise PermissionDenied("Only the team and the programme team write the report, while "
                                   "the engagement is under way.")
        done, _ = form.carry_out(lambda: report_domain.write_report(
            request=support, actor=request.user, findings=form.cleaned_data["findings"],
            recommendations=form.recommendation_list()))
        if done:
            messages.success(request, "The report has been saved. It stays a draft until the "
                                      "programme team issues it.")
            return redirect("support:report", support.pk)
    may_read = bool(support.report_issued_at) or _may_read_draft(request.user, support)
    return _page(request, "report.html", support, form=form, may_write=may_write,
                 may_read=may_read,
                 recommendations=support.recommendations.order_by("number") if may_read else [],
                 may_issue=(allows(request.user, "support.run_support")
                            and support.status == RequestStatus.UNDER_WAY
                            and not domain.is_pairing(support)),
                 why_not_issue=report_domain.why_cannot_issue(support))


@permission_required("people.use_account")
@require_GET
def report_download(request, pk, fmt):
    """The confidential report as PDF or Word: the force's leads once it is issued; the team and
    organisers also before, marked DRAFT."""
    support = _support(request, pk)
    if domain.is_pairing(support):
        raise Http404
    if not support.report_issued_at and not _may_read_draft(request.user, support):
        raise Http404("The report has not been issued yet.")
    response = attachment(report_document(support), fmt, report_filename(support))
    response["Cache-Control"] = "private, no-store"
    return response


# --- The action plan -----------------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def action_plan(request, pk):
    """Everyone who may see the request reads the plan; the force's lead and organisers keep it
    (one recommendation at a time: ``?edit=<number>``)."""
    support = _support(request, pk)
    may_plan = (allows(request.user, "support.plan_actions", support)
                and support.status == RequestStatus.FOLLOW_UP)
    recommendations = list(support.recommendations.select_related("action").order_by("number"))
    number = request.POST.get("recommendation") if request.method == "POST" else \
        request.GET.get("edit")
    editing = next((item for item in recommendations if str(item.number) == number), None)
    form = None
    if editing is not None and may_plan:
        form = ActionForm(posted(request), initial=_action_initial(editing))
    if request.method == "POST":
        require(request.user, "support.plan_actions", support, message="Only the force's leads "
                "and the programme team keep the action plan.")
        if form is None:
            messages.error(request, "The action plan can be changed only during follow-up, one "
                                    "recommendation at a time.")
            return redirect("support:action-plan", support.pk)
        done, _ = form.carry_out(lambda: report_domain.plan_action(
            recommendation=editing, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, f"The action for recommendation {editing.number} has been "
                                      "saved.")
            return redirect(reverse("support:action-plan", args=[support.pk])
                            + f"#recommendation-{editing.number}")
    return _page(request, "action_plan.html", support, recommendations=recommendations,
                 may_plan=may_plan, editing=editing if form else None, form=form,
                 issued=bool(support.report_issued_at))


def _action_initial(recommendation):
    item = getattr(recommendation, "action", None)
    if item is None:
        return {}
    return {"action": item.action, "owner": item.owner, "due_on": item.due_on,
            "status": item.status, "progress": item.progress}


# --- The progress review -------------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def progress_review(request, pk):
    """The review's date and what it found; organisers move it, record it and close the request
    (introductions, mentoring and coaching close from here without a review)."""
    support = _support(request, pk)
    review = ProgressReview.objects.filter(request=support).first()
    runs = allows(request.user, "support.run_support")
    sent = request.POST.get("form") if request.method == "POST" else None
    move_form = MoveReviewForm(posted(request) if sent == "move" else None,
                               initial={"due_on": review.due_on if review else None}, prefix="move")
    held_form = HeldReviewForm(posted(request) if sent == "held" else None, prefix="held")
    close_form = CloseForm(posted(request) if sent == "close" else None, prefix="close")
    if request.method == "POST":
        require(request.user, "support.run_support", message=ONLY_ORGANISERS)
        said = _review_action(request, support, review, sent, move_form, held_form, close_form)
        if said:
            messages.success(request, said)
            return redirect("support:progress-review", support.pk)
    return _page(request, "progress_review.html", support, review=review, runs=runs,
                 move_form=move_form, held_form=held_form, close_form=close_form,
                 may_change=runs and review is not None and not review.held_on
                 and support.status == RequestStatus.FOLLOW_UP,
                 may_close=runs and not report_domain.why_cannot_close(support),
                 pairing=domain.is_pairing(support))


def _review_action(request, support, review, sent, move_form, held_form, close_form):
    """Runs the form that was sent; the success message, or None (errors are on the form)."""
    if sent == "close":
        done, _ = close_form.carry_out(lambda: report_domain.close_request(
            request=support, actor=request.user, note=close_form.cleaned_data["note"]))
        return "The request is closed." if done else None
    if review is None or sent not in {"move", "held"}:
        messages.error(request, "There is no progress review to change yet.")
        return None
    if sent == "move":
        done, moved = move_form.carry_out(lambda: report_domain.move_progress_review(
            review=review, actor=request.user, due_on=move_form.cleaned_data["due_on"]))
        return f"The progress review is now due on {moved.due_on:%-d %B %Y}." if done else None
    done, _ = held_form.carry_out(lambda: report_domain.record_progress_review(
        review=review, actor=request.user, **held_form.cleaned_data))
    return "The progress review has been recorded. You can close the request now." if done else None


# --- Feedback ------------------------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    """The force's lead rates the support and says what changed; organisers read it."""
    support = _support(request, pk)
    require(request.user, "support.speak_for_force", support,
            message="Only the force's leads and the programme team see the feedback.")
    may_rate = allows(request.user, "support.rate_support", support)
    form = FeedbackForm(posted(request), initial={"rating": support.rating,
                                                  "what_changed": support.what_changed})
    if request.method == "POST":
        require(request.user, "support.rate_support", support,
                message="Only the force's leads rate the support.")
        done, _ = form.carry_out(lambda: domain.rate_support(
            request=support, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "Thank you: your feedback has been saved.")
            return redirect("support:feedback", support.pk)
    return _page(request, "feedback.html", support, form=form, may_rate=may_rate,
                 why_not=domain.why_cannot_rate(support))


# --- The anonymised summary ----------------------------------------------------------------------


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def summary(request, pk):
    """Organisers write the summary; the force's lead consents or not; organisers publish it."""
    support = _support(request, pk)
    may_write = allows(request.user, "support.run_support")
    may_consent = allows(request.user, "support.consent_to_summary", support)
    require(request.user, "support.speak_for_force", support,
            message="Only the force's leads and the programme team see the summary.")
    sent = request.POST.get("form") if request.method == "POST" else None
    summary_form = SummaryForm(posted(request) if sent == "summary" else None,
                               initial={"public_summary": support.public_summary}, prefix="summary")
    consent_form = ConsentForm(posted(request) if sent == "consent" else None, prefix="consent")
    if sent == "publish":
        require(request.user, "support.run_support", message=ONLY_ORGANISERS)
        attempt(request, lambda: domain.publish_summary(request=support, actor=request.user),
                "The summary is published on the peer support learning page.")
        return redirect("support:summary", support.pk)
    if request.method == "POST":
        said = _summary_action(request, support, sent, may_write, may_consent, summary_form,
                               consent_form)
        if said:
            messages.success(request, said)
            return redirect("support:summary", support.pk)
    return _page(request, "summary.html", support, may_write=may_write, may_consent=may_consent,
                 summary_form=summary_form, consent_form=consent_form,
                 may_edit=may_write and support.status in domain.SUMMARY_STATES,
                 activities=Activity.objects.for_object(support).filter(
                     verb__in=["edit_summary", "consent_summary", "withhold_summary_consent",
                               "publish_summary"]).select_related("actor")[:20])


def _summary_action(request, support, sent, may_write, may_consent, summary_form, consent_form):
    if sent == "consent":
        if not may_consent:
            raise PermissionDenied("Only the force's leads consent to publishing the summary.")
        done, _ = consent_form.carry_out(lambda: domain.consent_to_summary(
            request=support, actor=request.user, consent=consent_form.cleaned_data["consent"]))
        if not done:
            return None
        return ("Thank you: the programme team can publish the summary now."
                if support.summary_consented_at else "The summary will not be published.")
    if not may_write:
        raise PermissionDenied(ONLY_ORGANISERS)
    done, _ = summary_form.carry_out(lambda: domain.write_summary(
        request=support, actor=request.user, text=summary_form.cleaned_data["public_summary"]))
    return ("The summary has been saved. We have asked the force's leads to consent to "
            "publishing it." if done else None)


@require_GET
def learning(request):
    """Published anonymised summaries, newest first: public."""
    page, pages = paginate(request, domain.published_summaries())
    return render(request, "support/engagement/learning.html", {"page": page, "pages": pages})


urlpatterns = [
    path("requests/<int:pk>/engagement/", engagement, name="engagement"),
    path("requests/<int:pk>/documents/", documents, name="documents"),
    path("documents/<int:pk>/", document, name="document"),
    path("documents/<int:pk>/remove/", document_remove, name="document-remove"),
    path("requests/<int:pk>/report/", report, name="report"),
    path("requests/<int:pk>/report.<slug:fmt>", report_download, name="report-download"),
    path("requests/<int:pk>/action-plan/", action_plan, name="action-plan"),
    path("requests/<int:pk>/progress-review/", progress_review, name="progress-review"),
    path("requests/<int:pk>/feedback/", feedback, name="feedback"),
    path("requests/<int:pk>/summary/", summary, name="summary"),
    path("learning/", learning, name="learning"),
]
