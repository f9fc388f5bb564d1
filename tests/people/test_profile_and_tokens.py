import pytest
from django.urls import reverse

from exchange.people.domain import create_api_token, user_for_api_token
from exchange.people.models import ApiToken, Membership, hash_token

pytestmark = pytest.mark.django_db


def test_the_profile_needs_a_signed_in_person(client):
    response = client.get(reverse("people:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:sign-in"))


def test_the_profile_shows_details_organisation_role_and_staff_roles(client, lead, reviewer):
    client.force_login(lead)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Lee Lead" in page
    assert "lead@kent.police.uk" in page
    assert "Kent Police, organisation lead" in page
    assert "Staff roles" not in page

    client.force_login(reviewer)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Reviewer" in page
    assert reverse("people:membership-queue") in page


def test_a_pending_membership_shows_as_waiting_for_approval(client, force):
    from tests.factories import UserFactory

    person = UserFactory()
    Membership.objects.create(user=person, organisation=force, status="pending")
    client.force_login(person)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Waiting for approval" in page
    assert "Programme staff are checking" in page


def test_editing_the_profile_changes_name_and_job_title_and_keeps_input_on_error(client, member):
    client.force_login(member)
    bad = client.post(reverse("people:profile-edit"), {"full_name": "", "job_title": "Inspector"})
    assert "There is a problem" in bad.content.decode()
    assert 'value="Inspector"' in bad.content.decode()
    response = client.post(reverse("people:profile-edit"),
                           {"full_name": "Morgan Q Member", "job_title": "Inspector"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.job_title) == ("Morgan Q Member", "Inspector")


def test_a_created_token_is_shown_once_and_then_authenticates_the_api(client, member):
    client.force_login(member)
    response = client.post(reverse("people:token-create"), {"name": "Intranet feed"}, follow=True)
    page = response.content.decode()
    token = ApiToken.objects.get(user=member)
    raw = response.context["new_token"]
    assert raw.startswith("lx_")
    assert raw in page
    assert "Copy this token now" in page
    assert token.key_hash == hash_token(raw)
    assert token.hint == raw[:10]
    assert raw not in client.get(reverse("people:profile")).content.decode()
    assert "Intranet feed" in client.get(reverse("people:profile")).content.decode()

    assert user_for_api_token(raw) == member
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_needs_a_name(client, member):
    client.force_login(member)
    response = client.post(reverse("people:token-create"), {"name": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("member", 200), ("colleague", 404),
                                             ("outsider", 404)])
def test_only_the_owner_can_open_the_revoke_page(client, request, member, who, status):
    token, _ = create_api_token(user=member, name="Mine")
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("people:token-revoke", args=[token.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("who", ["colleague", "outsider"])
def test_nobody_but_the_owner_can_revoke_a_token(client, request, member, who):
    token, raw = create_api_token(user=member, name="Mine")
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("people:token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert user_for_api_token(raw) == member


def test_the_owner_revokes_a_token_and_it_stops_working(client, member):
    token, raw = create_api_token(user=member, name="Mine")
    client.force_login(member)
    page = client.get(reverse("people:token-revoke", args=[token.pk])).content.decode()
    assert "Revoke the token \u2018Mine\u2019?" in page
    response = client.post(reverse("people:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert user_for_api_token(raw) is None
    assert "Mine" not in client.get(reverse("people:profile")).content.decode().split(
        "API tokens")[1]
