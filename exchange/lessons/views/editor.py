"""The editors' pages: write issues, cases and articles, see the anonymisation gate's findings
in place, override a finding with a reason, and move work through review to publication."""

from itertools import groupby

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.common.actions import attempt
from exchange.common.anonymisation import find_identifiers
from exchange.common.forms import posted
from exchange.common.models import Activity
from exchange.common.permissions import permission_required

from .. import domain
from ..enums import ACTION_DONE, ACTION_LABELS, EditorialStatus, FindingKind
from ..forms import ArticleForm, CaseStudyForm, EditorialActionForm, IssueForm, OverrideForm
from ..models import Article, CaseStudy, LessonsIssue, ThemeProposal
from .access import page_of

ACTIONS = {slug.replace("_", "-"): slug for slug in ACTION_LABELS}
NOTE_LABELS = {"return_to_draft": ("What needs to change?", True),
               "withdraw": ("Why is it being withdrawn?", True),
               "publish": ("Note for the log", False),
               "submit_for_review": ("Note for the reviewing editor", False)}
ONLY_EDITORS = ("Only Learning the Lessons editors can open this page. If you edit it, ask an "
                "administrator to add you to the editors.")


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_GET
def dashboard(request):
    issues = (LessonsIssue.objects.for_user(request.user).exclude(status=EditorialStatus.MERGED)
              .select_related("theme", "created_by"))
    page, pages = page_of(request, issues)
    standalone = (CaseStudy.objects.for_user(request.user).filter(issue__isnull=True)
                  .exclude(status__in=[EditorialStatus.PUBLISHED, EditorialStatus.MERGED])
                  .order_by("-updated_at")[:50])
    return render(request, "lessons/editor/dashboard.html", {
        "page": page, "pages": pages, "standalone": standalone,
        "themes_waiting": ThemeProposal.objects.waiting().count()})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def issue_create(request):
    form = IssueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        issue = domain.create_issue(actor=request.user, data=form.cleaned_data)
        messages.success(request, f"Issue {issue.number} is drafted. Add its case studies.")
        return redirect("lessons:issue-edit", pk=issue.pk)
    return render(request, "lessons/editor/issue_form.html", {
        "form": form, "number": domain.next_issue_number()})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def issue_edit(request, pk):
    issue = get_object_or_404(LessonsIssue.objects.for_user(request.user)
                              .select_related("revision_of"), pk=pk)
    revising = _revising(issue)
    form = IssueForm(posted(request), instance=issue)
    if request.method == "POST" and revising["in_review"]:
        return _refused_in_review(request, issue)
    if request.method == "POST" and revising["can_write"]:
        done, saved = form.carry_out(lambda: domain.revise_issue(
            issue=issue, actor=request.user, data=form.cleaned_data))
        if done:
            messages.success(request, _saved_message("issue", in_revision=saved.pk != issue.pk))
            return redirect("lessons:issue-edit", pk=saved.pk)
    return render(request, "lessons/editor/issue_edit.html", {
        "issue": issue, "form": form, **revising,
        "cases": issue.case_studies.order_by("position", "id"),
        "articles": issue.articles.all(),
        **_workflow_context(request, issue)})


def _revising(obj):
    """What the edit page of ``obj`` offers: a form that writes in place or to a revision, or
    (when one is open already, or this was merged) a link and no form."""
    pending = domain.open_revision(obj) if domain.is_locked(obj) else None
    in_review = domain.is_in_review(obj)
    return {"pending": pending, "pending_url": _edit_url(pending) if pending else "",
            "locked": domain.is_locked(obj), "merged": domain.is_merged(obj),
            "in_review": in_review, "in_review_message": domain.IN_REVIEW_MESSAGE,
            "can_write": pending is None and not domain.is_merged(obj) and not in_review,
            "discard_url": _discard_url(obj)}


def _refused_in_review(request, obj):
    """A save posted to work in review (from a page opened before it was sent): say why
    nothing changed and what to do, on the page it came from."""
    messages.error(request, domain.IN_REVIEW_MESSAGE)
    return redirect(_edit_url(obj))


def _discard_url(obj):
    """Where an open revision of a published issue or standalone case is thrown away, or ""."""
    if isinstance(obj, Article) or domain.discard_refusal(obj):
        return ""
    name = "lessons:issue-discard" if isinstance(obj, LessonsIssue) else "lessons:case-discard"
    return reverse(name, kwargs={"pk": obj.pk})


def _saved_message(noun, *, in_revision):
    if not in_revision:
        return f"The {noun} is saved."
    return (f"The {noun} is saved in a revision of the published issue or case. Readers see "
            "what is published until a second editor approves the revision.")


