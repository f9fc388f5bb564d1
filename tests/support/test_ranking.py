"""The team ranking as a pure function: properties over generated pools, and worked examples of
its reasons. No database."""

import datetime
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.support.domain.ranking import (
    GapFact,
    PeerFacts,
    RequestFacts,
    TeamPlace,
    TopicFact,
    rank_candidates,
    why_not,
)

FORCES = [1, 2, 3, 4]
TOPICS = [TopicFact(n, name) for n, name in enumerate(
    ["Investigations", "Vulnerability", "Evidence-based policing", "Contact centre"], start=1)]
SECTORS = ["police", "public", "private", "voluntary"]
START = datetime.date(2030, 4, 1)

days = st.integers(min_value=0, max_value=120).map(lambda n: START + datetime.timedelta(days=n))
absences = st.tuples(days, st.integers(min_value=0, max_value=10)).map(
    lambda a: (a[0], a[0] + datetime.timedelta(days=a[1])))
topic_ids = st.frozensets(st.sampled_from([t.id for t in TOPICS]))


@st.composite
def peers(draw):
    ids = draw(st.lists(st.integers(min_value=1, max_value=500), unique=True, max_size=25))
    return [PeerFacts(
        id=pk, status=draw(st.sampled_from(["approved", "approved", "applied", "left"])),
        organisation_id=draw(st.sampled_from([*FORCES, None])),
        sector=draw(st.sampled_from(SECTORS)), expertise=draw(topic_ids),
        conflict_organisation_ids=draw(st.frozensets(st.sampled_from(FORCES), max_size=2)),
        paused=draw(st.booleans()), paused_until=draw(st.none() | days),
        absences=tuple(draw(st.lists(absences, max_size=2))),
        days_per_quarter=draw(st.integers(min_value=0, max_value=5)),
        days_committed=draw(st.integers(min_value=0, max_value=5)),
        can_travel=draw(st.booleans())) for pk in ids]


@st.composite
def requests(draw, pool=()):
    starts_on = draw(st.none() | days)
    ends_on = starts_on + datetime.timedelta(days=draw(st.integers(0, 3))) if starts_on else None
    team_ids = draw(st.lists(st.sampled_from([p.id for p in pool]), unique=True, max_size=3)) \
        if pool else []
    by_id = {p.id: p for p in pool}
    return RequestFacts(
        id=1, organisation_id=draw(st.sampled_from(FORCES)),
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=3))),
        gap_topics=tuple(GapFact(t.id, t.name, draw(st.integers(1, 3)))
                         for t in draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=2))),
        starts_on=starts_on, ends_on=ends_on,
        team=tuple(TeamPlace(pk, by_id[pk].sector, by_id[pk].organisation_id) for pk in team_ids),
        delivery=draw(st.sampled_from(["on_site", "virtual", "either"])))


@st.composite
def pools(draw):
    pool = draw(peers())
    return draw(requests(pool)), pool


def _overlaps(request, peer):
    first = request.starts_on or request.ends_on
    if first is None:
        return False
    last = request.ends_on or first
    return any(start <= last and end >= first for start, end in peer.absences)


@settings(max_examples=150, deadline=None)
@given(pools())
def test_never_the_requesting_force_a_conflict_or_anyone_not_approved(case):
    request, pool = case
    by_id = {p.id: p for p in pool}
    for candidate in rank_candidates(request=request, peers=pool):
        peer = by_id[candidate.peer_id]
        assert peer.organisation_id != request.organisation_id
        assert request.organisation_id not in peer.conflict_organisation_ids
        assert peer.status == "approved"


@settings(max_examples=150, deadline=None)
@given(pools())
def test_never_a_peer_paused_away_without_days_or_already_on_the_team(case):
    request, pool = case
    by_id = {p.id: p for p in pool}
    on_team = {place.peer_id for place in request.team}
    for candidate in rank_candidates(request=request, peers=pool):
        peer = by_id[candidate.peer_id]
        first = request.starts_on or request.ends_on
        assert not (peer.paused and (peer.paused_until is None or first is None
                                     or peer.paused_until >= first))
        assert not _overlaps(request, peer)
        assert peer.days_committed < peer.days_per_quarter
        assert peer.id not in on_team


@settings(max_examples=150, deadline=None)
@given(pools(), st.randoms(use_true_random=False))
def test_order_is_the_same_however_the_pool_is_shuffled(case, rng):
    request, pool = case
    shuffled = list(pool)
    rng.shuffle(shuffled)
    assert rank_candidates(request=request, peers=shuffled) == rank_candidates(
        request=request, peers=pool)


