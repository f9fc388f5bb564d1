import re

import pytest
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


def sign_in(client, email, password, address="10.0.0.1"):
    return client.post(reverse("people:sign-in"), {"username": email, "password": password},
                       REMOTE_ADDR=address)


def test_the_sign_in_form_labels_its_email_field_for_people_and_names_it_for_axes(client):
    page = client.get(reverse("people:sign-in")).content.decode()
    assert 'name="username"' in page
    assert ">Email address</label>" in page


def test_a_verified_member_signs_in_with_their_email_in_any_case(client, member):
    response = sign_in(client, member.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("people:home")
    assert client.get(reverse("people:profile")).context["user"] == member


def test_a_wrong_password_shows_an_error_summary(client, member):
    response = sign_in(client, member.email, "not-my-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a correct email address and password" in page
    assert f'value="{member.email}"' in page


def test_an_unverified_person_cannot_sign_in_and_is_told_to_check_their_email(client, force):
    person = UserFactory(email="new@kent.police.uk", email_verified_at=None)
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 200
    assert "confirm your email address" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_out_from_that_address(client, member):
    for _ in range(4):
        assert sign_in(client, member.email, "wrong-password").status_code == 200
    assert sign_in(client, member.email, "wrong-password").status_code == 429

    locked = sign_in(client, member.email, PASSWORD)

    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The lockout is for this person from this address; others are unaffected.
    assert sign_in(client, member.email, PASSWORD, address="10.0.0.2").status_code == 302


def test_sign_out_needs_a_post(client, member):
    client.force_login(member)
    assert client.get(reverse("people:sign-out")).status_code == 405
    response = client.post(reverse("people:sign-out"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_reset_goes_through_the_outbox_and_its_link_sets_a_new_password(client, member):
    response = client.post(reverse("people:password-reset"), {"email": member.email})
    assert response.status_code == 302
    assert response.url == reverse("people:password-reset-sent")
    message = OutboxMessage.objects.get(to=member.email)
    assert message.template == "password_reset"
    assert message.subject.startswith("Action needed:")
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", message.body_text).group(1)

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done.url == reverse("people:password-reset-complete")
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert "Password changed" in client.get(done.url).content.decode()


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(client, db):
    response = client.post(reverse("people:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("people:password-reset-sent")
    assert not OutboxMessage.objects.exists()


def test_a_used_reset_link_does_not_work_again(client, member):
    client.post(reverse("people:password-reset"), {"email": member.email})
    body = OutboxMessage.objects.get(to=member.email).body_text
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", body).group(1)
    set_password = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(path, follow=True)
    assert "This link does not work" in again.content.decode()


def test_changing_the_password_needs_the_old_one(client, member):
    client.force_login(member)
    wrong = client.post(reverse("people:password-change"), {
        "old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "There is a problem" in wrong.content.decode()
    right = client.post(reverse("people:password-change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert right.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
