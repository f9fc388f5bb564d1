"""Who hears about a call or an application: an application's news goes only to its
organisation's leads and the organisers, because it is confidential to them."""

from exchange.mail.domain import Email, queue_emails
from exchange.people.enums import MembershipRole, MembershipStatus, StaffRole
from exchange.people.models import User


def organisers():
    return (User.objects.holding_staff_role(StaffRole.ORGANISER).filter(is_active=True)
            .distinct().order_by("email"))


def leads_of(organisation_id):
    return User.objects.filter(
        is_active=True, memberships__organisation_id=organisation_id,
        memberships__role=MembershipRole.LEAD, memberships__status=MembershipStatus.ACTIVE,
    ).distinct().order_by("email")


def email_people(people, *, template, context):
    """One email to each person (each address once). Side effect: outbox rows."""
    seen, emails = set(), []
    for person in people:
        if not person.email or person.email.lower() in seen:
            continue
        seen.add(person.email.lower())
        emails.append(Email(to=person.email, template=template,
                            context={**context, "recipient": person}))
    return queue_emails(emails)
