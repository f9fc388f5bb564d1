"""Who may do what, as `rules` predicates. Models and views ask these, never groups directly."""

import rules

from .enums import StaffRole


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


rules.add_perm("people.approve_membership", is_administrator | is_programme_staff)
rules.add_perm("people.view_staff_pages", is_programme_staff)
