"""The networks rows of the networks access table (merged by access_rows.py).

The list and a network's page are public. Kent's ``member`` belongs to the open access network,
which Kent's ``lead`` facilitates; the lead also facilitates the closed one, where Essex's
member has asked to join. Anyone signed in may join; a facilitator and organisers manage the
members, and anyone else signed in is refused.
"""

import datetime

from django.utils import timezone

from exchange.common.models import Topic
from exchange.networks.enums import MemberRole, MembershipStatus
from exchange.networks.models import Meeting, Network, NetworkMembership, NetworkProposal
from tests.access import EVERYONE, LOGIN, expect, fresh, get, only, post

OPEN = "network_open"
CLOSED = "network_closed"


class Slug(str):
    """A network's slug in a URL: the object it names."""

    def resolve(self, objects):
        return getattr(objects, self).slug


OPEN_SLUG, CLOSED_SLUG = Slug(OPEN), Slug(CLOSED)
# Everyone signed in but those already in the open network.
JOINERS = ("colleague", "other_force_member", "reviewer", "editor", "organiser",
           "administrator")
FACILITATORS = only("lead", "organisers")


def _joined(objects):
    return objects.network_open.memberships.filter(status=MembershipStatus.ACTIVE).count() == 3


ROWS = {
    "networks:list": [
        get("networks:list", expected=EVERYONE),
        get("/networks/?q=access&topic=network-access", expected=EVERYONE, label="filtered"),
    ],
    "networks:detail": [
        get("networks:detail", OPEN_SLUG, expected=EVERYONE, label="open"),
        get("networks:detail", CLOSED_SLUG, expected=EVERYONE, label="closed"),
    ],
    "networks:join": [
        get("networks:join", OPEN_SLUG, expected=expect(200, anonymous=LOGIN, member=302,
                                                        lead=302)),
        post("networks:join", OPEN_SLUG, expected=expect(302, anonymous=LOGIN), label="join",
             done=_joined, done_by=JOINERS),
    ],
    "networks:leave": [
        # The lead is its only facilitator: asked to confirm, then told to hand over first.
        get("networks:leave", OPEN_SLUG, expected=expect(302, anonymous=LOGIN, member=200,
                                                         lead=200)),
        post("networks:leave", OPEN_SLUG, expected=expect(302, anonymous=LOGIN, lead=200),
             label="leave", done_by=("member",),
             done=lambda o: fresh(o.network_membership).status == MembershipStatus.LEFT),
    ],
    "networks:members": [
        get("networks:members", CLOSED_SLUG, expected=FACILITATORS),
        post("networks:members", CLOSED_SLUG, expected=only("lead", "organisers", answer=302),
             label="approve", data=lambda o: {"membership": o.network_pending_join.pk,
                                                "action": "approve"},
             done=lambda o: fresh(o.network_pending_join).status == MembershipStatus.ACTIVE),
    ],
    "GET /api/v1/networks": [get("/api/v1/networks", expected=EVERYONE)],
}


def add_objects(shared):
    """The open and the closed access networks, their members and the pending request; the
    meetings and the proposal the other core areas use."""
    people = shared.people
    topic, _ = Topic.objects.get_or_create(slug="network-access",
                                           defaults={"name": "Network access"})
    shared.network_topic = topic
    shared.network_open = Network.objects.create(
        name="Access network", slug="access-network", topic=topic, purpose="Open to anyone.")
    shared.network_closed = Network.objects.create(
        name="Closed access network", slug="closed-access-network", topic=topic,
        purpose="A facilitator approves members.", is_closed=True)
    shared.network_membership = NetworkMembership.objects.create(
        network=shared.network_open, user=people["member"], status=MembershipStatus.ACTIVE)
    for network in (shared.network_open, shared.network_closed):
        NetworkMembership.objects.create(network=network, user=people["lead"],
                                         role=MemberRole.FACILITATOR,
                                         status=MembershipStatus.ACTIVE)
    shared.network_pending_join = NetworkMembership.objects.create(
        network=shared.network_closed, user=people["other_force_member"],
        status=MembershipStatus.PENDING)
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    shared.network_meeting = Meeting.objects.create(
        network=shared.network_open, title="Access meeting", starts_at=now + 24 * hour,
        ends_at=now + 25 * hour, joining_details="https://meet.example.org/access-secret")
    shared.network_meeting_open = Meeting.objects.create(
        network=shared.network_open, title="Access meeting without details",
        starts_at=now + 48 * hour, ends_at=now + 49 * hour)
    shared.network_meeting_past = Meeting.objects.create(
        network=shared.network_open, title="Access meeting held", starts_at=now - 48 * hour,
        ends_at=now - 47 * hour, joining_details="https://meet.example.org/access-old")
    shared.network_proposal = NetworkProposal.objects.create(
        proposed_by=people["member"], name="Access proposal", topic=topic,
        purpose="To be decided.", audience="Anyone.", facilitation="The member.")
