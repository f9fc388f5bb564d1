"""Requests for peer support, their terms of reference and self-assessment, mounted at
/api/v1/support-requests. Each operation calls the same domain functions as the pages; a
request someone may not see answers 404."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import Error, PageNumberPagination, WithPage, field_errors
from exchange.common.models import Topic
from exchange.common.permissions import permission_required
from exchange.people.models import Organisation
from exchange.people.rules import led_organisation_ids

from ..domain import assessment as assessing
from ..domain import requests as requesting
from ..domain import terms as terms_domain
from ..enums import Delivery, RequestStatus, SupportType
from ..models import SupportRequest, TermsVersion

router = Router(tags=["Peer support"])

LEADS_ONLY = "Only an organisation lead can ask for support for their force."
TERMS_SIDES = "Only the force's lead and the programme team agree the terms."


class TermsOut(Schema):
    number: int
    scope: str
    questions: str
    deliverables: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    team_size: int | None
    note: str
    created_at: dt.datetime
    accepted_by_force_at: dt.datetime | None
    accepted_by_staff_at: dt.datetime | None
    agreed: bool = Field(description="Whether both sides accepted this version.")

    @staticmethod
    def resolve_agreed(version):
        return version.accepted_by_both


class RequestItem(WithPage):
    id: int
    organisation: str
    support_type: str = Field(..., json_schema_extra={"enum": list(SupportType.values)})
    delivery: str = Field(..., json_schema_extra={"enum": list(Delivery.values)})
    status: str = Field(..., json_schema_extra={"enum": list(RequestStatus.values)})
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation(support_request):
        return support_request.organisation.name


class RequestDetail(RequestItem):
    issue: str
    success: str
    topics: list[str]
    preferred_from: dt.date | None
    preferred_to: dt.date | None
    dates_note: str
    decision_reason: str
    agreed_terms: int | None = Field(description="The agreed version's number, once agreed.")
    terms: list[TermsOut]

    @staticmethod
    def resolve_topics(support_request):
        return [topic.name for topic in support_request.topics.all()]

    @staticmethod
    def resolve_agreed_terms(support_request):
        return support_request.agreed_terms.number if support_request.agreed_terms else None

    @staticmethod
    def resolve_terms(support_request):
        return list(support_request.terms.order_by("number"))


class RequestIn(Schema):
    model_config = {"extra": "forbid"}

    organisation: int | None = Field(None, description="Which force (one you lead); the first "
                                     "you lead when left out.")
    support_type: str = Field(..., json_schema_extra={"enum": list(SupportType.values)})
    delivery: str = Field(Delivery.EITHER, json_schema_extra={"enum": list(Delivery.values)},
                          description="For a peer review only.")
    issue: str = Field(..., max_length=5000)
    success: str = Field(..., max_length=5000)
    topics: list[str] = Field([], description="Topic slugs.")
    preferred_from: dt.date | None = None
    preferred_to: dt.date | None = None
    dates_note: str = Field("", max_length=300)


class TermsIn(Schema):
    model_config = {"extra": "forbid"}

    scope: str
    questions: str
    deliverables: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    team_size: int | None = Field(None, ge=1, le=20)
    note: str = Field("", max_length=300)


class ScoreIn(Schema):
    dimension: int = Field(..., description="The matrix dimension's id.")
    level: int | None = None
    target: int | None = None
    evidence: str = Field("", max_length=5000)


class AssessmentIn(Schema):
    model_config = {"extra": "forbid"}

    scores: list[ScoreIn]
    submit: bool = Field(False, description="Submit (every active dimension scored), or save "
                         "a draft.")


class ScoreOut(Schema):
    dimension: int
    dimension_name: str
    level: int
    target: int
    gap: int
    evidence: str


class AssessmentOut(Schema):
    id: int
    organisation: str
    submitted_at: dt.datetime | None
    scores: list[ScoreOut]


def _score_field(key):
    """``scores.3.level`` for the domain's ``level_3``: a client knows its fields."""
    part, _, dimension = key.rpartition("_")
    return f"scores.{dimension}.{part}" if part in {"level", "target", "evidence"} else key


def _visible(user, request_id):
    return get_object_or_404(SupportRequest.objects.for_user(user).select_related(
        "organisation", "agreed_terms").prefetch_related("topics"), pk=request_id)


def _visible_request(request, request_id, **_):
    """The request the operation is about, as ``permission_required`` asks for it (404 for one
    the caller may not see)."""
    return _visible(request.auth, request_id)


def _refused(refusal):
    errors = field_errors(refusal)
    return Status(409, {"message": " ".join(e["message"] for e in errors), "errors": errors})


@router.get("", response={200: list[RequestItem], 401: Error, 422: Error},
            url_name="support-request-list", summary="List requests for support")
