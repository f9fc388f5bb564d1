"""Belonging to a network: joining (at once for an open network, on a facilitator's approval
for a closed one), leaving, and facilitators approving, refusing, promoting and removing.

Every change of a membership's state or role goes through here and writes an activity-log row
about the membership; the people it concerns are emailed where they need to know.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from exchange.common.domain import StateMachine, log_activity
from exchange.mail.domain import Email, queue_email, queue_emails

from ..enums import MemberRole, MembershipStatus, NetworkStatus
from ..models import Network, NetworkMembership

MEMBERSHIP = StateMachine(field="status", transitions={
    "join": ({MembershipStatus.LEFT, MembershipStatus.REFUSED}, MembershipStatus.ACTIVE),
    "ask_to_join": ({MembershipStatus.LEFT, MembershipStatus.REFUSED}, MembershipStatus.PENDING),
    "approve": ({MembershipStatus.PENDING}, MembershipStatus.ACTIVE),
    "refuse": ({MembershipStatus.PENDING}, MembershipStatus.REFUSED),
    "leave": ({MembershipStatus.ACTIVE, MembershipStatus.PENDING}, MembershipStatus.LEFT),
    "remove": ({MembershipStatus.ACTIVE}, MembershipStatus.LEFT),
})
# Paths a network's slug may not take: they are the list's own pages (see urls.py).
RESERVED_SLUGS = {"propose", "manage"}
LAST_FACILITATOR = ("A network needs a facilitator: make someone else a facilitator first.")


def membership_of(user, network):
    """``user``'s membership row of ``network`` in any state, or None."""
    if not user.is_authenticated:
        return None
    return NetworkMembership.objects.filter(network=network, user=user).first()


def unique_slug(name):
    """A slug for a new network from its ``name``, numbered if it is taken."""
    stem = slugify(name)[:150] or "network"
    slug, number = stem, 1
    while slug in RESERVED_SLUGS or Network.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{stem}-{number}"
    return slug


@transaction.atomic
def join(*, network, user):
    """``user`` joins ``network``: an active member at once if it is open; if it is closed, a
    request that waits for a facilitator, who is emailed. Returns the membership.

    Side effects: a membership row (or the old one moved back), an activity-log row, and for a
    closed network an email to each facilitator."""
    if network.status != NetworkStatus.ACTIVE:
        raise ValidationError("This network is archived: it is not taking new members.")
    membership = (NetworkMembership.objects.select_for_update()
                  .filter(network=network, user=user).first())
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise ValidationError("You are already a member of this network.")
    if membership is not None and membership.status == MembershipStatus.PENDING:
        raise ValidationError("You have already asked to join: a facilitator will decide.")
    action = "ask_to_join" if network.is_closed else "join"
    if membership is None:
        membership = NetworkMembership.objects.create(
            network=network, user=user, role=MemberRole.MEMBER, status=MEMBERSHIP.target(action))
        log_activity(subject=membership, actor=user, verb=action,
                     to_state=membership.status, note=user.full_name)
    else:
        membership.role = MemberRole.MEMBER
        MEMBERSHIP.change(membership, action=action, actor=user, extra_fields=["role"],
                          note=user.full_name)
    _forget_cached_membership(user, network)
    if network.is_closed:
        queue_emails([Email(facilitator.user.email, "network_join_requested",
                            {"network": network, "person": user, "facilitator": facilitator.user})
                      for facilitator in facilitators(network)])
    return membership


def facilitators(network):
    return list(network.memberships.facilitators().select_related("user")
                .order_by("user__full_name", "user_id"))


@transaction.atomic
def leave(*, membership, actor):
    """The member leaves (or withdraws a request to join). The last facilitator may not leave.

    Side effects: the membership's state, an activity-log row."""
    membership = _locked(membership)
    _keep_a_facilitator(membership)
    MEMBERSHIP.change(membership, action="leave", actor=actor, note=membership.user.full_name)
    return membership


@transaction.atomic
def approve(*, membership, actor):
    """A facilitator lets a pending request in. Side effects: the state, a log row, an email
    to the person."""
    membership = _locked(membership)
    MEMBERSHIP.change(membership, action="approve", actor=actor, note=membership.user.full_name)
    queue_email(to=membership.user.email, template="network_join_approved",
                context={"network": membership.network, "person": membership.user})
    return membership


@transaction.atomic
def refuse(*, membership, actor, reason=""):
    """A facilitator turns a pending request down, perhaps saying why. Side effects: the state,
    a log row with the reason, an email to the person."""
    membership = _locked(membership)
    MEMBERSHIP.change(membership, action="refuse", actor=actor,
                      note=_about(membership, reason))
    queue_email(to=membership.user.email, template="network_join_refused",
                context={"network": membership.network, "person": membership.user,
                         "reason": reason})
    return membership


@transaction.atomic
def remove(*, membership, actor, reason=""):
    """A facilitator takes someone out of the network (not the last facilitator). Side effects:
    the state, a log row, an email to the person."""
    membership = _locked(membership)
    _keep_a_facilitator(membership)
    MEMBERSHIP.change(membership, action="remove", actor=actor,
                      note=_about(membership, reason))
    queue_email(to=membership.user.email, template="network_member_removed",
                context={"network": membership.network, "person": membership.user,
                         "reason": reason})
    return membership


@transaction.atomic
def make_facilitator(*, membership, actor):
    """An active member becomes a facilitator. Side effects: the role, a log row, an email."""
    membership = _locked(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError("Only an active member can become a facilitator.")
    if membership.role == MemberRole.FACILITATOR:
        raise ValidationError(f"{membership.user.full_name} is already a facilitator.")
    _set_role(membership, MemberRole.FACILITATOR, actor=actor, verb="make_facilitator")
    queue_email(to=membership.user.email, template="network_facilitator_made",
                context={"network": membership.network, "person": membership.user})
    return membership


@transaction.atomic
def stop_facilitating(*, membership, actor):
    """A facilitator goes back to being a member (not the last one). Side effects: the role, a
    log row."""
    membership = _locked(membership)
    if membership.role != MemberRole.FACILITATOR:
        raise ValidationError(f"{membership.user.full_name} is not a facilitator.")
    _keep_a_facilitator(membership)
    _set_role(membership, MemberRole.MEMBER, actor=actor, verb="stop_facilitating")
    return membership


def _about(membership, reason):
    """A log note naming the person, and the reason when one was given."""
    name = membership.user.full_name
    return f"{name}: {reason}" if reason else name


def _set_role(membership, role, *, actor, verb):
    membership.role = role
    membership.save(update_fields=["role", "changed_at"])
    log_activity(subject=membership, actor=actor, verb=verb, note=membership.user.full_name)


def _locked(membership):
    return (NetworkMembership.objects.select_for_update().select_related("network", "user")
            .get(pk=membership.pk))


def _keep_a_facilitator(membership):
    """Refuse to take away the network's last facilitator (under the caller's lock)."""
    if not membership.is_facilitator:
        return
    others = (NetworkMembership.objects.select_for_update().facilitators()
              .filter(network_id=membership.network_id).exclude(pk=membership.pk))
    if not list(others):
        raise ValidationError(LAST_FACILITATOR)


def _forget_cached_membership(user, network):
    # rules.active_membership caches per request on the user; a change must not be hidden.
    user.__dict__.get("_exchange_network_memberships", {}).pop(network.pk, None)
