"""A member's submission creates no organisation or topic: unknown names wait as text for a
reviewer to accept, and public lists show only topics that something published uses."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from exchange.common.models import Activity, Topic
from exchange.lessons.forms import SubscribeForm
from exchange.people.forms import SignUpForm
from exchange.people.models import Organisation
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.importers import import_practices
from exchange.practice.models import Practice
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory

pytestmark = pytest.mark.django_db

NEW = {"title": "Moped crime patrols", "evidence_label": "promising",
       "description": "Officers on scooters follow moped thieves."}


def submit(client, member, **fields):
    client.force_login(member)
    response = client.post("/api/v1/practices", data=json.dumps({**NEW, **fields}),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return Practice.objects.get(pk=response.json()["id"])


def test_a_members_unknown_names_stay_text_on_the_submission(client, member):
    known = TopicFactory(name="Burglary")
    practice = submit(client, member, organisation="Riverside Youth Trust",
                      topics=["Moped crime", "burglary", "Scooter theft"])
    assert not Organisation.objects.filter(name="Riverside Youth Trust").exists()
    assert list(Topic.objects.values_list("name", flat=True)) == ["Burglary"]
    assert practice.organisation is None
    assert practice.proposed_organisation == "Riverside Youth Trust"
    assert list(practice.topics.all()) == [known]
    assert practice.proposed_topics == ["Moped crime", "Scooter theft"]


def test_a_known_organisation_is_linked_and_proposes_nothing(client, member, other_force):
    practice = submit(client, member, organisation="essex police")
    assert (practice.organisation, practice.proposed_organisation) == (other_force, "")


def test_public_lists_do_not_show_names_from_an_unpublished_submission(client, member):
    on_public = TopicFactory(name="Knife crime")
    PracticeFactory(title="Published").topics.add(on_public)
    waiting = PracticeFactory(status=PracticeStatus.SUBMITTED, published_at=None)
    waiting.topics.add(TopicFactory(name="Only on a waiting entry"))
    members_only = PracticeFactory(visibility="members")
    members_only.topics.add(TopicFactory(name="Only on a members-only entry"))
    OrganisationFactory(name="Left over from a submission", reviewed=False)

    assert [t.name for t in Topic.objects.in_use_by_published()] == ["Knife crime"]
    # Subscribing offers the themes of published issues (issue 9), so no practice topic at all.
    offered = [t.name for t in SubscribeForm().fields["themes"].queryset]
    assert "Only on a waiting entry" not in offered and "Only on a members-only entry" not in offered
    organisations = [o.name for o in SignUpForm().fields["organisation"].queryset]
    assert "Left over from a submission" not in organisations
    assert "Kent Police" in organisations or not organisations  # the real forces stay


def test_a_reviewer_sees_the_proposed_names_and_accepts_them(client, member, reviewer):
    practice = submit(client, member, organisation="Riverside Youth Trust",
                      topics=["Moped crime", "Scooter theft"])
    client.force_login(reviewer)
    page = client.get(reverse("practice:review", args=[practice.pk])).content.decode()
    assert "Riverside Youth Trust" in page and "Scooter theft" in page
    assert reverse("practice:review-action", args=[practice.pk, "accept-names"]) in page

    response = client.post(reverse("practice:review-action", args=[practice.pk, "accept-names"]),
                           {"names": ["organisation", "topic:Moped crime"]})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.organisation.name == "Riverside Youth Trust"
    assert practice.organisation.reviewed
    assert [t.name for t in practice.topics.all()] == ["Moped crime"]
    assert (practice.proposed_organisation, practice.proposed_topics) == ("", ["Scooter theft"])
    logged = Activity.objects.for_object(practice).get(verb="accept_names")
    assert (logged.actor, logged.note) == (
        reviewer, "organisation: Riverside Youth Trust; topic: Moped crime")


def test_only_a_reviewer_accepts_and_only_names_that_were_proposed(member, reviewer):
    practice = domain.create_draft(submitted_by=member, allow_incomplete=True, data={
        "title": "T", "proposed_topics": ["Moped crime"]})
    with pytest.raises(domain.PermissionDenied):
        domain.accept_proposed_names(practice=practice, actor=member, topics=["Moped crime"])
    with pytest.raises(domain.ValidationError):
        domain.accept_proposed_names(practice=practice, actor=reviewer, topics=["Other"])
    assert not Topic.objects.exists()


def test_a_staff_import_still_creates_the_names_it_brings_and_reports_them():
    report = import_practices(rows=[{**NEW, "organisation": "Riverside Youth Trust",
                                     "topics": ["Moped crime"]}])
    assert (report.organisations_created, report.topics_created) == (
        ["Riverside Youth Trust"], ["Moped crime"])
    assert Organisation.objects.get(name="Riverside Youth Trust").reviewed


def test_organisations_members_created_before_this_change_go_back_to_being_proposals(member):
    migration = importlib.import_module("exchange.practice.migrations.0004_submitted_names")
    made_by_a_member = OrganisationFactory(name="Junk Trust", type="other", email_domains=[])
    also_published = OrganisationFactory(name="Used Trust", type="other", email_domains=[])
    waiting = PracticeFactory(organisation=made_by_a_member, status=PracticeStatus.SUBMITTED,
                              published_at=None, submitted_by=member)
    PracticeFactory(organisation=also_published, status=PracticeStatus.SUBMITTED,
                    published_at=None, submitted_by=member)
    PracticeFactory(organisation=also_published)
    migration.turn_submitted_organisations_back_into_proposals(django_apps, None)
    waiting.refresh_from_db()
    assert (waiting.organisation, waiting.proposed_organisation) == (None, "Junk Trust")
    assert list(Organisation.objects.filter(reviewed=False).values_list("name", flat=True)) == [
        "Junk Trust"]
