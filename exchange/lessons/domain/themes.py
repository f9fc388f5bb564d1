"""Readers' voice: proposing themes for future issues and voting for them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from exchange.common.domain import log_activity

from ..models import ThemeProposal, ThemeVote


@transaction.atomic
def propose_theme(*, user, title, description=""):
    """A signed-in reader proposes a theme and votes for it. Side effects: proposal, vote, log."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to propose a theme.")
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the theme you would like an issue on"})
    proposal = ThemeProposal.objects.create(title=title.strip(), description=description.strip(),
                                            proposed_by=user)
    ThemeVote.objects.create(proposal=proposal, user=user)
    log_activity(subject=proposal, actor=user, verb="propose_theme")
    return proposal


def vote(*, user, proposal, remove=False):
    """Add (or with ``remove``, take back) ``user``'s one vote for ``proposal``.
    Side effect: at most one ThemeVote row per person per proposal."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to vote.")
    if remove:
        ThemeVote.objects.filter(proposal=proposal, user=user).delete()
        return False
    try:
        with transaction.atomic():
            ThemeVote.objects.get_or_create(proposal=proposal, user=user)
    except IntegrityError:
        pass  # Two clicks at once: the other request already counted this vote.
    return True
