"""Ranked candidate peers for a request, mounted at /api/v1/support-requests next to the
requests' own operations. The same domain function as the team page."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from exchange.common.api import Error, PageNumberPagination
from exchange.common.models import Topic
from exchange.common.permissions import permission_required

from ..domain import team as team_domain
from ..enums import Sector
from ..models import SupportRequest

router = Router(tags=["Peer support"])

ORGANISERS_ONLY = "Only the programme's organisers can see candidate peers."


class CandidateOut(Schema):
    peer_id: int
    name: str
    sector: str = Field(..., json_schema_extra={"enum": list(Sector.values)})
    organisation: str
    expertise: list[str] = Field(description="The peer's topics, by name.")
    score: int = Field(description="Higher is a better match; the list is ordered by it.")
    reasons: list[str] = Field(description="Why the peer is ranked where they are, as sentences.")

    @staticmethod
    def resolve_peer_id(proposal):
        return proposal.peer.pk

    @staticmethod
    def resolve_name(proposal):
        return proposal.peer.user.full_name or str(proposal.peer)

    @staticmethod
    def resolve_sector(proposal):
        return proposal.peer.sector

    @staticmethod
    def resolve_organisation(proposal):
        return proposal.peer.organisation_label

    @staticmethod
    def resolve_expertise(proposal):
        return sorted(topic.name for topic in proposal.peer.expertise.all())

    @staticmethod
    def resolve_reasons(proposal):
        return list(proposal.reasons)


class CandidateFilters(Schema):
    expertise: str = Field("", description="Only peers who know this topic (its slug).")
    sector: Literal[("", *Sector.values)] = Field(  # type: ignore[valid-type]
        "", description="Only peers from this sector.")


@router.get("/{int:request_id}/candidates",
            response={200: list[CandidateOut], 401: Error, 403: Error, 404: Error, 422: Error},
            url_name="support-request-candidates", summary="Ranked candidate peers (staff)")
@permission_required("support.run_support", message=ORGANISERS_ONLY)
@paginate(PageNumberPagination)
def candidates(request, request_id: int, filters: Query[CandidateFilters]):
    """The peers who may be proposed for the request, best match first, each with its score
    and the reasons for it. Never a peer of the requesting force, one with a declared conflict,
    one paused, away or without days left, or one already on the team."""
    support_request = get_object_or_404(SupportRequest, pk=request_id)
    topic = Topic.objects.filter(slug=filters.expertise).first() if filters.expertise else None
    if filters.expertise and topic is None:
        return []
    return team_domain.candidates(request=support_request, expertise=topic,
                                  sector=filters.sector)