@settings(max_examples=150, deadline=None)
@given(pools())
def test_order_is_by_score_then_peer_id_and_every_candidate_has_reasons(case):
    request, pool = case
    ranked = rank_candidates(request=request, peers=pool)
    assert [(-c.score, c.peer_id) for c in ranked] == sorted((-c.score, c.peer_id) for c in ranked)
    assert all(c.reasons and all(isinstance(r, str) and r for r in c.reasons) for c in ranked)


@settings(max_examples=150, deadline=None)
@given(requests(), peers(), topic_ids, topic_ids, st.booleans())
def test_a_better_expertise_match_never_ranks_below_a_worse_one(request, pool, known, extra,
                                                                better_first):
    """Two peers alike in all but expertise, one knowing a superset of the other's topics; the
    tie-break on id goes either way."""
    worse = PeerFacts(id=1001 if better_first else 1000, status="approved", organisation_id=None,
                      sector="public", expertise=known)
    better = replace(worse, id=1000 if better_first else 1001, expertise=known | extra)
    asked = {t.id for t in request.topics} | {g.topic_id for g in request.gap_topics}
    ranked = [c.peer_id for c in rank_candidates(request=request, peers=[*pool, worse, better])]
    assert better.id in ranked and worse.id in ranked
    if (better.expertise - worse.expertise) & asked:
        assert ranked.index(better.id) < ranked.index(worse.id)
    else:
        # Equally good for this request: the lower id goes first.
        assert ranked.index(min(better.id, worse.id)) < ranked.index(max(better.id, worse.id))


def test_reasons_read_as_sentences():
    request = RequestFacts(
        id=1, organisation_id=1, topics=(TOPICS[0], TOPICS[1], TOPICS[3]),
        gap_topics=(GapFact(3, "Evidence-based policing", 2),),
        starts_on=START, ends_on=START + datetime.timedelta(days=2), delivery="on_site",
        team=(TeamPlace(50, "police", 2),))
    peer = PeerFacts(id=7, status="approved", organisation_id=None, sector="voluntary",
                     expertise=frozenset({1, 2, 3}), days_per_quarter=3, days_committed=1,
                     can_travel=True, organisation_name="Calm Minds")
    [candidate] = rank_candidates(request=request, peers=[peer])
    assert candidate.reasons == (
        "Knows 2 of the 3 topics asked for: Investigations, Vulnerability",
        "Knows Evidence-based policing, where the self-assessment shows a gap of 2 levels",
        "Available on the dates, with 2 days left that quarter",
        "Can travel to the force",
        "Would be the team's first peer from the voluntary sector",
    )
    assert candidate.score == 20 + 10 + 2 + 2 + 4


def test_diversity_moves_a_new_sector_and_force_above_an_equal_peer_already_represented():
    request = RequestFacts(id=1, organisation_id=1, topics=(TOPICS[0],),
                           team=(TeamPlace(50, "police", 2),))
    same = PeerFacts(id=1, status="approved", organisation_id=2, sector="police",
                     expertise=frozenset({1}), organisation_name="Essex Police")
    new = replace(same, id=2, organisation_id=3, sector="public", organisation_name="NHS Trust")
    ranked = rank_candidates(request=request, peers=[same, new])
    assert [c.peer_id for c in ranked] == [2, 1]
    assert "Would be the team's first peer from NHS Trust" in ranked[0].reasons


def test_why_not_says_why_a_peer_is_left_out():
    request = RequestFacts(id=1, organisation_id=1, starts_on=START, ends_on=START)
    peer = PeerFacts(id=1, status="approved", organisation_id=2, sector="police")
    assert why_not(request, peer) is None
    assert why_not(request, replace(peer, organisation_id=1)) == (
        "works for the organisation that asked for support")
    assert why_not(request, replace(peer, conflict_organisation_ids=frozenset({1}))) == (
        "has declared a conflict with the organisation that asked for support")
    assert why_not(request, replace(peer, absences=((START, START),))) == (
        "is away on the request's dates")
    assert why_not(request, replace(peer, paused=True, paused_until=START)) == (
        "has paused their availability")
    assert why_not(request, replace(peer, paused=True, paused_until=START - datetime.timedelta(
        days=1))) is None
    assert why_not(request, replace(peer, days_committed=3)) == "has no days left this quarter"
    assert why_not(replace(request, declined_peer_ids=frozenset({1})), peer) == (
        "declined an invitation to this team")
