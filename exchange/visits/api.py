"""The visits API, mounted at /api/v1/visits. Every handler calls the same domain functions as
the pages, so the API and the site behave the same."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import OPEN, Error, PageNumberPagination, WithPage, field_errors
from exchange.common.permissions import NotSignedIn, permission_required, require
from exchange.people.models import User

from . import domain
from .enums import ACTION_LABELS, VisitStatus
from .models import HostReport, Visit, Visitor
from .validators import EARLIEST_DATE, LATEST_DATE, MAX_CAPACITY

router = Router(tags=["visits"])

ORGANISERS_ONLY = "Only the programme's organisers can do that."


class VisitItem(WithPage):
    id: int
    title: str
    theme: str
    host_organisation: str
    date: dt.date | None = Field(description="Null while the date is to be confirmed.")
    status: str = Field(..., json_schema_extra={"enum": list(VisitStatus.values)})
    capacity: int
    min_per_force: int
    applications_open: dt.datetime
    applications_close: dt.datetime
    programme_year: str

    @staticmethod
    def resolve_host_organisation(visit):
        return visit.host_organisation.name

    @staticmethod
    def resolve_programme_year(visit):
        return visit.programme_year.name

class VisitDetail(VisitItem):
    description: str
    venue: str
    key_questions: list[str]
    short_report: str = Field(description="The published short report, or empty.")
    short_report_published_at: dt.datetime | None

    @staticmethod
    def resolve_key_questions(visit):
        return visit.question_list

    @staticmethod
    def resolve_short_report(visit):
        return visit.short_report if visit.has_published_report else ""


DATES = f"Between {EARLIEST_DATE:%Y} and {LATEST_DATE:%Y}."


class VisitIn(Schema):
    model_config = {"extra": "forbid"}

    theme: str = Field(..., max_length=200)
    title: str = Field(..., max_length=200)
    host_organisation: str = Field(..., description="The host organisation's name or alias.")
    date: dt.date | None = Field(None, description=DATES)
    capacity: int = Field(..., ge=1, le=MAX_CAPACITY)
    min_per_force: int = Field(2, ge=1, le=MAX_CAPACITY, description="At most `capacity`.")
    applications_open: dt.datetime = Field(..., description=DATES)
    applications_close: dt.datetime = Field(..., description=f"After `applications_open`. {DATES}")
    description: str = ""
    venue: str = ""
    host_contact_name: str = ""
    host_contact_email: str = ""
    key_questions: str = ""


class TransitionIn(Schema):
    model_config = {"extra": "forbid"}

    action: Literal[tuple(ACTION_LABELS)] = Field(  # type: ignore[valid-type]
        ..., description="What the staff page's buttons do: "
        + "; ".join(f"`{a}` ({label.lower()})" for a, label in ACTION_LABELS.items()) + ".")
    note: str = Field("", max_length=2000, description="Why; required to cancel.")


class VisitorIn(Schema):
    email: str
    role: str
    questions: str = ""


class ApplicationIn(Schema):
    visitors: list[VisitorIn]


class ApplicationOut(Schema):
    id: int
    organisation: str
    status: str
    visitors: list[VisitorIn]


class Group(Schema):
    organisation: str
    visitors: list[str]


class AllocationOut(Schema):
    places: list[Group]
    waiting_list: list[Group]


class WithdrawalIn(Schema):
    email: str


class WithdrawalOut(Schema):
    email: str
    place: str


class LearningPointIn(Schema):
    key_learning: str
    how_to_apply: str
    question: str = Field("", description="One of the visit's key questions, or empty.")
    theme: str = ""


class LearningPointOut(LearningPointIn):
    id: int


class HostReportOut(Schema):
    visit: int
    body: str
    sent_at: dt.datetime | None
    days_after_visit: int | None
    acknowledged_at: dt.datetime | None


class ListFilters(Schema):
    when: Literal["", "planned", "previous"] = Field(
        "", description="planned, previous, or empty for all.")


def _visible_visit(user, visit_id):
    return get_object_or_404(Visit.objects.for_user(user)
                             .select_related("host_organisation", "programme_year"), pk=visit_id)


@router.get("", response={200: list[VisitItem], 401: Error, 422: Error}, **OPEN,
            url_name="visit-list", summary="List visits")
@paginate(PageNumberPagination)
def list_visits(request, filters: Query[ListFilters]):
    """Planned and previous visits, soonest first."""
    visits = Visit.objects.for_user(request.user).select_related("host_organisation",
                                                                 "programme_year")
    if filters.when == "planned":
        return visits.planned()
    if filters.when == "previous":
        return visits.previous()
    return visits


@router.get("/{int:visit_id}", response={200: VisitDetail, 401: Error, 404: Error},
            **OPEN, url_name="visit-detail", summary="One visit")
def get_visit(request, visit_id: int):
    return _visible_visit(request.user, visit_id)


@router.post("", response={201: VisitDetail, 401: Error, 403: Error, 422: Error},
             url_name="visit-create", summary="Create a visit (staff)")
@permission_required("visits.run_visits", message=ORGANISERS_ONLY)
def create_visit(request, response: HttpResponse, payload: VisitIn):
    """A planned visit in the current programme year. `host_organisation` is a name."""
    visit = domain.create_visit(actor=request.auth, data=payload.model_dump())
    response["Location"] = request.build_absolute_uri(
        reverse("api:visit-detail", kwargs={"visit_id": visit.pk}))
    return Status(201, _visible_visit(request.auth, visit.pk))


@router.post("/{int:visit_id}/transitions",
             response={200: VisitDetail, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
             url_name="visit-transition", summary="Move a visit on (staff)")
@permission_required("visits.run_visits", message=ORGANISERS_ONLY)
def transition(request, visit_id: int, payload: TransitionIn):
    """Open a planned visit for applications, start preparation, mark it visited, start and close
    the follow-up, or cancel it: the staff page's buttons, with the same rules. 409 with the
    reason when the visit's state (or a missing date or note) does not allow the action."""
    visit = _visible_visit(request.auth, visit_id)
    try:
        domain.change_state(visit=visit, action=payload.action, actor=request.auth,
                            note=payload.note)
    except ValidationError as refusal:
        errors = field_errors(refusal)
        return Status(409, {"message": " ".join(e["message"] for e in errors), "errors": errors})
    return _visible_visit(request.auth, visit_id)


