"""Demo improvement networks for `manage.py seed_demo`: three networks ("Continuous improvement
and organisational learning", "Demand", and the closed "Artificial intelligence in policing"
with a request to join waiting), facilitated and joined by the demo accounts; a past meeting
with its notes and actions and an upcoming one; and a proposal for a new network waiting for
the organisers. Then the discussion area's demo (threads, posts, resources).

Memberships and meetings go through the domain functions, so each has its activity-log rows;
the emails they queue are dropped by seed_demo."""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.common.models import Topic
from exchange.people.models import User

from . import demo_discussion
from .domain import meetings as meeting_domain
from .domain import networks as network_domain
from .domain import proposals as proposal_domain
from .enums import MemberRole, MembershipStatus
from .models import Network, NetworkMembership, NetworkProposal

STAFF = "staff@example.org"
NETWORKS = [
    {
        "name": "Continuous improvement and organisational learning",
        "topic": ("managing-change", "Managing change"),
        "purpose": "Practitioners who lead continuous improvement in their force share how they "
                   "run improvement projects, learn from reviews and debriefs, and make the "
                   "learning stick: what they measured, what changed and what did not.",
        "audience": "Continuous improvement leads, business change managers, organisational "
                    "learning and professional standards staff.",
        "is_closed": False,
        "facilitators": ["lead.kent@example.org", "peer@example.org"],
        "members": ["member.kent@example.org", "member.essex@example.org",
                    "lead.merseyside@example.org", "member.lancashire@example.org"],
    },
    {
        "name": "Demand",
        "topic": ("demand-management", "Demand management"),
        "purpose": "Understanding and managing the demand on forces: forecasting calls for "
                   "service, reducing repeat demand with partners, and matching resources to "
                   "the demand that matters most.",
        "audience": "Demand analysts, force control room managers, resource planners and "
                    "neighbourhood leads.",
        "is_closed": False,
        "facilitators": ["lead.essex@example.org"],
        "members": ["member.merseyside@example.org", "member.kent@example.org",
                    "lead.lancashire@example.org"],
    },
    {
        "name": "Artificial intelligence in policing",
        "topic": ("artificial-intelligence", "Artificial intelligence"),
        "purpose": "Forces trying artificial intelligence (transcription, redaction, triage of "
                   "digital evidence, call summaries) compare what they tested, how they "
                   "assured it and what the public and staff were told.",
        "audience": "Digital, data and technology leads, and the people who assure new tools "
                    "(information governance, ethics panels).",
        "is_closed": True,
        "facilitators": ["lead.merseyside@example.org"],
        "members": ["lead.kent@example.org", "member.essex@example.org"],
        "pending": ["member.lancashire@example.org"],
    },
]


def has_content():
    return Network.objects.exists()


def load(*, stdout, options):
    """Create the networks once. Side effects: networks, memberships, meetings, a proposal,
    activity-log rows; then the discussion area's demo."""
    if has_content():
        stdout.write("Networks: already loaded.")
    else:
        with transaction.atomic():
            staff = User.objects.get(email=STAFF)
            networks = [load_network(entry, staff) for entry in NETWORKS]
            meetings = load_meetings(networks[0], staff)
            load_proposal()
        stdout.write(f"Networks: {len(networks)} networks ({', '.join(n.name for n in networks)}), "
                     f"{len(meetings)} meetings, a request to join and a proposal waiting.")
    demo_discussion.load(stdout=stdout, options=options)


def _users(emails):
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [found[email] for email in emails if email in found]


def load_network(entry, staff):
    slug, name = entry["topic"]
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    network = Network.objects.create(
        name=entry["name"], slug=network_domain.unique_slug(entry["name"]), topic=topic,
        purpose=entry["purpose"], audience=entry["audience"], is_closed=entry["is_closed"])
    log_activity(subject=network, actor=staff, verb="create_network", note=network.name)
    for user in _users(entry["facilitators"]):
        membership = NetworkMembership.objects.create(
            network=network, user=user, role=MemberRole.FACILITATOR,
            status=MembershipStatus.ACTIVE)
        log_activity(subject=membership, actor=staff, verb="make_facilitator",
                     to_state=membership.status, note=user.full_name)
    for user in _users(entry["members"]):
        membership = network_domain.join(network=network, user=user)
        if membership.status == MembershipStatus.PENDING:
            network_domain.approve(membership=membership, actor=_first_facilitator(network))
    for user in _users(entry.get("pending", [])):
        network_domain.join(network=network, user=user)
    return network


def _first_facilitator(network):
    return network.memberships.facilitators().select_related("user").first().user


def at(days, hour):
    """``days`` from today at ``hour`` o'clock, UK time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_meetings(network, staff):
    facilitator = _first_facilitator(network)
    past = meeting_domain.schedule(
        network=network, actor=facilitator, title="Making debrief learning stick",
        starts_at=at(-21, 10), ends_at=at(-21, 11),
        agenda="Welcome and introductions\nKent: the after-action review template, six months "
               "on\nWhat stops learning from debriefs reaching the front line\nActions",
        joining_details="Microsoft Teams: https://teams.example.org/meet/ci-network-1 "
                        "(meeting ID 123 456 789, passcode ci-learn)")
    meeting_domain.write_notes(
        meeting=past, actor=facilitator,
        notes="Eleven members from seven forces. Kent showed its after-action review template "
              "and how reviews now feed the monthly learning board. Several forces find the "
              "learning is written down but not acted on; members agreed that naming an owner "
              "for each learning point made the most difference.",
        actions="Kent: share the after-action review template as a resource\n"
                "Essex: bring the learning board terms of reference to the next meeting\n"
                "Facilitators: invite the practice bank team to talk about writing up practice")
    upcoming = meeting_domain.schedule(
        network=network, actor=facilitator, title="Measuring improvement without a dashboard",
        starts_at=at(14, 14), ends_at=at(14, 15),
        agenda="Actions from the last meeting\nEssex: the learning board\nSimple measures of "
               "improvement: what members use\nAny other business",
        joining_details="Microsoft Teams: https://teams.example.org/meet/ci-network-2 "
                        "(meeting ID 987 654 321, passcode ci-learn)")
    return [past, upcoming]


def load_proposal():
    proposer = User.objects.filter(email="member.essex@example.org").first()
    topic = Topic.objects.filter(slug="neighbourhood-policing").first()
    if proposer is None or topic is None or NetworkProposal.objects.exists():
        return None
    return proposal_domain.propose(
        proposed_by=proposer, name="Neighbourhood problem solving", topic=topic,
        purpose="Neighbourhood officers and PCSOs share problem-solving plans that worked with "
                "partners, and those that did not.",
        audience="Neighbourhood sergeants, PCSOs and problem-solving coordinators.",
        facilitation="I will facilitate, with a colleague from Kent; we would meet every six "
                     "weeks online.")
