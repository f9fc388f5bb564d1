"""Sign-in lockout: one count per account however the address is typed, per address and overall."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from django.urls import reverse

from exchange.settings import client_ip_precedence
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = 429


def sign_in(client, email, password, address="10.0.0.1", **headers):
    return client.post(reverse("people:sign-in"), {"username": email, "password": password},
                       REMOTE_ADDR=address, **headers)


def test_case_and_space_variants_of_an_address_share_one_lockout(client, member):
    variants = ["Member@Kent.Police.UK", " member@kent.police.uk", "MEMBER@KENT.POLICE.UK ",
                "member@KENT.police.uk", "\tmember@kent.police.uk"]
    answers = [sign_in(client, variant, "wrong-password").status_code for variant in variants]

    assert answers == [200, 200, 200, 200, LOCKED]
    assert sign_in(client, "mEmBeR@kent.police.uk", PASSWORD).status_code == LOCKED
    assert "_auth_user_id" not in client.session


def test_a_second_address_gets_its_own_tries_but_not_unlimited_ones(client, member, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 12
    answers = []
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]:
        answers += [sign_in(client, member.email, "wrong", address=address).status_code
                    for _ in range(4)]

    # Four tries from each of three addresses stay under both limits; the twelfth failure
    # across addresses locks the account everywhere, even with the right password.
    assert answers[:11] == [200] * 11
    assert answers[11:] == [LOCKED] * 5
    assert sign_in(client, member.email, PASSWORD, address="10.0.0.9").status_code == LOCKED


def test_the_account_wide_limit_is_higher_than_the_per_address_one(settings):
    assert settings.AXES_ACCOUNT_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


def test_a_locked_address_does_not_lock_the_person_out_elsewhere(client, member):
    for _ in range(5):
        sign_in(client, member.email, "wrong", address="10.0.0.1")
    assert sign_in(client, member.email, PASSWORD, address="10.0.0.2").status_code == 302


def test_behind_the_proxy_each_client_address_is_counted_on_its_own(client, member, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_precedence("X-Real-IP")
    for _ in range(5):
        sign_in(client, member.email, "wrong", HTTP_X_REAL_IP="81.2.69.160")
    # Same proxy address, another client: not locked.
    assert sign_in(client, member.email, PASSWORD, HTTP_X_REAL_IP="81.2.69.161").status_code == 302


def test_the_client_address_comes_from_the_configured_header_only(settings):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="81.2.69.160",
                                    HTTP_X_FORWARDED_FOR="8.8.8.8")
    assert get_client_ip_address(request) == "10.0.0.5"

    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_precedence("X-Real-IP")
    assert get_client_ip_address(request) == "81.2.69.160"


def test_the_proxy_header_setting_accepts_the_header_as_a_proxy_sends_it():
    assert client_ip_precedence("") == ("REMOTE_ADDR",)
    assert client_ip_precedence("X-Forwarded-For") == ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    assert client_ip_precedence("HTTP_X_REAL_IP") == ("HTTP_X_REAL_IP", "REMOTE_ADDR")


def test_an_appended_forwarded_for_header_uses_the_address_the_proxy_added(settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_precedence("X-Forwarded-For")
    # The client wrote the first address itself; the proxy appended the one it saw.
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5",
                                    HTTP_X_FORWARDED_FOR="8.8.8.8, 81.2.69.160")
    assert get_client_ip_address(request) == "81.2.69.160"
