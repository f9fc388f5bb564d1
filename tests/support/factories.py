"""Factories for peer support's models: real rows, made the shortest way. Tests that are about a
state change drive the domain functions instead."""

import datetime

import factory
from django.utils import timezone

from exchange.people.enums import MembershipRole
from exchange.support.enums import (
    GroupStatus,
    PeerStatus,
    RequestStatus,
    Sector,
    SupportType,
    TeamStatus,
)
from exchange.support.models import (
    DimensionScore,
    GroupForce,
    GuideQuestion,
    MatchingGroup,
    MatrixDimension,
    Peer,
    SelfAssessment,
    SupportRequest,
    TeamMember,
    TermsVersion,
)
from tests.factories import OrganisationFactory, TopicFactory, UserFactory, member_of


class PeerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Peer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    status = PeerStatus.APPROVED
    sector = Sector.POLICE
    organisation = factory.SubFactory(OrganisationFactory)
    rank_or_grade = "Inspector"
    statement = "Led a change to how the force answers calls."

    @factory.post_generation
    def expertise(self, create, topics, **kwargs):
        if create and topics:
            self.expertise.set(topics)


def lead_of(organisation, **user_fields):
    return member_of(organisation, role=MembershipRole.LEAD, **user_fields)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    requested_by = None
    support_type = SupportType.PEER_REVIEW
    issue = "Our investigations take too long to reach a charging decision."
    success = "Files reach the Crown Prosecution Service in half the time."
    status = RequestStatus.SUBMITTED
    preferred_from = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    preferred_to = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)


class TermsVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsVersion

    request = factory.SubFactory(SupportRequestFactory, status=RequestStatus.SCOPING)
    number = factory.Sequence(lambda n: n + 1)
    scope = "Investigation file quality in the two largest districts."
    questions = "Where do files wait, and why?"
    deliverables = "A report with recommendations."
    team_size = 3


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    request = factory.SubFactory(SupportRequestFactory)
    peer = factory.SubFactory(PeerFactory)
    status = TeamStatus.ACCEPTED


class SelfAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfAssessment

    organisation = factory.SubFactory(OrganisationFactory)


def score_every_dimension(assessment, *, level=2, target=4):
    """Scores each active dimension of the shipped matrix at ``level`` with ``target``."""
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=dimension, level=level, target=target,
                       evidence="From the last inspection.")
        for dimension in MatrixDimension.objects.filter(active=True))
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    return assessment


class MatchingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchingGroup
        skip_postgeneration_save = True

    title = "Problem solving, autumn group"
    topic = factory.SubFactory(TopicFactory)
    status = GroupStatus.GUIDE

    @factory.post_generation
    def forces(self, create, organisations, **kwargs):
        if create and organisations:
            GroupForce.objects.bulk_create(GroupForce(group=self, organisation=organisation)
                                           for organisation in organisations)


class GuideQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideQuestion

    group = factory.SubFactory(MatchingGroupFactory)
    text = factory.Sequence(lambda n: f"How do you decide which problems to take on ({n})?")
    order = factory.Sequence(lambda n: n)
