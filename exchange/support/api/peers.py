"""The pool of peers in the API, mounted at /api/v1/peers: staff list it in full, organisation
leads in outline; anyone signed in applies to be a peer. The handlers call the same domain
functions as the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from exchange.common.api import Error, PageNumberPagination
from exchange.common.permissions import allows, permission_required
from exchange.people.models import Organisation

from ..domain import peers as domain
from ..enums import PeerKind, PeerStatus, Sector
from ..rules import user_peer

router = Router(tags=["Peer support"])

POOL_REFUSAL = "Only peer support staff and organisation leads can see the pool of peers."


class PeerOutline(Schema):
    """What an organisation lead sees of a peer: never a name, contact details, organisation
    or statement."""

    id: int
    view: Literal["outline"] = Field("outline", description="Which schema this item is.")
    kind: str = Field(..., json_schema_extra={"enum": list(PeerKind.values)})
    sector: str = Field(..., json_schema_extra={"enum": list(Sector.values)})
    rank_or_grade: str
    expertise: list[str] = Field(description="Topic names.")
    can_travel: bool
    available_now: bool = Field(description="Approved, not paused and not away today.")
    paused: bool


class PeerFull(Schema):
    """What staff see of a peer."""

    id: int
    view: Literal["full"] = Field("full", description="Which schema this item is.")
    kind: str = Field(..., json_schema_extra={"enum": list(PeerKind.values)})
    sector: str = Field(..., json_schema_extra={"enum": list(Sector.values)})
    rank_or_grade: str
    expertise: list[str]
    can_travel: bool
    available_now: bool
    paused: bool
    status: str = Field(..., json_schema_extra={"enum": list(PeerStatus.values)})
    name: str
    email: str
    organisation: str
    statement: str
    days_per_quarter: int
    paused_until: dt.date | None
    applied_at: dt.datetime


def _outline(peer):
    return {"id": peer.pk, "view": "outline", "kind": peer.kind, "sector": peer.sector,
            "rank_or_grade": peer.rank_or_grade,
            "expertise": [topic.name for topic in peer.expertise.all()],
            "can_travel": peer.can_travel, "available_now": peer.available_now,
            "paused": peer.paused_now}


def _full(peer):
    return {**_outline(peer), "view": "full", "status": peer.status, "name": peer.user.full_name,
            "email": peer.user.email, "organisation": peer.organisation_label,
            "statement": peer.statement, "days_per_quarter": peer.days_per_quarter,
            "paused_until": peer.paused_until, "applied_at": peer.created_at}


class Rows:
    """A pool queryset that the pagination slices and counts, each row turned into the caller's
    schema as it is read: staff get :class:`PeerFull`, leads :class:`PeerOutline`."""

    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __getitem__(self, items):
        return [self.convert(peer) for peer in self.queryset[items]]

    def __len__(self):
        return self.queryset.count()


class PoolFilters(Schema):
    expertise: str = Field("", description="A topic's slug.")
    sector: Literal["", *Sector.values] = ""  # type: ignore[valid-type]
    available: bool = Field(False, description="Only peers available now.")
    kind: Literal["", *PeerKind.values] = ""  # type: ignore[valid-type]


@router.get("", response={200: list[PeerFull | PeerOutline], 401: Error, 403: Error, 422: Error},
            url_name="peer-list", summary="The pool of peers (staff; leads in outline)")
@permission_required("support.view_pool", message=POOL_REFUSAL)
@paginate(PageNumberPagination)
def list_peers(request, filters: Query[PoolFilters]):
    """Staff see every peer in full (`view: "full"`); an organisation lead sees approved peers
    in outline (`view: "outline"`): expertise, sector, kind, rank or grade, travel and whether
    available now, never a name, contact details, organisation or statement."""
    staff = allows(request.user, "support.run_support")
    topics, _ = domain.topics_named([filters.expertise]) if filters.expertise else ([None], [])
    if not topics:
        raise ValidationError({"expertise": f"There is no topic {filters.expertise!r}"})
    peers = domain.pool(viewer_is_staff=staff, expertise=topics[0], sector=filters.sector,
                        available=filters.available, kind=filters.kind)
    return Rows(peers, _full if staff else _outline)


class AbsenceIn(Schema):
    starts_on: dt.date
    ends_on: dt.date


class ConflictIn(Schema):
    organisation: str = Field(..., description="A listed organisation's name.")
    reason: str = Field("", max_length=300)


class ApplicationIn(Schema):
    model_config = {"extra": "forbid"}

    expertise: list[str] = Field(..., description="Topic slugs or names; at least one.")
    sector: Literal[*Sector.values]  # type: ignore[valid-type]
    organisation: str = Field("", description="Your organisation's name: a listed one is "
                              "linked, any other is kept as typed. Empty for your membership's.")
    rank_or_grade: str = Field("", max_length=120)
    statement: str = Field(..., max_length=3000)
    days_per_quarter: int = Field(domain.DEFAULT_DAYS_PER_QUARTER, ge=1,
                                  le=domain.MAX_DAYS_PER_QUARTER)
    can_travel: bool = True
    dates_away: list[AbsenceIn] = []
    conflicts: list[ConflictIn] = []


class ApplicationOut(Schema):
    id: int
    status: str = Field(..., json_schema_extra={"enum": list(PeerStatus.values)})
    kind: str
    sector: str
    organisation: str
    expertise: list[str]


def _conflicts(items):
    names = [item.organisation.strip().lower() for item in items]
    known = {o.name.lower(): o for o in Organisation.objects.reviewed().annotate(
        lower_name=Lower("name")).filter(lower_name__in=names)} if names else {}
    conflicts, errors = [], {}
    for index, item in enumerate(items):
        organisation = known.get(item.organisation.strip().lower())
        if organisation is None:
            errors[f"conflicts.{index}.organisation"] = (
                f"There is no listed organisation called {item.organisation.strip()!r}")
        conflicts.append((organisation, item.reason))
    return conflicts, errors


@router.post("/applications",
             response={201: ApplicationOut, 401: Error, 403: Error, 409: Error, 422: Error},
             url_name="peer-apply", summary="Apply to be a peer")
@permission_required("support.apply_as_peer")
def apply(request, payload: ApplicationIn):
    """One application per person: 409 if you have already applied (or are in the pool)."""
    existing = user_peer(request.auth)
    if existing is not None and existing.status != PeerStatus.LEFT:
        message = domain.already_applied_message(existing)
        return Status(409, {"message": message, "errors": [{"field": None, "message": message}]})
    topics, missing = domain.topics_named(payload.expertise)
    conflicts, errors = _conflicts(payload.conflicts)
    if missing:
        errors["expertise"] = f"There is no topic {', '.join(map(repr, missing))}"
    if errors:
        raise ValidationError(errors)
    peer = domain.apply_as_peer(
        user=request.auth, expertise=topics, sector=payload.sector,
        organisation=request.auth.organisation, organisation_name=payload.organisation,
        rank_or_grade=payload.rank_or_grade, statement=payload.statement,
        days_per_quarter=payload.days_per_quarter, can_travel=payload.can_travel,
        conflicts=conflicts, absences=[(a.starts_on, a.ends_on) for a in payload.dates_away])
    return Status(201, {"id": peer.pk, "status": peer.status, "kind": peer.kind,
                        "sector": peer.sector, "organisation": peer.organisation_label,
                        "expertise": [topic.name for topic in peer.expertise.all()]})
