"""Starting a network: a member proposes one, organisers approve it (which creates the network
with the proposer as its facilitator) or decline it with a reason. The proposer is told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exchange.common.domain import StateMachine, log_activity
from exchange.mail.domain import Email, queue_email, queue_emails
from exchange.people.recipients import organisers

from ..enums import MemberRole, MembershipStatus, ProposalStatus
from ..models import Network, NetworkMembership, NetworkProposal
from .networks import unique_slug

PROPOSAL = StateMachine(field="status", transitions={
    "approve_proposal": ({ProposalStatus.SUBMITTED}, ProposalStatus.APPROVED),
    "decline_proposal": ({ProposalStatus.SUBMITTED}, ProposalStatus.DECLINED),
})


@transaction.atomic
def propose(*, proposed_by, name, topic, purpose, audience, facilitation):
    """Send a proposal for a new network. Side effects: the proposal, an activity-log row, an
    email to each organiser."""
    proposal = NetworkProposal.objects.create(
        proposed_by=proposed_by, name=name, topic=topic, purpose=purpose, audience=audience,
        facilitation=facilitation)
    log_activity(subject=proposal, actor=proposed_by, verb="propose",
                 to_state=proposal.status)
    queue_emails([Email(organiser.email, "network_proposal_submitted",
                        {"proposal": proposal, "person": organiser})
                  for organiser in organisers()])
    return proposal


@transaction.atomic
def approve(*, proposal, actor, is_closed=False):
    """Approve the proposal: the network is created from it (open unless ``is_closed``) with
    the proposer as its facilitator. Side effects: the network, the proposer's membership, the
    proposal's state and link to the network, log rows, an email to the proposer. Returns the
    network."""
    proposal = NetworkProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("This proposal has been decided already.")
    network = Network.objects.create(
        name=proposal.name, slug=unique_slug(proposal.name), topic=proposal.topic,
        purpose=proposal.purpose, audience=proposal.audience, is_closed=is_closed)
    membership = NetworkMembership.objects.create(
        network=network, user=proposal.proposed_by, role=MemberRole.FACILITATOR,
        status=MembershipStatus.ACTIVE)
    log_activity(subject=network, actor=actor, verb="create_network", note=proposal.name)
    log_activity(subject=membership, actor=actor, verb="make_facilitator",
                 to_state=membership.status, note=proposal.proposed_by.full_name)
    proposal.network, proposal.decided_by, proposal.decided_at = network, actor, timezone.now()
    PROPOSAL.change(proposal, action="approve_proposal", actor=actor,
                    extra_fields=["network", "decided_by", "decided_at"])
    queue_email(to=proposal.proposed_by.email, template="network_proposal_approved",
                context={"proposal": proposal, "network": network,
                         "person": proposal.proposed_by})
    return network


@transaction.atomic
def decline(*, proposal, actor, reason):
    """Decline the proposal, saying why. Side effects: its state and reason, a log row, an
    email to the proposer with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the proposal is declined: the proposer "
                                         "is told."})
    proposal = NetworkProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.decision_reason, proposal.decided_by = reason, actor
    proposal.decided_at = timezone.now()
    PROPOSAL.change(proposal, action="decline_proposal", actor=actor, note=reason,
                    extra_fields=["decision_reason", "decided_by", "decided_at"])
    queue_email(to=proposal.proposed_by.email, template="network_proposal_declined",
                context={"proposal": proposal, "person": proposal.proposed_by})
    return proposal
