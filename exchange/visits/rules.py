"""Who may run visits and who may act on a place, as `rules` predicates and permissions.

Staff pages ask ``visits.run_visits``; the pages of people taking part ask the object
permissions below (a visitor, their force's lead, or an organiser).
"""

import rules

from exchange.people.enums import MembershipRole, MembershipStatus
from exchange.people.rules import is_organiser

from .enums import Place

can_run_visits = is_organiser


def _leads(user, organisation_id):
    return bool(user.is_authenticated and organisation_id and user.memberships.filter(
        organisation_id=organisation_id, role=MembershipRole.LEAD,
        status=MembershipStatus.ACTIVE).exists())


@rules.predicate
def is_the_visitor(user, visitor):
    return bool(visitor is not None and user.is_authenticated and visitor.user_id == user.pk)


@rules.predicate
def is_lead_of_visitor_force(user, visitor):
    return visitor is not None and _leads(user, visitor.application.organisation_id)


@rules.predicate
def is_check_in_owner(user, check_in):
    return bool(check_in is not None and user.is_authenticated
                and check_in.visitor.user_id == user.pk)


@rules.predicate
def wrote_learning_point(user, point):
    return bool(point is not None and user.is_authenticated and point.visitor.user_id == user.pk)


@rules.predicate
def leads_an_organisation(user):
    return bool(user.is_authenticated and user.memberships.filter(
        role=MembershipRole.LEAD, status=MembershipStatus.ACTIVE).exists())


@rules.predicate
def is_in_offered_group(user, offer):
    """The offer's organisation lead, or a visitor named in the waiting group it was made to."""
    return offer is not None and (_leads(user, offer.entry.organisation_id) or bool(
        user.is_authenticated and offer.entry.visitors.filter(user=user).exists()))


@rules.predicate
def is_placed_on(user, visit):
    return bool(visit is not None and user.is_authenticated
                and visit.visitors.filter(user=user, place=Place.PLACED).exists())


rules.add_perm("visits.run_visits", can_run_visits)
rules.add_perm("visits.withdraw_visitor",
               can_run_visits | is_the_visitor | is_lead_of_visitor_force)
rules.add_perm("visits.answer_offer", can_run_visits | is_in_offered_group)
# Whether the force may apply now (window, programme membership) is the domain's to say.
rules.add_perm("visits.apply_for_places", leads_an_organisation)
rules.add_perm("visits.complete_check_in", is_check_in_owner)
rules.add_perm("visits.record_learning", is_placed_on)
# Until the host report is sent, which is the domain's to say.
rules.add_perm("visits.change_learning_point", wrote_learning_point)
rules.add_perm("visits.see_joining_details", can_run_visits | is_placed_on)
