"""Who may do what in peer support and peer matching, as `rules` predicates and permissions.

A request and everything about it is confidential to the requesting force's leads, the peers who
accepted a place on its team, and staff (organisers). Views answer 404, not 403, to anyone else
(see ``docs/design/support.md``).
"""

import rules

from exchange.people.rules import is_organiser, is_signed_in, led_organisation_ids

from .enums import GroupStatus, PeerStatus, TeamStatus

can_run_support = is_organiser


@rules.predicate
def leads_an_organisation(user):
    return bool(led_organisation_ids(user))


@rules.predicate
def is_the_peer(user, peer):
    return bool(peer is not None and user.is_authenticated and peer.user_id == user.pk)


@rules.predicate
def is_approved_peer(user):
    peer = user_peer(user)
    return bool(peer is not None and peer.status == PeerStatus.APPROVED)


def user_peer(user):
    """The person's ``Peer`` row or None (Django caches the reverse one-to-one on the user)."""
    if not (user and user.is_authenticated):
        return None
    # A missing row raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(user, "peer", None)


@rules.predicate
def leads_requesting_force(user, request):
    return request is not None and request.organisation_id in led_organisation_ids(user)


@rules.predicate
def is_on_team(user, request):
    return bool(request is not None and user.is_authenticated and request.team.filter(
        peer__user=user, status=TeamStatus.ACCEPTED).exists())


@rules.predicate
def is_invited_peer(user, member):
    return bool(member is not None and user.is_authenticated and member.peer.user_id == user.pk)


@rules.predicate
def is_paired_peer(user, pairing):
    return bool(pairing is not None and user.is_authenticated and pairing.peer.user_id == user.pk)


@rules.predicate
def leads_paired_force(user, pairing):
    return pairing is not None and pairing.request.organisation_id in led_organisation_ids(user)


@rules.predicate
def leads_assessed_force(user, assessment):
    return assessment is not None and assessment.organisation_id in led_organisation_ids(user)


@rules.predicate
def leads_a_group_force(user, group):
    return bool(group is not None and led_organisation_ids(user) and group.forces.filter(
        organisation_id__in=led_organisation_ids(user)).exists())


@rules.predicate
def group_is_open(user, group):
    return group is not None and group.status not in {GroupStatus.CLOSED, GroupStatus.CANCELLED}


rules.add_perm("support.run_support", can_run_support)
rules.add_perm("support.apply_as_peer", is_signed_in)
rules.add_perm("support.view_pool", can_run_support | leads_an_organisation)
rules.add_perm("support.change_peer", is_the_peer | can_run_support)
rules.add_perm("support.ask_for_support", leads_an_organisation)
rules.add_perm("support.view_request", can_run_support | leads_requesting_force | is_on_team)
rules.add_perm("support.agree_terms", can_run_support | leads_requesting_force)
rules.add_perm("support.assess_force", can_run_support | leads_assessed_force)
rules.add_perm("support.answer_invitation", is_invited_peer)
rules.add_perm("support.write_report", can_run_support | is_on_team)
rules.add_perm("support.plan_actions", can_run_support | leads_requesting_force)
rules.add_perm("support.rate_support", leads_requesting_force)
rules.add_perm("support.consent_to_summary", leads_requesting_force)
# The pages where the force speaks for itself to staff (its feedback, its consent to a summary).
rules.add_perm("support.speak_for_force", can_run_support | leads_requesting_force)
rules.add_perm("support.share_documents", can_run_support | leads_requesting_force | is_on_team)
rules.add_perm("support.record_meeting", can_run_support | is_paired_peer | leads_paired_force)
rules.add_perm("support.run_matching", can_run_support)
rules.add_perm("support.ask_to_join_group", leads_an_organisation)
rules.add_perm("support.view_group", can_run_support | leads_a_group_force)
rules.add_perm("support.contribute_to_guide", can_run_support | (leads_a_group_force & group_is_open))
rules.add_perm("support.write_submission", leads_a_group_force & group_is_open)
