"""The team, invitation and pairing rows of peer support's access table (merged by
access_rows.py).

Only organisers assemble a team: Kent's lead, who may see Kent's request, is refused (403);
anyone who may not see the request gets 404. An invitation is the invited peer's alone (the
member, invited onto an Essex request): 404 for everyone else, organisers too. A pairing is
seen by the paired peer (the member), the force's lead and organisers.
"""

import datetime

from django.utils import timezone

from exchange.support.enums import RequestStatus, Sector, SupportType, TeamStatus
from exchange.support.models import Pairing, PairingMeeting, SupportRequest, TeamMember
from tests.access import LOGIN, SIGNED_IN, Pk, expect, fresh, get, only, post
from tests.factories import UserFactory

from .factories import PeerFactory

ORGANISERS_OF_KENT = expect(404, anonymous=LOGIN, lead=403, organisers=200)
PAIRED = expect(404, anonymous=LOGIN, member=200, lead=200, organisers=200)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)

ROWS = {
    "support:team": [
        get("support:team", Pk("request"), expected=ORGANISERS_OF_KENT),
        post("support:team", Pk("request"), label="invite a peer",
             expected=expect(404, anonymous=LOGIN, lead=403, organisers=302),
             data={"action": "invite", "peer": Pk("candidate_peer")},
             done=lambda o: TeamMember.objects.filter(request=o.request,
                                                      peer=o.candidate_peer).exists()),
        post("support:team", Pk("essex_request"), label="withdraw an invitation",
             expected=expect(404, anonymous=LOGIN, organisers=302),
             data={"action": "withdraw", "member": Pk("member_invitation")},
             done=lambda o: fresh(o.member_invitation).status == TeamStatus.WITHDRAWN),
    ],
    "support:invitations": [get("support:invitations", expected=SIGNED_IN)],
    "support:invitation": [
        get("support:invitation", Pk("member_invitation"),
            expected=expect(404, anonymous=LOGIN, member=200)),
        post("support:invitation", Pk("member_invitation"), label="accept",
             expected=expect(404, anonymous=LOGIN, member=302), data={"answer": "accept"},
             done=lambda o: fresh(o.member_invitation).status == TeamStatus.ACCEPTED),
    ],
    "support:pairings": [
        get("support:pairings", Pk("kent_mentoring"),
            expected=expect(404, anonymous=LOGIN, lead=200, organisers=200)),
        post("support:pairings", Pk("kent_mentoring"), label="pair a peer",
             expected=expect(404, anonymous=LOGIN, lead=403, organisers=302),
             data={"peer": Pk("candidate_peer"), "person_name": "Sam Sergeant",
                   "person_role": "Detective sergeant", "purpose": "Mentoring"},
             done=lambda o: Pairing.objects.filter(person_name="Sam Sergeant").exists()),
    ],
    "support:pairing": [
        get("support:pairing", Pk("member_pairing"), expected=PAIRED),
        post("support:pairing", Pk("member_pairing"), label="record a meeting",
             expected=expect(404, anonymous=LOGIN, member=302, lead=302, organisers=302),
             data={"action": "meeting", "held_on": YESTERDAY.isoformat(), "minutes": "45",
                   "note": "Talked about file quality."},
             done=lambda o: PairingMeeting.objects.filter(pairing=o.member_pairing).exists()),
    ],
    "GET /api/v1/support-requests/{request_id}/candidates": [
        get("/api/v1/support-requests/{}/candidates", Pk("request"),
            expected=only("organisers", anonymous=401)),
    ],
}


def add_objects(objects):
    """An Essex request the member (a Kent peer) is invited onto; a Kent mentoring request with
    a pairing of the member (made directly: the ranking would not pair a Kent peer with Kent);
    and an Essex peer the ranking proposes for Kent's requests."""
    force, other_force, people = objects.force, objects.other_force, objects.people
    objects.candidate_peer = PeerFactory(
        user=UserFactory(email="candidate@essex.example", full_name="Cal Candidate"),
        organisation=other_force, sector=Sector.POLICE)
    objects.candidate_peer.expertise.set([objects.topic])
    objects.essex_request = SupportRequest.objects.create(
        organisation=other_force, support_type=SupportType.PEER_REVIEW,
        issue="Neighbourhood teams are pulled into response.", success="Teams stay put.",
        status=RequestStatus.SCOPING)
    objects.essex_request.topics.set([objects.topic])
    objects.member_invitation = TeamMember.objects.create(
        request=objects.essex_request, peer=objects.member_peer, status=TeamStatus.INVITED,
        reasons=["Knows the one topic asked for: Problem solving"],
        invited_by=people["organiser"])
    objects.kent_mentoring = SupportRequest.objects.create(
        organisation=force, requested_by=people["lead"], support_type=SupportType.MENTORING,
        issue="New inspectors need a mentor.", success="Confident inspectors.",
        status=RequestStatus.AGREED)
    objects.kent_mentoring.topics.set([objects.topic])
    objects.member_pairing = Pairing.objects.create(
        request=objects.kent_mentoring, peer=objects.member_peer, person_name="Ira Inspector",
        person_role="Inspector", started_on=timezone.localdate() - datetime.timedelta(days=30))
