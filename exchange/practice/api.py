"""The practice bank's API, mounted at /api/v1/practices.

Reading goes through the finder (the same query as the list page), so the API never lists what
the site would hide; writing goes through the importers' checks and the domain, so a submission
made here waits for review like one made on the site.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import OPEN, Error, Faceted, FacetedPagination, WithPage
from exchange.common.enums import Region
from exchange.common.permissions import permission_required

from .enums import EvidenceLabel, Focus, PracticeStatus, Recognition, Scale, Stage, Visibility
from .finder import SORTS, PracticeQuery, facet_counts, filtered
from .importers import submit_entry, validate_row
from .interchange import format_start_date
from .models import Practice

router = Router(tags=["practice"])


def _choice(enum, *, required=False, description=""):
    values = [*([] if required else [""]), *enum.values]
    if required:
        return Field(..., description=description, json_schema_extra={"enum": values})
    return Field("", description=description, json_schema_extra={"enum": values})


def _choices(enum, *, description=""):
    return Field([], description=description,
                 json_schema_extra={"items": {"type": "string", "enum": list(enum.values)}})


def _one_of(values, *, description=""):
    """An output field the schema lists the values of (the field is always present)."""
    return Field(..., description=description, json_schema_extra={"enum": list(values)})


class Ref(Schema):
    slug: str
    name: str


class PracticeItem(WithPage):
    id: int
    title: str
    summary: str
    evidence_label: str = _one_of(EvidenceLabel.values)
    stage: str = _one_of(["", *Stage.values])
    focus: list[str] = Field(..., json_schema_extra={"items": {"type": "string",
                                                                "enum": list(Focus.values)}})
    topics: list[Ref]
    organisation: Ref | None
    region: str = _one_of(["", *Region.values])
    start_year: int | None
    published_at: datetime | None

    @staticmethod
    def resolve_focus(practice):
        return sorted(row.value for row in practice.focus_rows.all())

class LabelChangeOut(Schema):
    label: str
    changed_at: datetime


class PracticeDetail(PracticeItem):
    status: str = _one_of(PracticeStatus.values)
    partners: list[str]
    start_date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as it is known.")
    scale: str = _one_of(["", *Scale.values])
    target_groups: list[str]
    aim: str
    intended_outcome: str
    description: str
    results: str
    effect: str
    mechanism: str
    moderators: str
    implementation: str
    economic_cost: str
    recognition: list[str] = Field(..., json_schema_extra={
        "items": {"type": "string", "enum": list(Recognition.values)}})
    contact_name: str
    contact_email: str
    links: list[str]
    source_url: str
    visibility: str = _one_of(Visibility.values)
    external_id: str | None
    updated_at: datetime
    label_history: list[LabelChangeOut] = Field(description="Newest first.")

    @staticmethod
    def resolve_start_date(practice):
        return format_start_date(practice.start_date, practice.start_date_precision)

    @staticmethod
    def resolve_recognition(practice):
        return sorted(row.value for row in practice.recognition_rows.all())

    @staticmethod
    def resolve_label_history(practice):
        return practice.label_changes.all()

    # JSON lists that an older row may hold as null.
    @staticmethod
    def resolve_partners(practice):
        return practice.partners or []

    @staticmethod
    def resolve_target_groups(practice):
        return practice.target_groups or []

    @staticmethod
    def resolve_links(practice):
        return practice.links or []


class PracticeIn(Schema):
    """A new entry, in the interchange format of import_practices."""

    model_config = {"extra": "forbid"}

    title: str = Field(..., max_length=200)
    evidence_label: str = _choice(EvidenceLabel, required=True, description="Does it work?")
    description: str
    summary: str = Field("", max_length=300, description="One line.")
    stage: str = _choice(Stage)
    focus: list[str] = _choices(Focus)
    topics: list[str] = Field([], description="Topic names or aliases; new ones are created.")
    organisation: str = Field("", description="A name or alias; defaults to your organisation.")
    region: str = _choice(Region)
    partners: list[str] = []
    start_date: str = Field("", description="YYYY, YYYY-MM or YYYY-MM-DD.")
    scale: str = _choice(Scale)
    target_groups: list[str] = []
    aim: str = ""
    intended_outcome: str = ""
    results: str = ""
    effect: str = ""
    mechanism: str = Field("", description="Why it works: what makes the change happen.")
    moderators: str = Field("", description="Where and for whom it works (context).")
    implementation: str = Field("", description="What it takes to put in place.")
    economic_cost: str = ""
    recognition: list[str] = _choices(Recognition)
    contact_name: str = ""
    contact_email: str = ""
    links: list[str] = []
    source_url: str = ""
    visibility: str = _choice(Visibility)
    external_id: str | None = None


class PracticeFilters(Schema):
    q: str = Field("", description="Words to search for; results are ranked by relevance.")
    evidence_label: list[str] = Field([], json_schema_extra={"items": {
        "type": "string", "enum": list(EvidenceLabel.values)}})
    stage: list[str] = _choices(Stage)
    focus: list[str] = _choices(Focus)
    topic: list[str] = Field([], description="Topic slugs.")
    organisation: list[str] = Field([], description="Organisation slugs.")
    region: list[str] = _choices(Region)
    recognition: list[str] = _choices(Recognition)
    year: list[str] = Field([], description="Years the practice started.")
    sort: str = Field("", description="Best match first when searching, newest first otherwise.",
                      json_schema_extra={"enum": ["", *sorted(SORTS)]})
    facets: bool = Field(True, description="Include the facet counts.")


@router.get("", response={200: list[PracticeItem], 401: Error, 422: Error}, **OPEN,
            url_name="practice-list", summary="Find published practice")
@paginate(FacetedPagination)
def list_practices(request, filters: Query[PracticeFilters]):
    """Published entries you may see, filtered and searched like the practice list page.

    Each filter may repeat (`?focus=prevention&focus=diversion`); values within one filter
    are alternatives, different filters all apply. Members-only entries need a signed-in
    member or a member's token.
    """
    query, errors = PracticeQuery.from_params(filters.model_dump(exclude={"facets"}))
    if errors:
        raise ValidationError(errors)
    found = (filtered(request.user, query).select_related("organisation")
             .prefetch_related("topics", "focus_rows", "recognition_rows"))
    return Faceted(items=found,
                   facets=facet_counts(request.user, query) if filters.facets else {})


@router.get("/{int:practice_id}", response={200: PracticeDetail, 401: Error, 404: Error},
            **OPEN, url_name="practice-detail", summary="One practice entry")
def get_practice(request, practice_id: int):
    """Everything about one entry; 404 if it does not exist or you may not see it."""
    practice = _with_detail(Practice.objects.for_user(request.user).filter(pk=practice_id)).first()
    if practice is None:
        raise Http404
    return practice


@router.post("", response={201: PracticeDetail, 401: Error, 403: Error, 422: Error},
             url_name="practice-submit", summary="Submit practice")
@permission_required("practice.share_practice",
                     message="Only members of an organisation on the Exchange can submit "
                     "practice; your membership is not active yet.")
def submit_practice(request, response: HttpResponse, payload: PracticeIn):
    """Send a new entry for review, as a member of an organisation (it is not published until a
    reviewer approves it). Sign in, or send `Authorization: Bearer <token>`; a session request
    needs the CSRF token in `X-CSRFToken`."""
    data, errors = validate_row(payload.model_dump(exclude_unset=True))
    if errors:
        return Status(422, {"message": "The entry is not valid.",
                            "errors": [{"field": name, "message": m} for name, m in errors]})
    practice = submit_entry(data=data, submitted_by=request.auth)
    response["Location"] = request.build_absolute_uri(
        reverse("api:practice-detail", kwargs={"practice_id": practice.pk}))
    return Status(201, _with_detail(Practice.objects.filter(pk=practice.pk)).get())


def _with_detail(practices):
    return (practices.select_related("organisation")
            .prefetch_related("topics", "focus_rows", "recognition_rows", "label_changes"))
