"""Readers' voice: proposing themes for future issues, editors approving them before anyone
else sees them, and voting for approved ones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from exchange.common.domain import StateMachine, log_activity

from ..enums import PROPOSAL_TRANSITIONS, ProposalStatus
from ..models import ThemeProposal, ThemeVote
from .editing import require_editor

PROPOSAL_STATES = StateMachine(field="status", transitions=PROPOSAL_TRANSITIONS)


@transaction.atomic
def propose_theme(*, user, title, description=""):
    """A signed-in reader proposes a theme and votes for it. It waits for an editor's approval
    before other readers see it. Side effects: proposal, vote, log."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to propose a theme.")
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the theme you would like an issue on"})
    proposal = ThemeProposal.objects.create(title=title.strip(), description=description.strip(),
                                            proposed_by=user)
    ThemeVote.objects.create(proposal=proposal, user=user)
    log_activity(subject=proposal, actor=user, verb="propose_theme", to_state=proposal.status)
    return proposal


@transaction.atomic
def approve_theme(*, proposal, actor):
    """An editor lets every signed-in reader see ``proposal`` and vote for it.
    Side effects: state, log."""
    require_editor(actor)
    return PROPOSAL_STATES.change(proposal, action="approve_theme", actor=actor)


@transaction.atomic
def decline_theme(*, proposal, actor, reason=""):
    """An editor keeps ``proposal`` from readers (or takes an approved one down); its proposer
    still sees it, marked declined. Side effects: state, log (with ``reason``)."""
    require_editor(actor)
    return PROPOSAL_STATES.change(proposal, action="decline_theme", actor=actor,
                                  note=(reason or "").strip())


def vote(*, user, proposal, remove=False):
    """Add (or with ``remove``, take back) ``user``'s one vote for an approved ``proposal``.
    Side effect: at most one ThemeVote row per person per proposal."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to vote.")
    if remove:
        ThemeVote.objects.filter(proposal=proposal, user=user).delete()
        return False
    if proposal.status != ProposalStatus.APPROVED:
        raise ValidationError("You can vote for this theme once an editor has approved it.")
    try:
        with transaction.atomic():
            ThemeVote.objects.get_or_create(proposal=proposal, user=user)
    except IntegrityError:
        pass  # Two clicks at once: the other request already counted this vote.
    return True
