"""Who may do what in improvement networks, as `rules` predicates and permissions.

A network's name, topic and purpose are public. Its meetings' joining details, threads, posts
and resources are for its active members and organisers; anyone else gets 404.
"""

import rules

from exchange.people.rules import is_member, is_organiser, is_signed_in

from .enums import MemberRole, MembershipStatus

can_run_networks = is_organiser


def active_membership(user, network):
    """``user``'s active membership of ``network`` or None, cached on the user per network (a
    page asks several permissions about the same network)."""
    if network is None or not (user and user.is_authenticated):
        return None
    cache = user.__dict__.setdefault("_exchange_network_memberships", {})
    if network.pk not in cache:
        cache[network.pk] = network.memberships.filter(
            user=user, status=MembershipStatus.ACTIVE).first()
    return cache[network.pk]


@rules.predicate
def is_network_member(user, network):
    return active_membership(user, network) is not None


@rules.predicate
def is_facilitator(user, network):
    membership = active_membership(user, network)
    return membership is not None and membership.role == MemberRole.FACILITATOR


rules.add_perm("networks.run_networks", can_run_networks)
rules.add_perm("networks.join_network", is_signed_in)
rules.add_perm("networks.propose_network", is_member)
# Members-only material: meetings' joining details, threads, posts, resources.
rules.add_perm("networks.view_member_material", is_network_member | can_run_networks)
rules.add_perm("networks.post", is_network_member)
rules.add_perm("networks.share_resource", is_network_member)
rules.add_perm("networks.facilitate", is_facilitator | can_run_networks)
