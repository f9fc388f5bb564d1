"""Staff roles are groups asked through `rules`; ``is_staff`` only opens the Django admin."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from exchange.common.models import Activity
from exchange.common.permissions import allows
from exchange.mail.models import OutboxMessage
from exchange.people.models import Membership, User
from exchange.people.rules import held_staff_roles
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def role_holder(role, email):
    """Someone given a staff role by group alone, without Django's admin flag."""
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def test_a_reviewer_without_the_admin_flag_decides_memberships(client, force):
    reviewer = role_holder("Reviewer", "plain-reviewer@example.org")
    waiting = Membership.objects.create(user=UserFactory(), organisation=force, status="pending")
    client.force_login(reviewer)
    page = client.get(reverse("people:membership-queue"))
    assert page.status_code == 200
    assert waiting.user.full_name in page.content.decode()
    assert client.get(reverse("people:membership-decide", args=[waiting.pk])).status_code == 200


def test_the_admin_flag_alone_is_not_a_staff_role(client, member):
    flagged = UserFactory(email="flagged@example.org", is_staff=True)
    assert not allows(flagged, "people.approve_membership")
    assert not allows(flagged, "people.view_staff_pages")
    assert not allows(flagged, "common.view_activity")
    assert not Membership.objects.for_user(flagged).exclude(user=flagged).exists()
    client.force_login(flagged)
    assert client.get(reverse("people:membership-queue")).status_code == 403
    page = client.get(reverse("people:profile")).content.decode()
    assert "Staff roles" not in page
    assert reverse("people:membership-queue") not in page


def test_every_staff_role_sees_staff_pages_and_decides_memberships(member):
    people = {"member": member, "anonymous": AnonymousUser(),
              **{role: role_holder(role, f"{role.lower()}@example.org")
                 for role in ["Reviewer", "Editor", "Organiser", "Administrator"]}}
    for perm in ["people.view_staff_pages", "people.approve_membership", "common.view_activity"]:
        assert {name for name, user in people.items() if allows(user, perm)} == {
            "Reviewer", "Editor", "Organiser", "Administrator"}


def test_only_administrators_read_the_outbox(member, reviewer, admin_user):
    OutboxMessage.objects.create(template="test", to="someone@example.org", subject="Hello",
                                 body_text="A sign-in link")
    assert OutboxMessage.objects.for_user(admin_user).count() == 1
    assert OutboxMessage.objects.for_user(reviewer).count() == 0
    assert OutboxMessage.objects.for_user(member).count() == 0


def test_the_activity_log_is_for_programme_staff(member, reviewer):
    Activity.objects.create(actor=reviewer, content_type_id=1, object_id=1, verb="publish")
    assert Activity.objects.for_user(reviewer).count() == 1
    assert Activity.objects.for_user(member).count() == 0


def test_the_profile_names_the_roles_held(client):
    person = staff_user("Editor", "Organiser", email="both@example.org")
    assert held_staff_roles(person) == ["Editor", "Organiser"]
    client.force_login(person)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Editor, Organiser" in page


def test_people_lists_find_role_holders_through_groups(reviewer, member):
    assert list(User.objects.holding_staff_role("Reviewer")) == [reviewer]
    assert list(User.objects.programme_staff()) == [reviewer]


def test_a_token_is_revoked_only_by_its_owner(member, outsider):
    from exchange.people.domain import create_api_token

    token, _ = create_api_token(user=member, name="Laptop")
    assert allows(member, "people.revoke_api_token", token)
    assert not allows(outsider, "people.revoke_api_token", token)
