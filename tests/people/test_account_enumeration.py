"""Sign-up and password reset do the same work whether or not the address has an account.

Timing is what leaks, and the work is what takes the time: a password hash (tens of
milliseconds with Argon2), an email rendered and stored. These tests count that work rather
than time it, which would be flaky on a shared machine.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.tasks import task_backends
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.people.tasks import send_password_reset
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


class CountingHasher(MD5PasswordHasher):
    """Django's test hasher, counting how many passwords it hashes."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


def sign_up(client, email):
    return client.post(reverse("people:sign-up"), {
        "full_name": "Sam Sergeant", "email": email, "job_title": "", "organisation": "",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


@pytest.mark.parametrize("who", ["new", "verified", "unverified"])
def test_sign_up_hashes_one_password_and_queues_one_email_whoever_signs_up(
        client, force, counting_hasher, who):
    email = "sam.sergeant@kent.police.uk"
    if who == "verified":
        UserFactory(email=email)
    elif who == "unverified":
        UserFactory(email=email, email_verified_at=None)
    counting_hasher.hashed = 0

    response = sign_up(client, email)

    assert response.url == reverse("people:sign-up-sent")
    assert counting_hasher.hashed == 1
    assert OutboxMessage.objects.filter(to=email).count() == 1


@pytest.fixture
def deferred_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend


def test_a_reset_request_does_the_same_work_for_a_known_and_an_unknown_address(
        client, member, deferred_tasks, query_count):
    def ask_for_reset(email):
        with query_count.capture() as queries:
            response = client.post(reverse("people:password-reset"), {"email": email})
        return response, len(queries)

    known, known_queries = ask_for_reset(member.email)
    unknown, unknown_queries = ask_for_reset("nobody@kent.police.uk")

    assert known.url == unknown.url == reverse("people:password-reset-sent")
    assert known_queries == unknown_queries
    assert [(result.task.name, result.kwargs) for result in deferred_tasks.results] == [
        ("send_password_reset", {"email": member.email}),
        ("send_password_reset", {"email": "nobody@kent.police.uk"})]
    assert not OutboxMessage.objects.exists()


def test_the_reset_task_emails_a_link_to_an_account_and_nothing_to_a_stranger(member):
    send_password_reset.call(email="nobody@kent.police.uk")
    assert not OutboxMessage.objects.exists()

    send_password_reset.call(email=member.email.upper())
    assert OutboxMessage.objects.get().to == member.email
