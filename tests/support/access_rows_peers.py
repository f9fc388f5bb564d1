"""The peers rows of peer support's access table (merged by access_rows.py).

Anyone signed in may apply to be a peer; the member is already one (an approved peer), so they
see where their application stands instead. The ``peers/you/`` pages are the peer's own: the
member gets them, anyone else signed in is sent to apply. Organisers run the pool; a lead sees
it in outline; nobody else sees it.
"""

from exchange.support.enums import PeerStatus, RequestStatus, SupportType, TeamStatus
from exchange.support.models import Peer, SupportRequest, TeamMember
from tests.access import LOGIN, ORGANISERS, SIGNED_IN, Case, Pk, expect, fresh, get, only, post
from tests.factories import UserFactory

from .factories import PeerFactory

# The peer's own pages: the member (a peer) gets them; anyone else signed in is sent to apply.
THE_PEER = expect(302, anonymous=LOGIN, member=200)
THE_PEER_ACTS = expect(302, anonymous=LOGIN)
ORGANISERS_ACT = only("organisers", answer=302)
POOL = only("organisers", "lead")
EVERYONE_BUT_THE_PEER = ("colleague", "lead", "other_force_member", "reviewer", "editor",
                         "organiser", "administrator")

APPLICATION = {"expertise": Pk("topic"), "sector": "public",
               "organisation_name": "Testshire County Council",
               "statement": "Access table application", "days_per_quarter": "2"}
PROFILE = {"expertise": Pk("topic"), "sector": "police", "organisation": Pk("force"),
           "statement": "Changed through the access table", "days_per_quarter": "3"}
API_APPLICATION = {"expertise": ["problem-solving"], "sector": "police",
                   "statement": "Access table application", "organisation": "Kent Police"}


def _applied(objects):
    return Peer.objects.filter(status=PeerStatus.APPLIED,
                               statement="Access table application").exists()


def _api(method, path, *args, expected, data=None, label="", done=None):
    return Case((path, *args), expected, label, method=method, data=data or {}, done=done)


ROWS = {
    "support:peer-apply": [
        get("support:peer-apply", expected=SIGNED_IN),
        post("support:peer-apply", expected=expect(302, anonymous=LOGIN, member=200),
             data=APPLICATION, label="apply", done=_applied, done_by=EVERYONE_BUT_THE_PEER),
    ],
    "support:peer-profile": [get("support:peer-profile", expected=THE_PEER)],
    "support:peer-edit": [
        get("support:peer-edit", expected=THE_PEER),
        post("support:peer-edit", expected=THE_PEER_ACTS, data=PROFILE, label="change",
             done=lambda o: fresh(o.member_peer).statement == "Changed through the access table",
             done_by=("member",)),
    ],
    "support:peer-availability": [
        get("support:peer-availability", expected=THE_PEER),
        post("support:peer-availability", expected=THE_PEER_ACTS, data={"action": "pause"},
             label="pause", done=lambda o: fresh(o.member_peer).paused, done_by=("member",)),
    ],
    "support:peer-leave": [
        get("support:peer-leave", expected=THE_PEER),
        post("support:peer-leave", expected=THE_PEER_ACTS, data={"reason": "Moving on"},
             label="leave", done=lambda o: fresh(o.member_peer).status == PeerStatus.LEFT,
             done_by=("member",)),
    ],
    "support:peer-record": [
        get("support:peer-record", expected=THE_PEER),
        post("support:peer-record", expected=THE_PEER_ACTS, label="enter the time",
             data=lambda o: {"member": o.member_engagement.pk,
                             f"m{o.member_engagement.pk}-days": "2.5"},
             done=lambda o: fresh(o.member_engagement).days is not None, done_by=("member",)),
    ],
    "support:peer-record-download": [
        get("support:peer-record-download", "csv", expected=THE_PEER, label="csv"),
        get("support:peer-record-download", "pdf", expected=THE_PEER, label="pdf"),
    ],
    "support:pool": [get("support:pool", expected=POOL)],
    "support:peer-applications": [get("support:peer-applications", expected=ORGANISERS)],
    "support:peer-appoint": [
        get("support:peer-appoint", expected=ORGANISERS),
        post("support:peer-appoint", expected=ORGANISERS_ACT, label="appoint",
             data={**PROFILE, "email": "colleague@kent.police.uk"},
             done=lambda o: Peer.objects.filter(user=o.people["colleague"]).exists()),
    ],
    "support:peer-detail": [get("support:peer-detail", Pk("member_peer"), expected=ORGANISERS)],
    "support:peer-decide": [
        get("support:peer-decide", Pk("applied_peer"), expected=ORGANISERS),
        post("support:peer-decide", Pk("applied_peer"), expected=ORGANISERS_ACT,
             data={"decision": "approve"}, label="approve",
             done=lambda o: fresh(o.applied_peer).status == PeerStatus.APPROVED),
    ],
    "GET /api/v1/peers": [get("/api/v1/peers", expected=only("organisers", "lead",
                                                             anonymous=401))],
    "POST /api/v1/peers/applications": [
        _api("post", "/api/v1/peers/applications", label="apply", data=API_APPLICATION,
             expected=expect(201, anonymous=401, member=409), done=_applied),
    ],
}


def add_objects(objects):
    """Adds this area's objects to the shared namespace (which has force, other_force, people,
    topic, member_peer, request and group): an application waiting for a decision, from someone
    who is not one of the nine, and the member's place on a closed engagement for another force
    (so the member's record has a row to enter time on; Kent's request stays one they are not on)."""
    objects.applied_peer = PeerFactory(
        user=UserFactory(email="applicant@example.org", full_name="Abi Applicant"),
        status=PeerStatus.APPLIED, organisation=objects.other_force)
    engagement = SupportRequest.objects.create(
        organisation=objects.other_force, support_type=SupportType.PEER_REVIEW,
        issue="Call handling.", success="Fewer abandoned calls.", status=RequestStatus.CLOSED)
    objects.member_engagement = TeamMember.objects.create(
        request=engagement, peer=objects.member_peer, status=TeamStatus.ACCEPTED)
