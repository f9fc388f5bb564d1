"""Learning the Lessons API: published case studies and issues, and the anonymisation check.

Reading goes through the same finder as the case list (published only); the check calls the
same detector as the gate, so an editor's tool and the publication rule never disagree.
"""

from datetime import date, datetime

from django.db.models import Count
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from exchange.common.anonymisation import find_identifiers
from exchange.common.api import OPEN, Error, PageNumberPagination, WithPage, absolute_url
from exchange.common.permissions import permission_required

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


class CaseItem(WithPage):
    id: int
    title: str
    summary: str
    themes: list[Ref]
    roles: list[str] = Field(..., json_schema_extra={"items": {"type": "string",
                                                               "enum": list(Role.values)}})
    issue: int | None = Field(description="The issue's number, if the case is in one.")
    published_at: datetime | None

    @staticmethod
    def resolve_issue(case):
        return case.issue.number if case.issue else None

class CaseDetail(CaseItem):
    date_of_incident: date | None
    findings: str
    key_learning: str
    action_taken: str
    outcome_for_individuals: str
    source_url: str
    questions: list[QuestionOut]


class IssueItem(WithPage):
    number: int
    title: str
    theme: Ref
    publication_date: date | None
    cover_summary: str
    case_count: int
    pdf_url: str
    docx_url: str

    @staticmethod
    def resolve_pdf_url(issue, context):
        return absolute_url(context, f"{issue.get_absolute_url()}learning-the-lessons.pdf")

    @staticmethod
    def resolve_docx_url(issue, context):
        return absolute_url(context, f"{issue.get_absolute_url()}learning-the-lessons.docx")


class CaseFilters(Schema):
    q: str = Field("", description="Words to search for; best match first.")
    theme: str = Field("", description="A topic slug.")
    role: str = Field("", json_schema_extra={"enum": ["", *Role.values]})
    audience: str = Field("", description="Cases with questions for this audience.",
                          json_schema_extra={"enum": ["", *Audience.values]})
    issue: int | None = Field(None, description="An issue number.")


class CheckIn(Schema):
    text: str = Field(..., max_length=100_000)


class FindingOut(Schema):
    kind: str
    start: int = Field(description="Offset of the first character, counted in characters.")
    end: int = Field(description="Offset just after the last character.")
    text: str


class CheckOut(Schema):
    findings: list[FindingOut]


@router.get("/case-studies", response={200: list[CaseItem], 401: Error, 422: Error}, **OPEN,
            url_name="lessons-case-list", summary="Find case studies")
@paginate(PageNumberPagination)
def list_case_studies(request, filters: Query[CaseFilters]):
    """Published case studies, searched and filtered like the case list page."""
    return find_cases(request.user, q=filters.q, theme=filters.theme, role=filters.role,
                      audience=filters.audience, issue=filters.issue)


@router.get("/case-studies/{int:case_id}", response={200: CaseDetail, 401: Error, 404: Error},
            **OPEN, url_name="lessons-case-detail", summary="One case study")
def get_case_study(request, case_id: int):
    """A published case study with its reflective questions; 404 for anything unpublished."""
    case = (CaseStudy.objects.for_user(request.user).published().for_listing()
            .prefetch_related("questions").filter(pk=case_id).first())
    if case is None:
        raise Http404
    return case


@router.get("/lessons-issues", response={200: list[IssueItem], 401: Error, 422: Error}, **OPEN,
            url_name="lessons-issue-list", summary="Published issues")
@paginate(PageNumberPagination)
def list_issues(request):
    """Every published issue of Learning the Lessons, newest first."""
    return (LessonsIssue.objects.for_user(request.user).published().select_related("theme")
            .annotate(case_count=Count("case_studies")).order_by("-number"))


@router.post("/anonymisation-check", response={200: CheckOut, 401: Error, 403: Error, 422: Error},
             url_name="lessons-anonymisation-check", summary="Check text for identifiers")
@permission_required("lessons.edit_lessons",
                     message="Only Learning the Lessons editors can use the check.")
def anonymisation_check(request, payload: CheckIn):
    """What the anonymisation gate would flag in `text` (editors only). `start` and `end` are
    character offsets into `text`, so `text[start:end]` is the finding."""
    return {"findings": find_identifiers(payload.text)}
