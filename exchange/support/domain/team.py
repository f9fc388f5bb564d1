"""Assembling a request's team: the ranking's facts from the database, invitations and answers.

:func:`ranking_facts` reads everything the pure ranking (``ranking.py``) needs in a fixed
number of queries, however many peers the pool holds; :func:`candidates` pairs each ranked
candidate with its ``Peer`` row for the pages and the API.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.recipients import leads_of, organisers

from ..enums import PAIRING_TYPES, TEAM_TRANSITIONS, RequestStatus, TeamStatus
from ..models import DimensionScore, Peer, SelfAssessment, SupportRequest, TeamMember
from .ranking import (
    Candidate,
    GapFact,
    PeerFacts,
    RequestFacts,
    TeamPlace,
    TopicFact,
    rank_candidates,
    why_not,
)
from .states import TEAM

# A team member's own states (the request's are in enums): asked, then answered, or withdrawn
# by staff; a withdrawn invitation can be sent again.
ON_TEAM = (TeamStatus.INVITED, TeamStatus.ACCEPTED)
# Staff assemble a team while the request is open and before the report.
TEAM_OPEN_STATES = frozenset({RequestStatus.SUBMITTED, RequestStatus.SCOPING,
                              RequestStatus.AGREED, RequestStatus.UNDER_WAY})
# A place whose days nobody recorded counts as a two-to-three-day peer review.
DAYS_FOR_A_PLACE = Decimal(3)


@dataclass(frozen=True)
class Proposal:
    """A ranked candidate with the peer it is about, for a page or the API."""

    candidate: Candidate
    peer: Peer

    @property
    def score(self):
        return self.candidate.score

    @property
    def reasons(self):
        return self.candidate.reasons


def request_dates(request):
    """The dates the ranking checks: the engagement's once set, else the preferred ones."""
    if request.starts_on or request.ends_on:
        return request.starts_on, request.ends_on
    return request.preferred_from, request.preferred_to


def quarter_of(day):
    """The first and last day of ``day``'s quarter."""
    first = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = datetime.date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, after - datetime.timedelta(days=1)


def ranking_facts(request, *, peers=None):
    """``(RequestFacts, [PeerFacts], [Peer])`` for ``request`` and the approved peers of
    ``peers`` (a queryset; the whole pool by default). Eight queries, whatever the pool's size."""
    starts_on, ends_on = request_dates(request)
    team = list(TeamMember.objects.filter(request=request).values_list(
        "peer_id", "status", "peer__sector", "peer__organisation_id"))
    facts = RequestFacts(
        id=request.pk, organisation_id=request.organisation_id,
        topics=tuple(TopicFact(pk, name) for pk, name in request.topics.values_list("id", "name")),
        gap_topics=_gap_topics(request), starts_on=starts_on, ends_on=ends_on,
        team=tuple(TeamPlace(peer, sector, organisation) for peer, status, sector, organisation
                   in team if status in ON_TEAM),
        declined_peer_ids=frozenset(peer for peer, status, *_ in team
                                    if status == TeamStatus.DECLINED),
        delivery=request.delivery)
    pool = list((peers if peers is not None else Peer.objects.all()).in_pool()
                .select_related("user", "organisation")
                .prefetch_related("expertise", "absences", "conflicts"))
    committed = _days_committed(request, starts_on or ends_on or timezone.localdate())
    return facts, [_peer_facts(peer, committed.get(peer.pk, 0)) for peer in pool], pool


def _gap_topics(request):
    latest = (SelfAssessment.objects.filter(organisation_id=request.organisation_id,
                                            submitted_at__isnull=False)
              .order_by("-submitted_at", "-id").values("pk")[:1])
    rows = (DimensionScore.objects.filter(assessment=Subquery(latest), dimension__active=True,
                                          dimension__topics__isnull=False)
            .values_list("level", "target", "dimension__topics__id", "dimension__topics__name"))
    gaps = {}
    for level, target, topic_id, name in rows:
        gap = target - level
        # A topic under two dimensions counts with its larger gap.
        if gap > 0 and gap > gaps.get(topic_id, (0, ""))[0]:
            gaps[topic_id] = (gap, name)
    return tuple(GapFact(topic_id, name, gap) for topic_id, (gap, name) in sorted(gaps.items()))


def _days_committed(request, day):
    """Days each peer has accepted on other requests in ``day``'s quarter."""
    first, last = quarter_of(day)
    on = Coalesce("request__starts_on", "request__preferred_from")
    rows = (TeamMember.objects.filter(status=TeamStatus.ACCEPTED)
            .exclude(request=request).annotate(on=on).filter(on__gte=first, on__lte=last)
            .values("peer_id").annotate(total=Sum(Coalesce(
                "days", Value(DAYS_FOR_A_PLACE), output_field=DecimalField())))
            .values_list("peer_id", "total"))
    return {peer_id: math.ceil(total) for peer_id, total in rows}


def _peer_facts(peer, committed):
    return PeerFacts(
        id=peer.pk, status=peer.status, organisation_id=peer.organisation_id, sector=peer.sector,
        expertise=frozenset(topic.pk for topic in peer.expertise.all()),
        conflict_organisation_ids=frozenset(c.organisation_id for c in peer.conflicts.all()),
        paused=peer.paused, paused_until=peer.paused_until,
        absences=tuple((a.starts_on, a.ends_on) for a in peer.absences.all()),
        days_per_quarter=peer.days_per_quarter, days_committed=committed,
        can_travel=peer.can_travel, organisation_name=peer.organisation_label)


