import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.people import domain
from exchange.people.models import Membership, Organisation, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


def sign_up(client, **changes):
    data = {"full_name": "Sam Sergeant", "email": "sam.sergeant@kent.police.uk",
            "job_title": "Sergeant", "organisation": "", "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD, **changes}
    return client.post(reverse("people:sign-up"), data)


def verification_path(email):
    body = OutboxMessage.objects.get(to=email, template="verify_email").body_text
    return re.search(r"https?://[^/\s]+(/account/verify/\S+/)", body).group(1)


def test_signing_up_with_a_force_address_makes_an_active_member_after_verification(client, force):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("people:sign-up-sent")
    user = User.objects.get(email="sam.sergeant@kent.police.uk")
    assert user.email_verified_at is None
    assert not user.memberships.exists()
    message = OutboxMessage.objects.get(to=user.email)
    assert message.subject.startswith("Action needed:")
    assert "member of Kent Police" in message.body_text

    path = verification_path(user.email)
    assert "Confirm my email address" in client.get(path).content.decode()
    page = client.post(path)

    assert page.status_code == 200
    assert "You are a member of <strong>Kent Police</strong>" in page.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is not None
    membership = user.memberships.get()
    assert (membership.organisation, membership.status, membership.role) == (force, "active",
                                                                               "member")
    assert user.organisation == force
    verbs = set(Activity.objects.filter(actor=user).values_list("verb", flat=True))
    assert verbs == {"signed_up", "verified_email", "joined"}


def test_signing_up_with_another_address_waits_for_staff_approval_then_becomes_active(
        client, force, reviewer):
    response = sign_up(client, email="sam@kentcouncil.example", organisation=force.pk)
    assert response.status_code == 302
    client.post(verification_path("sam@kentcouncil.example"))

    membership = Membership.objects.get(user__email="sam@kentcouncil.example")
    assert membership.status == "pending"
    client.force_login(membership.user)
    profile = client.get(reverse("people:profile")).content.decode()
    assert "Waiting for approval" in profile

    client.force_login(reviewer)
    queue = client.get(reverse("people:membership-queue")).content.decode()
    assert "sam@kentcouncil.example" in queue
    decided = client.post(reverse("people:membership-decide", args=[membership.pk]),
                          {"decision": "approve", "reason": ""})

    assert decided.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.decided_by == reviewer
    email = OutboxMessage.objects.get(template="membership_approved")
    assert email.to == "sam@kentcouncil.example"
    assert "Kent Police" in email.subject
    log = Activity.objects.for_object(membership).first()
    assert (log.verb, log.from_state, log.to_state, log.actor) == ("approve", "pending", "active",
                                                                   reviewer)


def test_sign_up_with_an_unknown_domain_asks_for_an_organisation_and_keeps_what_was_typed(
        client, force):
    response = sign_up(client, email="sam@unknown.example")
    page = response.content.decode()
    assert response.status_code == 200
    assert "select your organisation" in page
    assert 'value="sam@unknown.example"' in page
    assert 'href="#id_organisation"' in page
    assert not User.objects.filter(email="sam@unknown.example").exists()


def test_sign_up_rejects_mismatched_and_weak_passwords(client, force):
    mismatched = sign_up(client, password2="something-else-entirely")
    assert "The passwords do not match" in mismatched.content.decode()
    weak = sign_up(client, password1="password", password2="password")
    assert "Choose a password that is harder to guess" in weak.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(("password", "message"), [
    ("short-1", "Enter a password of at least 10 characters"),
    ("4815162342", "Include letters or symbols in your password, not only numbers"),
])
def test_a_weak_password_gets_a_message_saying_what_to_do_not_djangos(client, force, password, message):
    page = sign_up(client, password1=password, password2=password).content.decode()
    assert message in page
    assert "This password is" not in page and "too similar" not in page
    assert not User.objects.exists()


def test_a_password_like_the_persons_own_details_is_refused_in_their_words(member):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        validate_password(member.email, user=member)
    assert "Choose a password that is not like your email" in refusal.value.messages


def test_signing_up_with_a_registered_address_reveals_nothing_and_warns_the_owner(client, member):
    response = sign_up(client, email=member.email.upper())
    assert response.status_code == 302
    assert response.url == reverse("people:sign-up-sent")
    assert User.objects.filter(email__iexact=member.email).count() == 1
    warning = OutboxMessage.objects.get(to=member.email)
    assert warning.template == "sign_up_existing"
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_signing_up_again_before_verifying_sends_a_fresh_link(client, force):
    sign_up(client)
    sign_up(client)
    assert OutboxMessage.objects.filter(template="verify_email").count() == 2
    assert User.objects.count() == 1


def test_a_tampered_verification_link_is_refused(client, force):
    sign_up(client)
    path = verification_path("sam.sergeant@kent.police.uk")
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.post(tampered)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert User.objects.get().email_verified_at is None
    assert not Membership.objects.exists()


class FourDaysAgoSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)


def test_an_expired_verification_link_is_refused(client, force):
    user = UserFactory(email="late@kent.police.uk", email_verified_at=None)
    token = FourDaysAgoSigner(salt=domain.VERIFY_EMAIL_SALT).sign_object(
        {"user": user.pk, "email": user.email, "organisation": None})

    response = client.post(reverse("people:verify-email", args=[token]))

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None
    assert not Membership.objects.filter(user=user).exists()


def test_verifying_twice_keeps_one_membership(client, force):
    sign_up(client)
    path = verification_path("sam.sergeant@kent.police.uk")
    client.post(path)
    second = client.post(path)
    assert second.status_code == 200
    assert Membership.objects.count() == 1


def test_a_token_for_a_changed_address_is_refused(force):
    user = UserFactory(email="old@kent.police.uk", email_verified_at=None)
    token = domain.make_verification_token(user=user)
    User.objects.filter(pk=user.pk).update(email="new@kent.police.uk")
    with pytest.raises(domain.ValidationError):
        domain.verify_email(token=token)


def test_the_organisation_is_matched_by_email_domain_and_its_subdomains(db):
    kent = Organisation.objects.get(slug="kent-police")
    assert domain.organisation_for_email("A.Person@KENT.police.uk") == kent
    assert domain.organisation_for_email("a.person@intranet.kent.police.uk") == kent
    assert domain.organisation_for_email("a.person@notkent.police.uk") is None