def _workflow_context(request, subject):
    findings = domain.gate_findings(subject)
    groups = []
    for (obj, field), items in groupby(findings, key=lambda g: (g.subject, g.field)):
        items = list(items)
        owner = domain.override_owner(obj)
        groups.append({
            "subject": obj, "owner": owner, "field": field, "label": items[0].field_label,
            "owner_kind": _kind_of(owner), "edit_url": _edit_url(owner),
            "marked": domain.marked_text(getattr(obj, field), [g.finding for g in items]),
            "findings": [{"finding": g.finding, "kind_label": FindingKind(g.finding.kind).label,
                          "form": OverrideForm(initial={"kind": g.finding.kind,
                                                        "text": g.finding.text},
                                               prefix=f"o{n}")}
                         for n, g in enumerate(items)]})
    actions = [{"slug": action.replace("_", "-"), "label": ACTION_LABELS[action],
                "form": EditorialActionForm(prefix=action, note_label=NOTE_LABELS[action][0],
                                            note_required=NOTE_LABELS[action][1]),
                "refusal": domain.publish_refusal(subject, request.user)
                if action == "publish" else None}
               for action in (domain.editorial_actions(subject)
                              if not isinstance(subject, Article) else [])]
    return {"gate_groups": groups, "finding_count": len(findings), "actions": actions,
            "history": Activity.objects.for_object(subject).select_related("actor")[:30]}


def _kind_of(obj):
    return {LessonsIssue: "issue", CaseStudy: "case", Article: "article"}[type(obj)]


def _edit_url(obj):
    name = {LessonsIssue: "lessons:issue-edit", CaseStudy: "lessons:case-edit",
            Article: "lessons:article-edit"}[type(obj)]
    return reverse(name, kwargs={"pk": obj.pk})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_POST
def issue_action(request, pk, action):
    issue = get_object_or_404(LessonsIssue.objects.for_user(request.user), pk=pk)
    return _take_action(request, issue, action)


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_POST
def case_action(request, pk, action):
    case = get_object_or_404(CaseStudy.objects.for_user(request.user), pk=pk)
    if case.issue_id:
        messages.error(request, "This case is published with its issue; use the issue's page.")
        return redirect("lessons:case-edit", pk=case.pk)
    return _take_action(request, case, action)


def _take_action(request, subject, slug):
    action = ACTIONS.get(slug)
    if action is None:
        raise Http404
    label, required = NOTE_LABELS[action]
    form = EditorialActionForm(request.POST, prefix=action, note_label=label, note_required=required)
    back = _edit_url(subject)
    if not form.is_valid():
        messages.error(request, f"{label}: enter a note to {ACTION_LABELS[action].lower()}.")
        return redirect(back)
    note, actor = form.cleaned_data["note"], request.user
    run = {"submit_for_review": lambda: domain.submit_for_review(subject=subject, actor=actor,
                                                               note=note),
           "return_to_draft": lambda: domain.return_to_draft(subject=subject, actor=actor, note=note),
           "publish": lambda: domain.publish(subject=subject, actor=actor, note=note),
           "withdraw": lambda: domain.withdraw(subject=subject, actor=actor, reason=note)}[action]
    attempt(request, run, lambda _: ACTION_DONE["merge" if subject.status == EditorialStatus.MERGED
                                                else action].format(subject=subject))
    return redirect(back)


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def issue_discard(request, pk):
    return _discard(request, get_object_or_404(LessonsIssue.objects.for_user(request.user)
                                               .select_related("revision_of"), pk=pk))


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def case_discard(request, pk):
    return _discard(request, get_object_or_404(CaseStudy.objects.for_user(request.user)
                                               .select_related("revision_of"), pk=pk))


