"""Who hears about peer support's work. Confidential material is emailed only to these people
(a force's leads, a request's accepted team, the organisers), so every area asks here."""

from exchange.people.enums import MembershipRole, MembershipStatus, StaffRole
from exchange.people.models import User

from ..enums import TeamStatus


def organisers():
    """Everyone active who holds the organiser role, each once, by email address."""
    return (User.objects.holding_staff_role(StaffRole.ORGANISER).filter(is_active=True)
            .distinct().order_by("email"))


def leads_of(organisation_ids):
    """The active organisation leads of those organisations, each once, by email address."""
    return User.objects.filter(
        is_active=True, memberships__organisation_id__in=list(organisation_ids),
        memberships__role=MembershipRole.LEAD, memberships__status=MembershipStatus.ACTIVE,
    ).distinct().order_by("email")


def accepted_team(request):
    """The peers who accepted a place on the request's team, as users."""
    return User.objects.filter(is_active=True, peer__engagements__request=request,
                               peer__engagements__status=TeamStatus.ACCEPTED).distinct()
