"""Who hears about the programmes' work: the organisers, an organisation's leads, and one email
to each of a list of people. Every programme app asks here, so the queries are written once."""

from exchange.mail.domain import Email, queue_emails

from .enums import MembershipRole, MembershipStatus, StaffRole
from .models import User


def organisers():
    """Everyone active who holds the organiser role, each once, by email address."""
    return (User.objects.holding_staff_role(StaffRole.ORGANISER).filter(is_active=True)
            .distinct().order_by("email"))


def leads_of(organisation_ids):
    """The active organisation leads of those organisations (any iterable of ids), each once,
    by email address."""
    return User.objects.filter(
        is_active=True, memberships__organisation_id__in=list(organisation_ids),
        memberships__role=MembershipRole.LEAD, memberships__status=MembershipStatus.ACTIVE,
    ).distinct().order_by("email")


def email_people(people, *, template, context):
    """Queue one email to each person, in the order given: each address once (compared without
    case), none to a person without one. Each email's context is ``context`` plus
    ``recipient``, the person. Side effect: outbox rows; returns them."""
    seen, emails = set(), []
    for person in people:
        if not person.email or person.email.lower() in seen:
            continue
        seen.add(person.email.lower())
        emails.append(Email(to=person.email, template=template,
                            context={**context, "recipient": person}))
    return queue_emails(emails)