def _discard(request, revision):
    """Ask before throwing away an open revision; the POST throws it away."""
    refusal = domain.discard_refusal(revision)
    if refusal:
        messages.error(request, refusal)
        return redirect(_edit_url(revision))
    form = EditorialActionForm(request.POST if request.method == "POST" else None, prefix="discard",
                               note_label="Why are these changes being discarded?")
    if request.method == "POST" and form.is_valid():
        live = revision.revision_of
        if attempt(request, lambda: domain.discard_revision(
                revision=revision, actor=request.user, reason=form.cleaned_data["note"]),
                "The changes are discarded. The published version is unchanged."):
            return redirect(_edit_url(live))
        return redirect(_edit_url(revision))
    is_issue = isinstance(revision, LessonsIssue)
    return render(request, "lessons/editor/discard.html", {
        "revision": revision, "form": form, "is_issue": is_issue,
        "edit_url": _edit_url(revision),
        "case_count": revision.case_studies.count() if is_issue else 0,
        "article_count": revision.articles.count() if is_issue else 0})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def case_create(request):
    issue = None
    if request.GET.get("issue"):
        issue = get_object_or_404(LessonsIssue.objects.for_user(request.user),
                                  pk=request.GET["issue"])
        if domain.is_in_review(issue):
            return _refused_in_review(request, issue)
    form = CaseStudyForm(posted(request), initial={"position": (
        issue.case_studies.count() + 1) if issue else 0})
    if request.method == "POST":
        done, case = form.carry_out(lambda: domain.add_case(
            issue=issue, actor=request.user, data=form.data_for_domain(),
            questions=form.questions()))
        if done:
            messages.success(request, _saved_message(
                "case study", in_revision=bool(issue) and case.issue_id != issue.pk))
            return redirect("lessons:case-edit", pk=case.pk)
    return render(request, "lessons/editor/case_form.html", {"form": form, "issue": issue})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = get_object_or_404(CaseStudy.objects.for_user(request.user)
                             .select_related("issue").prefetch_related("questions"), pk=pk)
    revising = _revising(case)
    form = CaseStudyForm(posted(request), instance=case)
    if request.method == "POST" and revising["in_review"]:
        return _refused_in_review(request, case)
    if request.method == "POST" and revising["can_write"]:
        done, saved = form.carry_out(lambda: domain.revise_case(
            case=case, actor=request.user, data=form.data_for_domain(),
            questions=form.questions()))
        if done:
            messages.success(request, _saved_message("case study", in_revision=saved.pk != case.pk))
            return redirect("lessons:case-edit", pk=saved.pk)
    context = _workflow_context(request, case)
    if case.issue_id:
        context["actions"] = []
    return render(request, "lessons/editor/case_edit.html",
                  {"case": case, "form": form, **revising, **context})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def article_create(request, pk):
    issue = get_object_or_404(LessonsIssue.objects.for_user(request.user), pk=pk)
    if domain.is_in_review(issue):
        return _refused_in_review(request, issue)
    form = ArticleForm(posted(request))
    if request.method == "POST":
        done, article = form.carry_out(lambda: domain.add_article(
            issue=issue, actor=request.user, data=form.cleaned_data))
        if done:
            messages.success(request, _saved_message("article",
                                                     in_revision=article.issue_id != issue.pk))
            return redirect("lessons:article-edit", pk=article.pk)
    return render(request, "lessons/editor/article_form.html", {"form": form, "issue": issue})


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_http_methods(["GET", "POST"])
def article_edit(request, pk):
    article = get_object_or_404(Article.objects.for_user(request.user).select_related("issue"),
                                pk=pk)
    revising = _revising(article)
    form = ArticleForm(posted(request), instance=article)
    if request.method == "POST" and revising["in_review"]:
        return _refused_in_review(request, article)
    if request.method == "POST" and revising["can_write"]:
        done, saved = form.carry_out(lambda: domain.revise_article(
            article=article, actor=request.user, data=form.cleaned_data))
        if done:
            messages.success(request, _saved_message("article", in_revision=saved.pk != article.pk))
            return redirect("lessons:article-edit", pk=saved.pk)
    context = _workflow_context(request, article)
    context["actions"] = []
    return render(request, "lessons/editor/article_form.html",
                  {"form": form, "issue": article.issue, "article": article, **revising,
                   **context})


OVERRIDE_TARGETS = {"issue": LessonsIssue, "case": CaseStudy, "article": Article}


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_POST
def override(request, kind, pk):
    model = OVERRIDE_TARGETS.get(kind)
    if model is None:
        raise Http404
    subject = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    prefix = request.POST.get("prefix", "")
    form = OverrideForm(request.POST, prefix=prefix or None)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _edit_url(subject)
    if not form.is_valid():
        messages.error(request, "Give the reason this is not identifying before overriding it.")
        return redirect(back)
    text = form.cleaned_data["text"]
    if not any(f.text == text for _, _, t in domain.text_parts(subject) for f in find_identifiers(t)):
        messages.error(request, "That finding is no longer in the text.")
        return redirect(back)
    domain.override_finding(subject=subject, kind=form.cleaned_data["kind"], text=text,
                            reason=form.cleaned_data["reason"], actor=request.user)
    messages.success(request, f"“{text}” will no longer be flagged here. Your reason is in the activity log.")
    return redirect(back)


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_GET
def theme_ranking(request):
    """The proposals waiting for an editor (oldest first), then the approved ones ranked."""
    waiting = ThemeProposal.objects.waiting().select_related("proposed_by").order_by("created_at")
    proposals = ThemeProposal.objects.approved().ranked().select_related("proposed_by")
    page, pages = page_of(request, proposals)
    return render(request, "lessons/editor/theme_ranking.html", {
        "waiting": waiting, "page": page, "pages": pages})


THEME_DECISIONS = {
    "approve": (domain.approve_theme, "“{}” is approved: readers can see it and vote for it."),
    "decline": (domain.decline_theme, "“{}” is declined: readers other than its proposer no "
                                      "longer see it."),
}


@permission_required("lessons.edit_lessons", message=ONLY_EDITORS)
@require_POST
def theme_decision(request, pk, decision):
    if decision not in THEME_DECISIONS:
        raise Http404
    proposal = get_object_or_404(ThemeProposal, pk=pk)
    decide, done = THEME_DECISIONS[decision]
    attempt(request, lambda: decide(proposal=proposal, actor=request.user),
            done.format(proposal.title))
    return redirect("lessons:theme-ranking")
