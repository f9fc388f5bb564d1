"""Who may do what, as `rules` predicates. Models and views ask these, never groups directly."""

import rules

from .enums import MembershipRole, MembershipStatus, StaffRole


@rules.predicate
def is_administrator(user):
    return bool(user and user.is_authenticated and (
        user.is_superuser or _in_group(user, StaffRole.ADMINISTRATOR)))


def _in_group(user, name):
    # Cached on the user object: a page asks several predicates and each would be a query.
    names = getattr(user, "_exchange_group_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._exchange_group_names = names
    return name in names


def has_staff_role(role):
    @rules.predicate(name=f"has_staff_role_{role}")
    def predicate(user):
        return bool(user and user.is_authenticated and (_in_group(user, role) or is_administrator(user)))

    return predicate


is_reviewer = has_staff_role(StaffRole.REVIEWER)
is_editor = has_staff_role(StaffRole.EDITOR)
is_organiser = has_staff_role(StaffRole.ORGANISER)
is_programme_staff = is_reviewer | is_editor | is_organiser | is_administrator


@rules.predicate
def is_member(user):
    """Signed in with an active membership of an organisation."""
    return bool(user and user.is_authenticated and user.organisation is not None)


@rules.predicate
def is_organisation_lead(user):
    return bool(user and user.is_authenticated and user.is_organisation_lead)


def held_staff_roles(user):
    """The staff roles ``user`` holds, as people read them (their profile lists them)."""
    if not (user and user.is_authenticated):
        return []
    held = [role.label for role in StaffRole if _in_group(user, role)]
    if user.is_superuser and StaffRole.ADMINISTRATOR.label not in held:
        held.append(StaffRole.ADMINISTRATOR.label)
    return sorted(held)


is_signed_in = rules.is_authenticated


@rules.predicate
def is_token_owner(user, token):
    return bool(user and user.is_authenticated and token.user_id == user.pk)


@rules.predicate
def is_membership_holder(user, membership):
    return bool(user and user.is_authenticated and membership.user_id == user.pk)


# Anything a signed-in person does for themself: their profile, tokens, submissions, records.
rules.add_perm("people.use_account", is_signed_in)
rules.add_perm("people.revoke_api_token", is_token_owner)
rules.add_perm("people.approve_membership", is_programme_staff)
rules.add_perm("people.view_membership", is_membership_holder | is_programme_staff)
rules.add_perm("people.view_staff_pages", is_programme_staff)


def led_organisation_ids(user):
    """The ids of the organisations ``user`` is an active lead of (cached on the user object:
    a page asks for each of its rows)."""
    if not (user and user.is_authenticated):
        return frozenset()
    ids = getattr(user, "_exchange_led_organisation_ids", None)
    if ids is None:
        ids = frozenset(user.memberships.filter(
            role=MembershipRole.LEAD, status=MembershipStatus.ACTIVE)
            .values_list("organisation_id", flat=True))
        user._exchange_led_organisation_ids = ids
    return ids
