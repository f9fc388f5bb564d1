"""Signed-in responses stay out of caches, sessions slide while used, messages set no cookie."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from exchange.people.domain import create_api_token
from exchange.people.middleware import SESSION_ACTIVE_KEY

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def test_a_signed_in_page_is_private_and_not_stored(client, member):
    client.force_login(member)
    for url in [reverse("people:profile"), reverse("common:home")]:
        assert client.get(url).headers["Cache-Control"] == PRIVATE


def test_a_personal_download_is_private_and_not_stored(client, member):
    client.force_login(member)
    response = client.get(reverse("lessons:learning-record-csv"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == PRIVATE


def test_an_api_answer_to_a_token_is_private_and_not_stored(client, member):
    _, raw = create_api_token(user=member, name="Feed")
    response = client.get("/api/v1/practices", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.headers["Cache-Control"] == PRIVATE


def test_anonymous_public_pages_keep_their_caching(client, db):
    response = client.get(reverse("common:home"))
    assert response.status_code == 200
    assert "Cache-Control" not in response.headers


def backdate(client, *, active_minutes_ago, expires_in):
    session = client.session
    session[SESSION_ACTIVE_KEY] = int((timezone.now()
                                       - timedelta(minutes=active_minutes_ago)).timestamp())
    session.save()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() + expires_in)
    return session.session_key


def test_an_active_session_moves_its_expiry_forward(client, member, settings):
    client.force_login(member)
    key = backdate(client, active_minutes_ago=10, expires_in=timedelta(minutes=5))

    response = client.get(reverse("people:profile"))

    expires = Session.objects.get(pk=key).expire_date
    full_age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert expires > timezone.now() + full_age - timedelta(minutes=1)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_is_not_written_again_within_a_minute_of_the_last_write(client, member):
    client.force_login(member)
    key = backdate(client, active_minutes_ago=0, expires_in=timedelta(hours=2))
    client.get(reverse("people:profile"))
    assert Session.objects.get(pk=key).expire_date < timezone.now() + timedelta(hours=3)


def test_showing_a_message_sets_no_messages_cookie(client, member):
    client.force_login(member)
    response = client.post(reverse("people:profile-edit"),
                           {"full_name": "Morgan Renamed", "job_title": ""})
    assert "messages" not in response.cookies
    page = client.get(response.url)
    assert "Your details have been updated." in page.content.decode()
    assert "messages" not in page.cookies
    assert "messages" not in client.cookies
