"""Belonging to a network: joining an open one at once, asking to join a closed one (the
facilitators approve or refuse, and the person is emailed either way), leaving, and a
facilitator making someone a facilitator or removing them; every change logged."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.networks.domain import networks as domain
from exchange.networks.enums import MemberRole, MembershipStatus, NetworkStatus
from exchange.networks.models import NetworkMembership
from exchange.networks.rules import active_membership
from tests.factories import UserFactory

from .factories import MembershipFactory, NetworkFactory, facilitator_of

pytestmark = pytest.mark.django_db


def log_of(membership):
    kind = ContentType.objects.get_for_model(NetworkMembership)
    return list(Activity.objects.filter(content_type=kind, object_id=membership.pk)
                .order_by("created_at", "id").values_list("verb", "from_state", "to_state"))


def mail_to(email):
    return list(OutboxMessage.objects.filter(to=email).values_list("template", flat=True))


def test_joining_an_open_network_makes_an_active_member_at_once():
    network = NetworkFactory()
    person = UserFactory()
    membership = domain.join(network=network, user=person)
    assert membership.status == MembershipStatus.ACTIVE
    assert active_membership(person, network) == membership
    assert log_of(membership) == [("join", "", "active")]


def test_asking_to_join_a_closed_network_waits_and_emails_each_facilitator():
    network = NetworkFactory(is_closed=True)
    facilitators = [facilitator_of(network), facilitator_of(network)]
    person = UserFactory()
    membership = domain.join(network=network, user=person)
    assert membership.status == MembershipStatus.PENDING
    assert active_membership(person, network) is None
    for facilitator in facilitators:
        assert mail_to(facilitator.user.email) == ["network_join_requested"]
    assert log_of(membership) == [("ask_to_join", "", "pending")]


def test_approving_a_request_makes_a_member_and_tells_them():
    network = NetworkFactory(is_closed=True)
    facilitator = facilitator_of(network)
    membership = domain.join(network=network, user=UserFactory())
    domain.approve(membership=membership, actor=facilitator.user)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert mail_to(membership.user.email) == ["network_join_approved"]
    assert log_of(membership)[-1] == ("approve", "pending", "active")


def test_refusing_a_request_tells_them_why_and_logs_the_reason():
    network = NetworkFactory(is_closed=True)
    facilitator = facilitator_of(network)
    membership = domain.join(network=network, user=UserFactory(full_name="Rae Refused"))
    domain.refuse(membership=membership, actor=facilitator.user, reason="For analysts only.")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REFUSED
    message = OutboxMessage.objects.get(to=membership.user.email)
    assert message.template == "network_join_refused"
    assert "For analysts only." in message.body_text
    entry = Activity.objects.filter(verb="refuse").get()
    assert entry.note == "Rae Refused: For analysts only."


def test_someone_refused_may_ask_again():
    network = NetworkFactory(is_closed=True)
    facilitator = facilitator_of(network)
    membership = domain.join(network=network, user=UserFactory())
    domain.refuse(membership=membership, actor=facilitator.user)
    again = domain.join(network=network, user=membership.user)
    assert again.pk == membership.pk
    assert again.status == MembershipStatus.PENDING


def test_joining_twice_is_refused():
    network = NetworkFactory()
    membership = MembershipFactory(network=network)
    with pytest.raises(ValidationError, match="already a member"):
        domain.join(network=network, user=membership.user)


def test_an_archived_network_takes_no_members():
    network = NetworkFactory(status=NetworkStatus.ARCHIVED)
    with pytest.raises(ValidationError, match="archived"):
        domain.join(network=network, user=UserFactory())


def test_leaving_and_rejoining_keep_one_row_and_its_history():
    network = NetworkFactory()
    person = UserFactory()
    membership = domain.join(network=network, user=person)
    domain.leave(membership=membership, actor=person)
    assert active_membership(person, network) is None
    rejoined = domain.join(network=network, user=person)
    assert rejoined.pk == membership.pk
    assert [verb for verb, *_ in log_of(membership)] == ["join", "leave", "join"]


def test_the_last_facilitator_may_not_leave_or_be_removed_or_step_down():
    network = NetworkFactory()
    only = facilitator_of(network)
    for action in (lambda: domain.leave(membership=only, actor=only.user),
                   lambda: domain.remove(membership=only, actor=only.user),
                   lambda: domain.stop_facilitating(membership=only, actor=only.user)):
        with pytest.raises(ValidationError, match="make someone else a facilitator"):
            action()
    second = facilitator_of(network)
    domain.leave(membership=only, actor=only.user)
    assert NetworkMembership.objects.get(pk=only.pk).status == MembershipStatus.LEFT
    assert second.is_facilitator


def test_making_a_facilitator_and_removing_a_member_are_logged_and_emailed():
    network = NetworkFactory()
    facilitator = facilitator_of(network)
    member = MembershipFactory(network=network)
    domain.make_facilitator(membership=member, actor=facilitator.user)
    member.refresh_from_db()
    assert member.role == MemberRole.FACILITATOR
    assert mail_to(member.user.email) == ["network_facilitator_made"]
    domain.remove(membership=facilitator, actor=member.user, reason="Moved jobs")
    facilitator.refresh_from_db()
    assert facilitator.status == MembershipStatus.LEFT
    assert mail_to(facilitator.user.email) == ["network_member_removed"]
    assert [verb for verb, *_ in log_of(member)] == ["make_facilitator"]


def test_a_slug_never_takes_a_reserved_path_or_one_in_use():
    NetworkFactory(slug="demand")
    assert domain.unique_slug("Demand") == "demand-2"
    assert domain.unique_slug("Propose") == "propose-2"
