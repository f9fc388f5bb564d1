"""Peer support's rows of the access table; tests/test_access.py merges them and :func:`objects`
into the one table (found through the app registry).

Each area keeps its rows in its own module (``access_rows_<area>.py``: ``ROWS`` and
``add_objects``); this module makes the objects they share. Kent Police (the owner's force) asks
for support: its lead sees the request, organisers run it, and everyone else gets 404, the
member too, who is a peer in the pool but not on this request's team. Kent and Essex are in a
peer-matching group, which Kent's lead takes part in.
"""

from types import SimpleNamespace

from exchange.common.models import Topic
from exchange.support.enums import GroupStatus, RequestStatus, SupportType
from exchange.support.models import GroupForce, MatchingGroup, SupportRequest, TermsVersion

from . import (
    access_rows_engagement,
    access_rows_landing,
    access_rows_matching,
    access_rows_peers,
    access_rows_requests,
    access_rows_team,
)
from .factories import PeerFactory

AREAS = [access_rows_landing, access_rows_peers, access_rows_requests, access_rows_engagement,
         access_rows_matching, access_rows_team]

ACCESS_ROWS = {name: rows for area in AREAS for name, rows in area.ROWS.items()}


def objects(*, force, other_force, people):
    topic, _ = Topic.objects.get_or_create(slug="problem-solving",
                                           defaults={"name": "Problem solving"})
    member_peer = PeerFactory(user=people["member"], organisation=force)
    member_peer.expertise.set([topic])
    request = SupportRequest.objects.create(
        organisation=force, requested_by=people["lead"], support_type=SupportType.PEER_REVIEW,
        issue="Files wait too long for a charging decision.", success="Half the wait.",
        status=RequestStatus.SCOPING)
    request.topics.set([topic])
    for number in (1, 2):
        TermsVersion.objects.create(
            request=request, number=number, scope=f"Scope, version {number}",
            questions="Where do files wait?", deliverables="A report.", team_size=3,
            written_by=people["organiser"])
    group = MatchingGroup.objects.create(title="Problem solving group", topic=topic,
                                         status=GroupStatus.GUIDE, created_by=people["organiser"])
    GroupForce.objects.bulk_create([GroupForce(group=group, organisation=force),
                                    GroupForce(group=group, organisation=other_force)])
    shared = SimpleNamespace(force=force, other_force=other_force, people=people, topic=topic,
                             member_peer=member_peer, request=request, group=group)
    for area in AREAS:
        area.add_objects(shared)
    return shared
