"""Peer matching's API, mounted at /api/v1/matching-groups. The handlers call the same domain
functions as the pages. A group is found through ``MatchingGroup.objects.for_user``: 404 for
anyone who is neither an organiser nor a lead of one of its forces."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import Error, PageNumberPagination, WithPage
from exchange.common.models import Topic
from exchange.common.permissions import permission_required
from exchange.people.models import Organisation

from ..domain import matching as domain
from ..enums import GroupStatus
from ..models import MatchingGroup

router = Router(tags=["Peer matching"])

ORGANISERS_ONLY = "Only peer support's organisers can do that."


class GroupItem(WithPage):
    id: int
    title: str
    topic: str
    status: str = Field(..., json_schema_extra={"enum": list(GroupStatus.values)})
    forces: list[str] = Field(description="The forces in the group, by name.")
    created_at: dt.datetime
    submissions_released_at: dt.datetime | None

    @staticmethod
    def resolve_topic(group):
        return group.topic.name

    @staticmethod
    def resolve_forces(group):
        return [place.organisation.name for place in group.forces.all()]


class GroupIn(Schema):
    model_config = {"extra": "forbid"}

    title: str = Field(..., min_length=1, max_length=200)
    topic: str = Field(..., description="The topic's slug, as in the shared taxonomy.")
    forces: list[str] = Field(..., description="The forces' slugs, usually four.")


class SubmissionIn(Schema):
    model_config = {"extra": "forbid"}

    answers: dict[int, str] = Field(
        default_factory=dict, description="Answers by the guide question's id; a question left "
                                          "out keeps its saved answer.")
    interests: str = Field("", max_length=5000,
                           description="Processes or activities the force would like to see.")
    submit: bool = Field(False, description="Send the submission (every question answered); "
                                            "otherwise it is saved as a draft.")


class SubmissionOut(Schema):
    group: int
    organisation: str
    answers: dict[int, str]
    interests: str
    submitted_at: dt.datetime | None
    group_status: str


def _groups(user):
    return (MatchingGroup.objects.for_user(user).select_related("topic")
            .prefetch_related("forces__organisation"))


@router.get("", response={200: list[GroupItem], 401: Error, 422: Error},
            url_name="matching-group-list", summary="List peer-matching groups")
@permission_required("people.use_account")
@paginate(PageNumberPagination)
def list_groups(request):
    """Organisers see every group; an organisation lead the groups their force is in."""
    return _groups(request.auth)


@router.post("", response={201: GroupItem, 401: Error, 403: Error, 422: Error},
             url_name="matching-group-create", summary="Form a group (organisers)")
@permission_required("support.run_matching", message=ORGANISERS_ONLY)
def create_group(request, response: HttpResponse, payload: GroupIn):
    """Forms the group and emails the forces' leads, as the page does."""
    topic = Topic.objects.filter(slug=payload.topic).first()
    if topic is None:
        raise ValidationError({"topic": f"No topic has the slug “{payload.topic}”."})
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=payload.forces)}
    missing = [slug for slug in payload.forces if slug not in found]
    if missing:
        raise ValidationError({"forces": f"No force has the slug “{missing[0]}”."})
    group = domain.form_group(title=payload.title, topic=topic, actor=request.auth,
                              organisations=[found[slug] for slug in payload.forces])
    response["Location"] = request.build_absolute_uri(reverse("support:group", args=[group.pk]))
    return Status(201, _groups(request.auth).get(pk=group.pk))


@router.post("/{int:group_id}/submissions",
             response={200: SubmissionOut, 401: Error, 403: Error, 404: Error, 422: Error},
             url_name="matching-group-submission", summary="Write your force's submission")
@permission_required(
    "support.write_submission", fn=lambda request, group_id, **_: get_object_or_404(
        MatchingGroup.objects.for_user(request.auth), pk=group_id),
    message="Only the organisation lead of a force in the group can write its submission.")
def write_submission(request, group_id: int, payload: SubmissionIn):
    """For the organisation lead of a force in the group, while submissions are open. With
    `submit`, every question must have an answer: 422 names the first one missing
    (`field` is `question_<id>`). When the last force submits, the submissions are shared."""
    group = get_object_or_404(MatchingGroup.objects.for_user(request.auth), pk=group_id)
    organisation = domain.lead_force(group, request.auth)
    submission = domain.save_submission(
        group=group, organisation=organisation, answers=payload.answers,
        interests=payload.interests, submit=payload.submit, actor=request.auth)
    group.refresh_from_db(fields=["status"])
    return {"group": group.pk, "organisation": organisation.name,
            "answers": dict(submission.answers.values_list("question_id", "text")),
            "interests": submission.interests, "submitted_at": submission.submitted_at,
            "group_status": group.status}
