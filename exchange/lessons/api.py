"""Learning the Lessons API: published case studies and issues, and the anonymisation check.

Reading goes through the same finder as the case list (published only); the check calls the
same detector as the gate, so an editor's tool and the publication rule never disagree.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from ninja import Field, Query, Router, Schema

from exchange.common.pagination import MAX_PAGE
from exchange.people.api import OPTIONAL_SECURITY, BearerOrSession, OptionalAuth
from exchange.people.rules import is_editor

from .anonymisation import find_identifiers
from .domain import find_cases
from .enums import Audience, Role
from .models import CaseStudy, LessonsIssue

router = Router(tags=["learning the lessons"])


class Ref(Schema):
    slug: str
    name: str


class QuestionOut(Schema):
    audience: str = Field(..., json_schema_extra={"enum": list(Audience.values)})
    text: str


class CaseItem(Schema):
    id: int
    title: str
    summary: str
    themes: list[Ref]
    roles: list[str] = Field(..., json_schema_extra={"items": {"type": "string",
                                                               "enum": list(Role.values)}})
    issue: int | None = Field(description="The issue's number, if the case is in one.")
    published_at: datetime | None
    url: str


class CaseDetail(CaseItem):
    date_of_incident: date | None
    findings: str
    key_learning: str
    action_taken: str
    outcome_for_individuals: str
    source_url: str
    questions: list[QuestionOut]


class CaseList(Schema):
    count: int
    page: int
    num_pages: int
    items: list[CaseItem]


class IssueItem(Schema):
    number: int
    title: str
    theme: Ref
    publication_date: date | None
    cover_summary: str
    case_count: int
    url: str
    pdf_url: str
    docx_url: str


class IssueList(Schema):
    count: int
    items: list[IssueItem]


class Error(Schema):
    message: str


class CaseFilters(Schema):
    q: str = Field("", description="Words to search for; best match first.")
    theme: str = Field("", description="A topic slug.")
    role: str = Field("", json_schema_extra={"enum": ["", *Role.values]})
    audience: str = Field("", description="Cases with questions for this audience.",
                          json_schema_extra={"enum": ["", *Audience.values]})
    issue: int | None = Field(None, description="An issue number.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=100)


class CheckIn(Schema):
    text: str = Field(..., max_length=100_000)


class FindingOut(Schema):
    kind: str
    start: int = Field(description="Offset of the first character, counted in characters.")
    end: int = Field(description="Offset just after the last character.")
    text: str


class CheckOut(Schema):
    findings: list[FindingOut]


@router.get("/case-studies", response={200: CaseList, 401: Error, 422: Error},
            auth=OptionalAuth(), url_name="lessons-case-list", summary="Find case studies",
            openapi_extra=OPTIONAL_SECURITY)
def list_case_studies(request, filters: Query[CaseFilters]):
    """Published case studies, searched and filtered like the case list page."""
    cases = find_cases(request.user, q=filters.q, theme=filters.theme, role=filters.role,
                       audience=filters.audience, issue=filters.issue)
    count = cases.count()
    start = (filters.page - 1) * filters.page_size
    items = list(cases[start:start + filters.page_size])
    return {"count": count, "page": filters.page,
            "num_pages": max(1, -(-count // filters.page_size)),
            "items": [_case_item(request, case) for case in items]}


@router.get("/case-studies/{int:case_id}", response={200: CaseDetail, 401: Error, 404: Error},
            auth=OptionalAuth(), url_name="lessons-case-detail", summary="One case study",
            openapi_extra=OPTIONAL_SECURITY)
def get_case_study(request, case_id: int):
    """A published case study with its reflective questions; 404 for anything unpublished."""
    case = (CaseStudy.objects.for_user(request.user).published().for_listing()
            .prefetch_related("questions").filter(pk=case_id).first())
    if case is None:
        raise Http404
    detail = _case_item(request, case)
    detail.update({name: getattr(case, name) for name in [
        "date_of_incident", "findings", "key_learning", "action_taken",
        "outcome_for_individuals", "source_url"]})
    detail["questions"] = [{"audience": q.audience, "text": q.text} for q in case.questions.all()]
    return detail


@router.get("/lessons-issues", response={200: IssueList, 401: Error}, auth=OptionalAuth(),
            url_name="lessons-issue-list", summary="Published issues",
            openapi_extra=OPTIONAL_SECURITY)
def list_issues(request):
    """Every published issue of Learning the Lessons, newest first."""
    issues = (LessonsIssue.objects.for_user(request.user).published().select_related("theme")
              .annotate(case_count=Count("case_studies")).order_by("-number"))
    items = [{
        "number": issue.number, "title": issue.title,
        "theme": {"slug": issue.theme.slug, "name": issue.theme.name},
        "publication_date": issue.publication_date, "cover_summary": issue.cover_summary,
        "case_count": issue.case_count,
        "url": request.build_absolute_uri(issue.get_absolute_url()),
        "pdf_url": request.build_absolute_uri(f"{issue.get_absolute_url()}learning-the-lessons.pdf"),
        "docx_url": request.build_absolute_uri(
            f"{issue.get_absolute_url()}learning-the-lessons.docx"),
    } for issue in issues]
    return {"count": len(items), "items": items}


@router.post("/anonymisation-check", response={200: CheckOut, 401: Error, 403: Error, 422: Error},
             auth=BearerOrSession, url_name="lessons-anonymisation-check",
             summary="Check text for identifiers")
def anonymisation_check(request, payload: CheckIn):
    """What the anonymisation gate would flag in `text` (editors only). `start` and `end` are
    character offsets into `text`, so `text[start:end]` is the finding."""
    if not is_editor(request.auth):
        raise PermissionDenied("Only Learning the Lessons editors can use the check.")
    return {"findings": [{"kind": f.kind, "start": f.start, "end": f.end, "text": f.text}
                         for f in find_identifiers(payload.text)]}


def _case_item(request, case):
    return {
        "id": case.pk, "title": case.title, "summary": case.summary,
        "themes": [{"slug": t.slug, "name": t.name} for t in case.themes.all()],
        "roles": case.roles, "issue": case.issue.number if case.issue else None,
        "published_at": case.published_at,
        "url": request.build_absolute_uri(case.get_absolute_url()),
    }
