"""factory_boy factories for improvement networks."""

import datetime

import factory
from django.utils import timezone

from exchange.networks.enums import MemberRole, MembershipStatus
from exchange.networks.models import Meeting, Network, NetworkMembership, NetworkProposal
from tests.factories import TopicFactory, UserFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    """An open, active network."""

    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    topic = factory.SubFactory(TopicFactory)
    purpose = "Forces learning from each other about one improvement."
    audience = "Improvement leads."


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member."""

    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
    status = MembershipStatus.ACTIVE


def facilitator_of(network, user=None):
    return MembershipFactory(network=network, user=user or UserFactory(),
                             role=MemberRole.FACILITATOR)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting a week ahead, with joining details."""

    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    agenda = "Introductions"
    joining_details = "https://meet.example.org/secret-room passcode 4242"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkProposal

    proposed_by = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Proposed network {n}")
    topic = factory.SubFactory(TopicFactory)
    purpose = "To learn together."
    audience = "Analysts."
    facilitation = "I will, monthly."
