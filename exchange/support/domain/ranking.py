"""Ranking candidate peers for a request: a pure function of plain facts.

No database and no models here: :func:`exchange.support.domain.team.ranking_facts` reads the
facts in a fixed number of queries, and this module decides. Keeping it pure lets the property
tests (tests/support/test_ranking.py) throw thousands of pools at it.

A peer is never proposed when they belong to the requesting organisation, declared a conflict
with it, are not approved, are paused or away on the dates, have no days left in the quarter, or
are already on the team (or declined it). The rest are scored, then ordered by score and peer id,
and each candidate says why, in sentences a person reads.
"""

import datetime
from dataclasses import dataclass, field

# Points, in whole numbers so equal scores are equal and the order is exact.
POINTS_PER_TOPIC = 10
POINTS_PER_GAP_LEVEL = 5
POINTS_PER_DAY_LEFT = 1
MOST_DAY_POINTS = 3
POINTS_FOR_TRAVEL = 2
POINTS_FOR_NEW_SECTOR = 4
POINTS_FOR_NEW_ORGANISATION = 3

APPROVED = "approved"
ON_SITE = "on_site"
# How a sentence names each sector: "the team's first peer from the voluntary sector".
SECTOR_PHRASES = {"police": "policing", "public": "the public sector",
                  "private": "the private sector", "voluntary": "the voluntary sector"}


@dataclass(frozen=True)
class TopicFact:
    id: int
    name: str


@dataclass(frozen=True)
class GapFact:
    """A topic of a matrix dimension where the force's latest self-assessment shows a gap."""

    topic_id: int
    topic_name: str
    gap: int  # levels between where the force is and where it wants to be


@dataclass(frozen=True)
class TeamPlace:
    """A peer already invited to or on the team."""

    peer_id: int
    sector: str
    organisation_id: int | None


@dataclass(frozen=True)
class RequestFacts:
    id: int
    organisation_id: int
    topics: tuple[TopicFact, ...] = ()
    gap_topics: tuple[GapFact, ...] = ()
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    team: tuple[TeamPlace, ...] = ()
    # Peers who declined: asking again would be unwelcome.
    declined_peer_ids: frozenset[int] = frozenset()
    delivery: str = "either"


@dataclass(frozen=True)
class PeerFacts:
    id: int
    status: str
    organisation_id: int | None
    sector: str
    expertise: frozenset[int] = frozenset()
    conflict_organisation_ids: frozenset[int] = frozenset()
    paused: bool = False
    paused_until: datetime.date | None = None
    absences: tuple[tuple[datetime.date, datetime.date], ...] = ()
    days_per_quarter: int = 3
    days_committed: int = 0  # in the quarter of the request's dates
    can_travel: bool = True
    organisation_name: str = ""


@dataclass(frozen=True)
class Candidate:
    peer_id: int
    score: int
    reasons: tuple[str, ...] = field(default=())


def rank_candidates(*, request: RequestFacts, peers: list[PeerFacts]) -> list[Candidate]:
    """The peers who may be proposed for ``request``, best first (score, then peer id)."""
    candidates = [_score(request, peer) for peer in peers if why_not(request, peer) is None]
    return sorted(candidates, key=lambda c: (-c.score, c.peer_id))


def why_not(request: RequestFacts, peer: PeerFacts) -> str | None:
    """Why ``peer`` may not be proposed for ``request`` (a sentence), or None when they may."""
    checks = (
        (peer.status != APPROVED, "is not an approved peer in the pool"),
        (peer.organisation_id is not None and peer.organisation_id == request.organisation_id,
         "works for the organisation that asked for support"),
        (request.organisation_id in peer.conflict_organisation_ids,
         "has declared a conflict with the organisation that asked for support"),
        (_paused_on_dates(request, peer), "has paused their availability"),
        (_away_on_dates(request, peer), "is away on the request's dates"),
        (peer.days_committed >= peer.days_per_quarter, "has no days left this quarter"),
        (peer.id in {place.peer_id for place in request.team}, "is already on the team"),
        (peer.id in request.declined_peer_ids, "declined an invitation to this team"),
    )
    return next((reason for failed, reason in checks if failed), None)


def _dates(request):
    start = request.starts_on or request.ends_on
    return (start, request.ends_on or start) if start else None


def _paused_on_dates(request, peer):
    if not peer.paused:
        return False
    dates = _dates(request)
    # Paused with no end date, or a request with no dates yet: not available now.
    if peer.paused_until is None or dates is None:
        return True
    return peer.paused_until >= dates[0]


def _away_on_dates(request, peer):
    dates = _dates(request)
    if dates is None:
        return False
    first, last = dates
    return any(starts <= last and ends >= first for starts, ends in peer.absences)


def _score(request, peer):
    parts = [_expertise(request, peer), *_gaps(request, peer), _availability(request, peer),
             _travel(request, peer), *_diversity(request, peer)]
    parts = [part for part in parts if part is not None]
    return Candidate(peer_id=peer.id, score=sum(points for points, _ in parts),
                     reasons=tuple(reason for _, reason in parts))


def _names(topics):
    return ", ".join(topic.name for topic in sorted(topics, key=lambda t: (t.name, t.id)))


def _expertise(request, peer):
    if not request.topics:
        return None
    known = [topic for topic in request.topics if topic.id in peer.expertise]
    asked = len(request.topics)
    if not known:
        noun = "the topic" if asked == 1 else f"the {asked} topics"
        return 0, f"Knows none of {noun} asked for"
    if len(known) == asked:
        noun = "the one topic" if asked == 1 else f"all {asked} topics"
    else:
        noun = f"{len(known)} of the {asked} topics"
    return POINTS_PER_TOPIC * len(known), f"Knows {noun} asked for: {_names(known)}"


def _gaps(request, peer):
    for gap in sorted(request.gap_topics, key=lambda g: (-g.gap, g.topic_name, g.topic_id)):
        if gap.topic_id in peer.expertise and gap.gap > 0:
            levels = "1 level" if gap.gap == 1 else f"{gap.gap} levels"
            yield (POINTS_PER_GAP_LEVEL * gap.gap,
                   f"Knows {gap.topic_name}, where the self-assessment shows a gap of {levels}")


def _availability(request, peer):
    left = peer.days_per_quarter - peer.days_committed
    points = min(left, MOST_DAY_POINTS) * POINTS_PER_DAY_LEFT
    days = "1 day" if left == 1 else f"{left} days"
    if _dates(request) is None:
        return points, f"The request has no dates yet; has {days} left this quarter"
    return points, f"Available on the dates, with {days} left that quarter"


def _travel(request, peer):
    if request.delivery != ON_SITE:
        return None
    if peer.can_travel:
        return POINTS_FOR_TRAVEL, "Can travel to the force"
    return 0, "Cannot travel, and the support is to be on site"


def _diversity(request, peer):
    # Against the team as it stands: with nobody on it yet, every peer would be "the first".
    if not request.team:
        return
    if peer.sector not in {place.sector for place in request.team}:
        phrase = SECTOR_PHRASES.get(peer.sector, peer.sector)
        yield POINTS_FOR_NEW_SECTOR, f"Would be the team's first peer from {phrase}"
    organisations = {place.organisation_id for place in request.team}
    if peer.organisation_id is not None and peer.organisation_id not in organisations:
        name = peer.organisation_name or "their organisation"
        yield POINTS_FOR_NEW_ORGANISATION, f"Would be the team's first peer from {name}"
