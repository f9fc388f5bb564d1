"""factory_boy factories for the Exchange's models, shared by every test."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from exchange.common.models import Topic
from exchange.people.enums import MembershipRole, MembershipStatus, OrganisationType
from exchange.people.models import Membership, Organisation, User
from exchange.practice.enums import EvidenceLabel, PracticeStatus, Visibility
from exchange.practice.models import Practice

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire Police {n}")
    slug = factory.Sequence(lambda n: f"testshire-police-{n}")
    type = OrganisationType.TERRITORIAL_POLICE
    region = "south_east"
    email_domains = factory.LazyAttribute(lambda o: [f"{o.slug}.police.example"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member_of(organisation, *, role=MembershipRole.MEMBER, **user_fields):
    """A user with an active membership of ``organisation``."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role,
                              status=MembershipStatus.ACTIVE)
    return user


def staff_user(*roles, **user_fields):
    """A staff user in the named groups (default: Reviewer)."""
    user = UserFactory(is_staff=True, **user_fields)
    for role in roles or ("Reviewer",):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published public entry unless told otherwise."""

    class Meta:
        model = Practice

    title = factory.Sequence(lambda n: f"Practice entry {n}")
    summary = "A one-line summary of the practice."
    evidence_label = EvidenceLabel.PROMISING
    description = "What was done, by whom, and how."
    mechanism = "Why it works."
    implementation = "What it took."
    organisation = factory.SubFactory(OrganisationFactory)
    status = PracticeStatus.PUBLISHED
    visibility = Visibility.PUBLIC
    published_at = factory.LazyFunction(timezone.now)
