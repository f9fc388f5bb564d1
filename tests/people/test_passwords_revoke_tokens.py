"""A new password revokes the person's API tokens, however the password was changed."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.people.domain import create_api_token, user_for_api_token
from exchange.people.models import ApiToken
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


def test_changing_the_password_revokes_every_api_token_and_says_so(client, member, colleague):
    _, raw = create_api_token(user=member, name="Intranet feed")
    create_api_token(user=member, name="Spreadsheet")
    _, colleagues = create_api_token(user=colleague, name="Theirs")
    client.force_login(member)
    form_page = client.get(reverse("people:password-change")).content.decode()
    assert "revokes your API tokens" in form_page

    response = client.post(reverse("people:password-change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True)

    assert user_for_api_token(raw) is None
    assert not ApiToken.objects.filter(user=member).live().exists()
    assert user_for_api_token(colleagues) == colleague
    assert "We revoked your 2 API tokens" in response.content.decode()


def test_resetting_the_password_revokes_api_tokens_and_says_so(client, member):
    _, raw = create_api_token(user=member, name="Intranet feed")
    client.post(reverse("people:password-reset"), {"email": member.email})
    body = OutboxMessage.objects.get(to=member.email, template="password_reset").body_text
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", body).group(1)
    set_password = client.get(path, follow=True)
    assert "revokes your API tokens" in set_password.content.decode()

    done = client.post(set_password.redirect_chain[-1][0],
                       {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)

    assert user_for_api_token(raw) is None
    assert "API tokens you had have been revoked" in done.content.decode()


def test_a_password_set_outside_the_site_revokes_api_tokens_too(member, monkeypatch):
    _, raw = create_api_token(user=member, name="Intranet feed")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)

    call_command("changepassword", member.email)

    assert user_for_api_token(raw) is None


def test_signing_in_does_not_revoke_api_tokens(client, member):
    _, raw = create_api_token(user=member, name="Intranet feed")
    client.post(reverse("people:sign-in"), {"username": member.email, "password": PASSWORD})
    member.refresh_from_db()
    member.full_name = "Morgan Renamed"
    member.save()
    assert user_for_api_token(raw) == member