@permission_required("people.use_account")
@paginate(PageNumberPagination)
def list_requests(request):
    """Staff see every request; a lead their force's; a peer those whose team they are on."""
    return SupportRequest.objects.for_user(request.auth).select_related("organisation")


@router.post("", response={201: RequestDetail, 401: Error, 403: Error, 422: Error},
             url_name="support-request-create", summary="Ask for support (a lead)")
@permission_required("support.ask_for_support", message=LEADS_ONLY)
def create_request(request, response: HttpResponse, payload: RequestIn):
    led = led_organisation_ids(request.auth)
    wanted = payload.organisation if payload.organisation is not None else min(led)
    if wanted not in led:
        raise ValidationError({"organisation": "Ask only for a force you lead."})
    topics = list(Topic.objects.filter(slug__in=payload.topics))
    unknown = sorted(set(payload.topics) - {topic.slug for topic in topics})
    if unknown:
        raise ValidationError({"topics": f"{unknown[0]!r} is not a topic: use a topic's slug."})
    data = payload.model_dump(exclude={"organisation", "topics"})
    created = requesting.ask_for_support(lead=request.auth, topics=topics,
                                         organisation=Organisation.objects.get(pk=wanted), **data)
    response["Location"] = request.build_absolute_uri(
        reverse("api:support-request-detail", kwargs={"request_id": created.pk}))
    return Status(201, _visible(request.auth, created.pk))


@router.get("/{int:request_id}", response={200: RequestDetail, 401: Error, 404: Error},
            url_name="support-request-detail", summary="One request")
@permission_required("support.view_request", fn=_visible_request)
def get_request(request, request_id: int):
    return _visible(request.auth, request_id)


@router.post("/{int:request_id}/terms",
             response={201: TermsOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error},
             url_name="support-request-terms", summary="Propose a new version of the terms")
@permission_required("support.agree_terms", fn=_visible_request, message=TERMS_SIDES)
def propose_terms(request, request_id: int, payload: TermsIn):
    """The next version, prefilled from nothing: send every field. The first version, from
    staff, starts scoping a submitted request. 409 when the request is past scoping."""
    support_request = _visible(request.auth, request_id)
    if support_request.status not in {RequestStatus.SUBMITTED, RequestStatus.SCOPING}:
        return _refused(ValidationError(terms_domain.not_scoping_message(support_request)))
    try:
        version = terms_domain.propose_terms(request=support_request, actor=request.auth,
                                             **payload.model_dump())
    except ValidationError as refusal:
        if hasattr(refusal, "error_dict"):
            raise
        return _refused(refusal)
    return Status(201, version)


@router.post("/{int:request_id}/terms/{int:version}/accept",
             response={200: TermsOut, 401: Error, 403: Error, 404: Error, 409: Error},
             url_name="support-request-terms-accept", summary="Accept a version of the terms")
@permission_required("support.agree_terms", fn=_visible_request, message=TERMS_SIDES)
def accept_terms(request, request_id: int, version: int):
    """For the caller's side: the force's lead, or staff. Only the latest version can be
    accepted (409 otherwise, naming the latest)."""
    support_request = _visible(request.auth, request_id)
    get_object_or_404(TermsVersion, request=support_request, number=version)
    try:
        return terms_domain.accept_terms(request=support_request, number=version,
                                         actor=request.auth)
    except ValidationError as refusal:
        return _refused(refusal)


@router.put("/{int:request_id}/self-assessment",
            response={200: AssessmentOut, 401: Error, 403: Error, 404: Error, 422: Error},
            url_name="support-request-self-assessment", summary="Save the self-assessment")
@permission_required("support.assess_force", fn=_visible_request,
                     message="Only the force's lead and the programme team assess the force.")
def put_self_assessment(request, request_id: int, payload: AssessmentIn):
    """The force's scores per dimension (levels as the matrix numbers them). Saves the draft,
    or submits it with `submit`. 422 naming the dimension when a level is out of range."""
    support_request = _visible(request.auth, request_id)
    scores = {score.dimension: score.model_dump(exclude={"dimension"}) for score in payload.scores}
    try:
        saved = assessing.save_assessment(organisation=support_request.organisation,
                                          actor=request.auth, scores=scores,
                                          request=support_request, submit=payload.submit)
    except ValidationError as refusal:
        raise ValidationError({_score_field(key): problems
                               for key, problems in refusal.message_dict.items()}) from None
    return {"id": saved.pk, "organisation": support_request.organisation.name,
            "submitted_at": saved.submitted_at,
            "scores": [{"dimension": s.dimension_id, "dimension_name": s.dimension.name,
                        "level": s.level, "target": s.target, "gap": s.gap,
                        "evidence": s.evidence} for s in assessing.scores_of(saved)]}
