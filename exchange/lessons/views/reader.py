"""What a reader does: answer reflective questions privately, keep and export a learning
record, join the mailing list, and propose and vote on themes."""

import csv

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.mailing_list import confirm_page, unsubscribe_page
from exchange.common.permissions import permission_required
from exchange.common.spreadsheets import spreadsheet_safe_row

from .. import domain
from ..domain.mailing_list import MAILING_LIST
from ..forms import ReflectionForm, SubscribeForm, ThemeProposalForm
from ..models import CaseStudy, ThemeProposal, ThemeVote
from .access import page_of
from .public import case_context


@permission_required("people.use_account")
@require_POST
def reflect(request, pk):
    case = get_object_or_404(CaseStudy.objects.published().prefetch_related(
        "questions", "themes", "role_rows"), pk=pk)
    form = ReflectionForm(request.POST, questions=case.questions.all(), answers={})
    done, kept = form.carry_out(lambda: domain.save_reflections(
        user=request.user, case=case, answers=form.answers()))
    if not done:
        return render(request, "lessons/case.html", case_context(request, case, form), status=400)
    messages.success(request, _reflections_saved(kept))
    return redirect(reverse("lessons:case", kwargs={"pk": case.pk}) + "#reflect")


def _reflections_saved(kept):
    if kept == 0:
        return "Your answers to this case study are removed from your learning record."
    answers = "Your answer is" if kept == 1 else f"Your {kept} answers are"
    return f"{answers} saved in your learning record. Only you can see them."


@permission_required("people.use_account")
@require_GET
def learning_record(request):
    page, pages = page_of(request, domain.learning_record(request.user))
    return render(request, "lessons/learning_record.html", {"page": page, "pages": pages})


@permission_required("people.use_account")
@require_GET
def learning_record_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-learning-record.csv"'
    writer = csv.writer(response)
    writer.writerow(["issue", "case study", "audience", "question", "answer", "updated"])
    for reflection in domain.learning_record(request.user).iterator(chunk_size=500):
        question = reflection.question
        case = question.case_study
        writer.writerow(spreadsheet_safe_row([
            case.issue.number if case.issue else "", case.title, question.get_audience_display(),
            question.text, reflection.answer, reflection.updated_at.isoformat(timespec="minutes")]))
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        domain.subscribe(email=form.cleaned_data["email"], themes=form.cleaned_data["themes"])
        return redirect("lessons:subscribe-sent")
    return render(request, "lessons/subscribe.html", {"form": form})


@require_GET
def subscribe_sent(request):
    return render(request, "lessons/subscribe_sent.html")


@require_GET
def subscribe_confirm(request, token):
    return confirm_page(request, MAILING_LIST, token, template="lessons/subscribe_confirmed.html",
                        failed_template="lessons/subscribe_failed.html")


@csrf_exempt  # a mail client's one-click POST has no CSRF token: see unsubscribe_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return unsubscribe_page(request, MAILING_LIST, token, template="lessons/unsubscribe.html",
                            done_template="lessons/unsubscribed.html")


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def themes(request):
    form = ThemeProposalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        domain.propose_theme(user=request.user, **form.cleaned_data)
        messages.success(request, "Thank you. Your theme is sent to the editors, with your vote. "
                                  "Once an editor approves it, other readers can see it and "
                                  "vote for it.")
        return redirect("lessons:themes")
    # Approved proposals, and the reader's own whatever an editor decided, marked as such.
    proposals = (ThemeProposal.objects.for_user(request.user)
                 .annotate(voted=Exists(ThemeVote.objects.filter(proposal=OuterRef("pk"),
                                                                 user=request.user)))
                 .order_by("title"))
    page, pages = page_of(request, proposals)
    return render(request, "lessons/themes.html", {"form": form, "page": page, "pages": pages})


@permission_required("people.use_account")
@require_POST
def theme_vote(request, pk):
    proposal = get_object_or_404(ThemeProposal.objects.for_user(request.user), pk=pk)
    attempt(request, lambda: domain.vote(user=request.user, proposal=proposal,
                                         remove=request.POST.get("remove") == "1"),
            lambda voted: f"Your vote for “{proposal.title}” is "
                          f"{'counted' if voted else 'taken back'}.")
    return redirect("lessons:themes")