@router.post("/{int:visit_id}/applications",
             response={201: ApplicationOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="visit-apply", summary="Apply for places (a lead)")
@permission_required("visits.apply_for_places",
                     message="Only an organisation lead can apply for their force.")
def apply(request, visit_id: int, payload: ApplicationIn):
    """Apply for your own organisation, or change its application while the window is open.
    Name at least the visit's `min_per_force` colleagues."""
    visit = _visible_visit(request.auth, visit_id)
    application = domain.apply(visit=visit, lead=request.auth,
                               visitors=[v.model_dump() for v in payload.visitors])
    visitors = application.visitors.select_related("user")
    return Status(201, {"id": application.pk, "organisation": application.organisation.name,
                        "status": application.status,
                        "visitors": [{"email": v.user.email, "role": v.role,
                                      "questions": v.questions} for v in visitors]})


@router.post("/{int:visit_id}/allocation",
             response={200: AllocationOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="visit-allocate", summary="Run the allocation (staff)")
@permission_required("visits.run_visits", message=ORGANISERS_ONLY)
def run_allocation(request, visit_id: int):
    visit = _visible_visit(request.auth, visit_id)
    domain.run_allocation(visit=visit, actor=request.auth)
    return domain.current_allocation(visit)


@router.get("/{int:visit_id}/allocation",
            response={200: AllocationOut, 401: Error, 403: Error, 404: Error},
            url_name="visit-allocation", summary="The current allocation (staff)")
@permission_required("visits.run_visits",
                     message="Only the programme's organisers can see the allocation.")
def get_allocation(request, visit_id: int):
    return domain.current_allocation(_visible_visit(request.auth, visit_id))


@router.post("/{int:visit_id}/withdrawals",
             response={200: WithdrawalOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="visit-withdraw", summary="Withdraw a visitor")
def withdraw(request, visit_id: int, payload: WithdrawalIn):
    """The visitor, their organisation lead, or staff. A freed place is offered on."""
    visit = _visible_visit(request.auth, visit_id)
    user = User.objects.filter(email__iexact=payload.email.strip()).first()
    visitor = (Visitor.objects.current().filter(visit=visit, user=user)
               .select_related("user", "application__organisation").first() if user else None)
    if visitor is None or not domain.may_withdraw(request.auth, visitor):
        raise Http404
    visitor = domain.withdraw_visitor(visitor=visitor, actor=request.auth)
    return {"email": visitor.user.email, "place": visitor.place}


@router.post("/{int:visit_id}/learning-points",
             response={201: LearningPointOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="visit-learning", summary="Record a learning point")
def record_learning_point(request, visit_id: int, payload: LearningPointIn):
    """For a visitor who had a place, after the visit."""
    visit = _visible_visit(request.auth, visit_id)
    require(request.auth, "visits.record_learning", visit,
            message="Only visitors who had a place can record learning points.")
    point = domain.record_learning_point(visit=visit, actor=request.auth, **payload.model_dump())
    return Status(201, {"id": point.pk, "key_learning": point.key_learning,
                        "how_to_apply": point.how_to_apply, "question": point.question,
                        "theme": point.theme})


@router.get("/{int:visit_id}/host-report",
            response={200: HostReportOut, 401: Error, 403: Error, 404: Error},
            **OPEN, url_name="visit-host-report", summary="The host report")
def host_report(request, visit_id: int, token: str = ""):
    """Staff, or the host with `?token=` from the signed link they were sent."""
    if token:
        visit = domain.visit_for_host_token(token)
        if visit is None or visit.pk != visit_id:
            raise PermissionDenied("The link is not valid.")
        report = HostReport.objects.filter(visit=visit, sent_at__isnull=False).first()
    elif not request.user.is_authenticated:
        raise NotSignedIn()
    else:
        # Without the host's link, the report is the organisers' (asked here, not declared:
        # the link opens it to anyone).
        require(request.user, "visits.run_visits",
                message="Only the programme's organisers and the host can read the report.")
        report = HostReport.objects.filter(visit_id=visit_id).select_related("visit").first()
    if report is None:
        raise Http404
    return {"visit": visit_id, "body": report.body, "sent_at": report.sent_at,
            "days_after_visit": report.days_after_visit, "acknowledged_at": report.acknowledged_at}
