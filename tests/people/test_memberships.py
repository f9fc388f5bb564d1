import pytest
from django.urls import reverse

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.people.domain import decide_membership
from exchange.people.models import Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pending(organisation, **user_fields):
    return Membership.objects.create(user=UserFactory(**user_fields), organisation=organisation,
                                     status="pending")


@pytest.mark.parametrize("who", ["member", "lead", "outsider"])
def test_the_membership_queue_is_forbidden_to_members(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("people:membership-queue")).status_code == 403


def test_deciding_is_forbidden_to_members(client, lead, force):
    membership = pending(force)
    client.force_login(lead)
    response = client.post(reverse("people:membership-decide", args=[membership.pk]),
                           {"decision": "approve"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == "pending"


def test_the_queue_asks_anonymous_people_to_sign_in(client):
    response = client.get(reverse("people:membership-queue"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:sign-in"))


def test_the_queue_lists_only_pending_memberships(client, reviewer, member, force):
    waiting = pending(force, full_name="Wendy Waiting")
    client.force_login(reviewer)
    page = client.get(reverse("people:membership-queue")).content.decode()
    assert "Wendy Waiting" in page
    assert member.full_name not in page
    assert reverse("people:membership-decide", args=[waiting.pk]) in page


def test_declining_records_the_reason_and_emails_it(client, reviewer, force):
    membership = pending(force, email="dee@example.net")
    client.force_login(reviewer)
    response = client.post(reverse("people:membership-decide", args=[membership.pk]),
                           {"decision": "decline", "reason": "Not on the force's staff list."},
                           follow=True)
    assert "You declined" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "declined"
    email = OutboxMessage.objects.get(to="dee@example.net")
    assert email.template == "membership_declined"
    assert "Not on the force's staff list." in email.body_text
    log = Activity.objects.for_object(membership).get()
    assert (log.verb, log.to_state, log.note) == ("decline", "declined",
                                                  "Not on the force's staff list.")


def test_a_decision_needs_a_choice(client, reviewer, force):
    membership = pending(force)
    client.force_login(reviewer)
    response = client.post(reverse("people:membership-decide", args=[membership.pk]), {})
    assert "There is a problem" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "pending"


def test_an_active_membership_cannot_be_declined(reviewer, member):
    membership = member.memberships.get()
    with pytest.raises(decide_membership.__globals__["ValidationError"]):
        decide_membership(membership=membership, decision="decline", actor=reviewer)


def test_a_member_cannot_decide_through_the_domain_either(lead, force):
    membership = pending(force)
    with pytest.raises(decide_membership.__globals__["PermissionDenied"]):
        decide_membership(membership=membership, decision="approve", actor=lead)


def test_the_queue_query_count_does_not_grow_with_its_rows(client, reviewer, force, other_force,
                                                          query_count):
    client.force_login(reviewer)
    for _ in range(2):
        pending(force)

    few = query_count.of_get(client, reverse("people:membership-queue"))
    for index in range(10):
        pending(other_force if index % 2 else force)
    assert query_count.of_get(client, reverse("people:membership-queue")) == few
