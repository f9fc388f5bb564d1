"""Who may see, write, change and review practice, as `rules` predicates and permissions.

Object predicates take a ``Practice`` and refuse when asked about no entry.
``Practice.objects.for_user`` builds the same answer as a query for lists, so a list never shows
what ``practice.view_practice`` refuses on the detail page (tests/practice/test_permissions.py
holds them together)."""

import rules

from exchange.people.enums import MembershipStatus
from exchange.people.rules import is_member, is_programme_staff, is_reviewer

from .enums import PracticeStatus, Visibility

# A submitter may change their entry while it is theirs to work on; a reviewer while it is not
# (or no longer) public. A live entry changes only through a reviewed revision.
EDITABLE_BY_SUBMITTER = {PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED}
NOT_EDITABLE_BY_REVIEWER = {PracticeStatus.PUBLISHED, PracticeStatus.MERGED}

# Who may read a members-only published entry: members of an organisation, and programme staff.
may_read_members_only = is_member | is_programme_staff


@rules.predicate
def is_live(user, practice):
    return practice is not None and practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_public(user, practice):
    return practice is not None and practice.visibility == Visibility.PUBLIC


@rules.predicate
def is_draft(user, practice):
    return practice is not None and practice.status == PracticeStatus.DRAFT


@rules.predicate
def is_submitter(user, practice):
    return bool(practice is not None and user.is_authenticated
                and practice.submitted_by_id == user.pk)


@rules.predicate
def is_lead_of_submitter_force(user, practice):
    """An organisation lead sees the unpublished work of their force's members; no other
    force ever does."""
    if not (practice is not None and practice.submitted_by_id and user.is_authenticated
            and user.is_organisation_lead):
        return False
    return practice.submitted_by.memberships.filter(
        organisation=user.organisation, status=MembershipStatus.ACTIVE).exists()


@rules.predicate
def is_editable_by_submitter(user, practice):
    return practice is not None and practice.status in EDITABLE_BY_SUBMITTER


@rules.predicate
def is_editable_by_reviewer(user, practice):
    return practice is not None and practice.status not in NOT_EDITABLE_BY_REVIEWER


can_view = (
    (is_live & (is_public | may_read_members_only))
    | is_submitter | is_lead_of_submitter_force | is_reviewer
)
can_edit = (is_reviewer & is_editable_by_reviewer) | (is_submitter & is_editable_by_submitter)
can_revise = is_live & (is_submitter | is_reviewer)
can_delete = is_draft & (is_submitter | is_reviewer)
can_share = is_member | is_programme_staff

rules.add_perm("practice.view_practice", can_view)
rules.add_perm("practice.share_practice", can_share)
rules.add_perm("practice.change_practice", can_edit)
rules.add_perm("practice.revise_practice", can_revise)
rules.add_perm("practice.delete_practice", can_delete)
rules.add_perm("practice.review_practice", is_reviewer)
