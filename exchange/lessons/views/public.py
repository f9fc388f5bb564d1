"""Reading Learning the Lessons: the archive, issues and their downloads, case studies, the
case factor table and articles. Anyone may read what is published."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from exchange.common.documents import attachment
from exchange.common.models import Topic
from exchange.common.permissions import allows

from .. import exporters
from ..domain import find_cases, find_issues
from ..enums import EditorialStatus, Role
from ..forms import ArchiveFilterForm, CaseFilterForm, ReflectionForm
from ..models import Article, CaseStudy, LessonsIssue, Reflection, questions_by_audience
from .access import page_of


@require_GET
def archive(request):
    form = ArchiveFilterForm(request.GET or None)
    q = theme = ""
    if form.is_valid():
        q, theme = form.cleaned_data["q"], form.cleaned_data["theme"]
    issues = find_issues(request.user, q=q, theme=theme).prefetch_related("case_studies")
    page, pages = page_of(request, issues)
    return render(request, "lessons/archive.html", {
        "form": form, "page": page, "pages": pages, "q": q, "filtered": bool(q or theme)})


def _issue_for(request, number):
    return get_object_or_404(LessonsIssue.objects.for_user(request.user).originals()
                             .select_related("theme"), number=number)


def _cases_shown(issue):
    """A published issue shows its published cases only; an editor's preview of a draft, all."""
    cases = issue.case_studies.order_by("position", "id")
    if issue.status == EditorialStatus.PUBLISHED:
        cases = cases.filter(status=EditorialStatus.PUBLISHED)
    return cases


@require_GET
def issue_detail(request, number):
    issue = _issue_for(request, number)
    cases = _cases_shown(issue).prefetch_related("themes", "role_rows")
    if issue.status != EditorialStatus.PUBLISHED and not allows(request.user,
                                                                "lessons.edit_lessons"):
        raise Http404
    return render(request, "lessons/issue.html", {
        "issue": issue, "cases": cases, "articles": issue.articles.select_related("organisation"),
        "is_published": issue.status == EditorialStatus.PUBLISHED})


def _download(request, number, fmt):
    issue = _issue_for(request, number)
    cases = list(_cases_shown(issue).prefetch_related("themes", "role_rows", "questions"))
    document = exporters.issue_document(issue, cases, list(issue.articles.all()))
    return attachment(document, fmt, f"learning-the-lessons-issue-{issue.number}")


@require_GET
def issue_pdf(request, number):
    return _download(request, number, "pdf")


@require_GET
def issue_docx(request, number):
    return _download(request, number, "docx")


def _case_filters(request):
    form = CaseFilterForm(request.GET or None)
    filters = {"q": "", "theme": "", "role": "", "audience": "", "issue": None}
    if form.is_valid():
        filters.update({k: v for k, v in form.cleaned_data.items() if v})
    return form, filters


@require_GET
def case_list(request):
    form, filters = _case_filters(request)
    cases = find_cases(request.user, **filters)
    page, pages = page_of(request, cases)
    return render(request, "lessons/cases.html", {
        "form": form, "page": page, "pages": pages, "q": filters["q"],
        "filtered": any(filters.values())})


@require_GET
def factor_table(request):
    form, filters = _case_filters(request)
    cases = find_cases(request.user, **filters)
    page, pages = page_of(request, cases, size=50)
    themes = list(Topic.objects.filter(case_studies__status=EditorialStatus.PUBLISHED)
                  .distinct().order_by("name"))
    rows = []
    for case in page.object_list:
        case_themes = {t.pk for t in case.themes.all()}
        case_roles = set(case.roles)
        rows.append({"case": case,
                     "themes": [t.pk in case_themes for t in themes],
                     "roles": [r in case_roles for r in Role.values]})
    return render(request, "lessons/factors.html", {
        "form": form, "page": page, "pages": pages, "themes": themes, "roles": Role.choices,
        "rows": rows, "column_count": len(themes) + len(Role.values) + 1,
        "filtered": any(filters.values())})


@require_GET
def case_detail(request, pk):
    case = get_object_or_404(
        CaseStudy.objects.for_user(request.user).select_related("issue")
        .prefetch_related("themes", "role_rows", "questions"), pk=pk)
    return render(request, "lessons/case.html", case_context(request, case))


def case_context(request, case, form=None):
    questions = list(case.questions.all())
    if form is None and request.user.is_authenticated:
        answers = dict(Reflection.objects.for_user(request.user)
                       .filter(question__in=questions).values_list("question_id", "answer"))
        form = ReflectionForm(questions=questions, answers=answers)
    return {"case": case, "questions_by_audience": questions_by_audience(questions), "form": form,
            "is_published": case.status == EditorialStatus.PUBLISHED,
            "can_edit": allows(request.user, "lessons.edit_lessons")}


@require_GET
def article_detail(request, pk):
    article = get_object_or_404(
        Article.objects.for_user(request.user).select_related("issue", "organisation"), pk=pk)
    return render(request, "lessons/article.html", {"article": article})