def candidates(*, request, expertise=None, sector=""):
    """The ranked candidates for ``request`` as :class:`Proposal` rows, best first; ``expertise``
    (a topic) and ``sector`` narrow the pool first. A fixed number of queries."""
    peers = Peer.objects.all()
    if expertise is not None:
        peers = peers.filter(expertise=expertise)
    if sector:
        peers = peers.filter(sector=sector)
    facts, peer_facts, pool = ranking_facts(request, peers=peers)
    by_id = {peer.pk: peer for peer in pool}
    return [Proposal(candidate, by_id[candidate.peer_id])
            for candidate in rank_candidates(request=facts, peers=peer_facts)]


def proposal_for(*, request, peer):
    """``peer``'s ranking for ``request``; ValidationError saying why when they may not be
    proposed."""
    facts, peer_facts, _ = ranking_facts(request, peers=Peer.objects.filter(pk=peer.pk))
    if not peer_facts:
        raise ValidationError({"peer": f"{peer} is not an approved peer in the pool."})
    reason = why_not(facts, peer_facts[0])
    if reason:
        raise ValidationError({"peer": f"{peer} {reason}."})
    [candidate] = rank_candidates(request=facts, peers=peer_facts)
    return Proposal(candidate, peer)


def force_leads(organisation_id):
    """The active leads of an organisation, who hear about their force's support."""
    return list(leads_of([organisation_id]))


def invite_peer(*, request, peer, actor):
    """Invite ``peer`` onto ``request``'s team, storing the ranking's reasons at the time.

    Refused (ValidationError) for a pairing-type request, a request past assembling a team, or a
    peer the ranking would not propose. Side effects: a ``TeamMember`` row (a withdrawn one is
    reused), an activity-log row, an email to the peer with a link to answer."""
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.support_type in PAIRING_TYPES:
            raise ValidationError("This request is for introductions or mentoring: pair a peer "
                                  "with someone at the force instead of inviting a team.")
        if request.status not in TEAM_OPEN_STATES:
            raise ValidationError(f"The request is {request.get_status_display().lower()}: "
                                  "its team can no longer change.")
        proposal = proposal_for(request=request, peer=peer)
        member = TeamMember.objects.filter(request=request, peer=peer).first()
        fields = {"reasons": list(proposal.reasons), "invited_by": actor,
                  "invited_at": timezone.now(), "answered_at": None, "decline_reason": ""}
        if member is None:
            member = TeamMember.objects.create(request=request, peer=peer, **fields)
            log_activity(subject=member, actor=actor, verb="invite", to_state=member.status)
        else:
            for name, value in fields.items():
                setattr(member, name, value)
            TEAM.change(member, action="invite_again", actor=actor, extra_fields=list(fields))
    queue_email(to=peer.user.email, template="invitation",
                context={"member": member, "request": request, "peer": peer})
    return member


def withdraw_invitation(*, member, actor, note=""):
    """Withdraw ``member``'s invitation or place. Side effects: the state and its log row, an
    email to the peer."""
    if member.status not in TEAM_TRANSITIONS["withdraw"][0]:
        raise ValidationError(f"{member.peer} has {member.get_status_display().lower()} the "
                              "invitation already: there is nothing to withdraw.")
    TEAM.change(member, action="withdraw", actor=actor, note=note)
    queue_email(to=member.peer.user.email, template="invitation_withdrawn",
                context={"member": member, "request": member.request, "note": note})
    return member


def answer_invitation(*, member, actor, accept, reason=""):
    """The invited peer accepts or declines. Accepting puts them on the team, so they can see
    the request. Side effects: the state, when and why, its log row, and an email to the
    organisers."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().select_related(
            "request", "peer__user").get(pk=member.pk)
        if member.status != TeamStatus.INVITED:
            raise ValidationError(f"This invitation is {member.get_status_display().lower()} "
                                  "already.")
        if accept and member.request.status not in TEAM_OPEN_STATES:
            raise ValidationError("The request is no longer open: the invitation cannot be "
                                  "accepted.")
        member.answered_at = timezone.now()
        member.decline_reason = "" if accept else reason.strip()
        TEAM.change(member, action="accept" if accept else "decline", actor=actor,
                    note=member.decline_reason, extra_fields=["answered_at", "decline_reason"])
    queue_emails(Email(to=organiser.email, template="invitation_answered",
                       context={"member": member, "request": member.request, "accepted": accept})
                 for organiser in organisers())
    return member


def team_of(request):
    """Everyone asked onto ``request``'s team, with their peers, in the order asked."""
    return list(TeamMember.objects.filter(request=request).select_related(
        "peer__user", "peer__organisation", "invited_by").order_by("invited_at", "id"))


def invitations_of(user):
    """A person's own invitations and places, newest first (an empty list for a non-peer)."""
    return list(TeamMember.objects.filter(peer__user=user).exclude(status=TeamStatus.WITHDRAWN)
                .select_related("request__organisation").order_by("-invited_at", "-id"))
