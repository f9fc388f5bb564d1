import pytest
from django.urls import reverse

from exchange.common.domain import log_activity
from exchange.mail.models import OutboxMessage
from exchange.people.domain import create_api_token
from exchange.people.models import Membership, User
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["people/user", "people/organisation", "people/membership",
                                   "people/apitoken", "common/topic", "common/activity"])
def test_every_admin_list_opens_and_searches(admin_client_for, model):
    app, name = model.split("/")
    url = reverse(f"admin:{app}_{name}_changelist")
    response = admin_client_for.get(url, {"q": "kent"})
    assert response.status_code == 200


@pytest.fixture
def admin_client_for(client, admin_user, member):
    TopicFactory(name="Knife crime")
    create_api_token(user=member, name="Feed")
    log_activity(subject=member, actor=admin_user, verb="noted", note="kent")
    client.force_login(admin_user)
    return client


def test_the_user_admin_creates_a_person_by_email(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:people_user_add"), {
        "email": "new.person@example.org", "full_name": "New Person", "usable_password": "true",
        "password1": "plum-orchard-lantern-42", "password2": "plum-orchard-lantern-42",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").check_password(
        "plum-orchard-lantern-42")


def test_the_admin_approve_action_uses_the_domain_and_emails_the_person(client, admin_user, force):
    membership = Membership.objects.create(user=UserFactory(email="p@example.net"),
                                           organisation=force, status="pending")
    client.force_login(admin_user)
    response = client.post(reverse("admin:people_membership_changelist"), {
        "action": "approve", "_selected_action": [membership.pk]})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("active", admin_user)
    assert OutboxMessage.objects.get(to="p@example.net").template == "membership_approved"


def test_the_activity_log_cannot_be_edited_in_the_admin(client, admin_user, member):
    entry = log_activity(subject=member, actor=admin_user, verb="noted")
    client.force_login(admin_user)
    assert client.get(reverse("admin:common_activity_add")).status_code == 403
    response = client.post(reverse("admin:common_activity_change", args=[entry.pk]),
                           {"verb": "changed"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.verb == "noted"
