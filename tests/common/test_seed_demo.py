from io import StringIO

import pytest
from django.core.management import call_command

from exchange.common.management.commands.seed_demo import DEMO_PASSWORD
from exchange.common.models import Topic
from exchange.mail.models import OutboxMessage
from exchange.people.models import User
from exchange.practice.enums import EvidenceLabel, PracticeStatus
from exchange.practice.models import LabelChange, Practice
from tests.factories import UserFactory

FORCES = {"kent": "kent-police", "essex": "essex-police", "merseyside": "merseyside-police",
          "lancashire": "lancashire-constabulary"}


def account(email):
    """The demo account, if its password is the documented one."""
    user = User.objects.get(email=email)
    return user if user.check_password(DEMO_PASSWORD) else None


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--practices", "30", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_creates_the_documented_accounts_with_the_printed_password():
    output = seed()

    assert f"Password: {DEMO_PASSWORD}" in output
    admin = account("admin@example.org")
    assert admin is not None and admin.is_superuser and admin.is_staff
    assert set(admin.groups.values_list("name", flat=True)) == {"Administrator"}
    staff = account("staff@example.org")
    assert staff.is_staff and not staff.is_superuser
    assert set(staff.groups.values_list("name", flat=True)) == {"Reviewer", "Editor", "Organiser"}
    for force, slug in FORCES.items():
        lead = account(f"lead.{force}@example.org")
        member = account(f"member.{force}@example.org")
        assert lead.organisation.slug == slug and lead.is_organisation_lead
        assert member.organisation.slug == slug and not member.is_organisation_lead
        assert lead.email_verified_at and member.email_verified_at
        assert f"member.{force}@example.org" in output


@pytest.mark.django_db
def test_seed_demo_loads_topics_and_practice_across_labels_and_states():
    seed()

    assert Topic.objects.filter(slug__in=["knife-crime", "county-lines", "leadership"]).count() == 3
    assert Practice.objects.filter(revision_of__isnull=True).count() == 30
    published = Practice.objects.live()
    assert set(published.values_list("evidence_label", flat=True)) == set(EvidenceLabel.values)
    states = set(Practice.objects.values_list("status", flat=True))
    assert {PracticeStatus.PUBLISHED, PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW,
            PracticeStatus.CHANGES_REQUESTED, PracticeStatus.DRAFT,
            PracticeStatus.DECLINED} <= states
    waiting = Practice.objects.exclude(status=PracticeStatus.PUBLISHED).exclude(
        status=PracticeStatus.MERGED)
    assert all(p.submitted_by.email.endswith("@example.org") and not p.submitted_by.is_staff
               for p in waiting.select_related("submitted_by"))
    assert all(p.topics.exists() and p.published_at for p in published)
    assert LabelChange.objects.filter(practice__in=published).count() >= published.count()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_seed_demo_twice_adds_no_accounts_or_practice():
    seed()
    users, practices = User.objects.count(), Practice.objects.count()

    output = seed()

    assert User.objects.count() == users
    assert Practice.objects.count() == practices
    assert "none added" in output
    assert account("member.kent@example.org")


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_a_database_with_people_alone():
    UserFactory(email="someone@example.org")

    output = seed("--if-empty")

    assert "not loaded" in output
    assert not User.objects.filter(email="admin@example.org").exists()
    assert not Practice.objects.exists()
    assert not Topic.objects.exists()
