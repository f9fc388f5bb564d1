"""Applications to a call, mounted at /api/v1/grant-calls. A lead lists their organisations'
applications and starts a draft for one; organisers list them all. A call someone may not see
(a draft, for anyone but organisers) answers 404, as its page does."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import Error, PageNumberPagination, WithPage
from exchange.common.permissions import allows, permission_required
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from .domain import applications as applying
from .enums import ApplicationStatus
from .models import GrantApplication, GrantCall

router = Router(tags=["Small grants"])

LEADS_ONLY = "Only an organisation lead can apply for a small grant."


class BudgetLineIO(Schema):
    item: str = Field(..., max_length=200)
    amount: int = Field(..., ge=0, le=10_000_000, description="Whole pounds.")


class ApplicationItem(WithPage):
    id: int
    call: int
    organisation: str
    project_title: str
    status: str = Field(..., json_schema_extra={"enum": list(ApplicationStatus.values)})
    budget_total: int = Field(description="The sum of the budget lines, in pounds.")
    submitted_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_call(application):
        return application.call_id

    @staticmethod
    def resolve_organisation(application):
        return application.organisation.name


class ApplicationDetail(ApplicationItem):
    aims: str
    method: str
    evaluation_plan: str
    partners: str
    budget_lines: list[BudgetLineIO]

    @staticmethod
    def resolve_budget_lines(application):
        return list(application.budget_lines.all())


class ApplicationIn(Schema):
    model_config = {"extra": "forbid"}

    organisation: int | None = Field(None, description="Which organisation (one you lead and a "
                                     "member of the call's programme year); the first you lead "
                                     "when left out.")
    project_title: str = Field("", max_length=200)
    aims: str = Field("", max_length=5000)
    method: str = Field("", max_length=10000)
    evaluation_plan: str = Field("", max_length=10000)
    partners: str = Field("", max_length=2000)
    budget_lines: list[BudgetLineIO] = Field([], max_length=50)


def _call(request, call_id, **_):
    """The call the operation is about, as ``permission_required`` asks for it (404 for a
    draft the caller may not see)."""
    return get_object_or_404(GrantCall.objects.for_user(request.auth), pk=call_id)


def _applications(user, call):
    return (GrantApplication.objects.for_user(user).filter(call=call)
            .select_related("organisation")
            .prefetch_related("budget_lines")
            .order_by("organisation__name", "id"))


@router.get("/{int:call_id}/applications",
            response={200: list[ApplicationItem], 401: Error, 403: Error, 404: Error, 422: Error},
            url_name="grant-call-applications", summary="List applications to a call")
@permission_required("grants.list_applications", fn=_call,
                     message="Only organisation leads and the programme's organisers see "
                             "applications.")
@paginate(PageNumberPagination)
def list_applications(request, call_id: int):
    """A lead sees their organisations' applications to the call; organisers see them all."""
    call = _call(request, call_id)
    applications = _applications(request.auth, call)
    if not allows(request.auth, "grants.run_grants"):
        applications = applications.filter(organisation_id__in=led_organisation_ids(request.auth))
    return applications


@router.post("/{int:call_id}/applications",
             response={201: ApplicationDetail, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="grant-call-application-create", summary="Start a draft application")
@permission_required("grants.apply", fn=_call, message=LEADS_ONLY)
def create_application(request, response: HttpResponse, call_id: int, payload: ApplicationIn):
    """A draft for the caller's organisation; submit it on the Exchange. 422 when the call is
    not taking applications, the organisation is not eligible or already has one."""
    call = _call(request, call_id)
    led = led_organisation_ids(request.auth)
    wanted = payload.organisation if payload.organisation is not None else min(led)
    if wanted not in led:
        raise ValidationError({"organisation": "Apply only for an organisation you lead."})
    data = payload.model_dump(exclude={"organisation", "budget_lines"})
    created = applying.start_application(
        call=call, organisation=Organisation.objects.get(pk=wanted), actor=request.auth,
        budget_lines=[(line.item, line.amount) for line in payload.budget_lines], **data)
    response["Location"] = request.build_absolute_uri(created.get_absolute_url())
    return Status(201, _applications(request.auth, call).get(pk=created.pk))
