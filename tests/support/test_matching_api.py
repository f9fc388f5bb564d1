"""The peer-matching API: the list (each person's groups, on the common envelope), forming a
group, and writing a submission (422 naming the question)."""

import pytest
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.support.enums import GroupStatus, QuestionStatus
from exchange.support.models import MatchingGroup, Submission
from tests.factories import OrganisationFactory, TopicFactory

from .factories import GuideQuestionFactory, MatchingGroupFactory, lead_of

pytestmark = pytest.mark.django_db
LIST = "/api/v1/matching-groups"


@pytest.fixture
def outsider_lead(db):
    outside = OrganisationFactory(name="Testshire Police", slug="testshire-police-api")
    return lead_of(outside, email="lead@testshire.police.example")


@pytest.fixture
def group(force, other_force, lead, other_lead):
    group = MatchingGroupFactory(forces=[force, other_force], status=GroupStatus.SUBMISSIONS)
    group.question = GuideQuestionFactory(group=group, status=QuestionStatus.INCLUDED,
                                          text="How do you triage?")
    return group


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_list_shows_each_lead_their_forces_groups_only(client, group, lead, outsider_lead,
                                                           organiser):
    client.force_login(lead)
    body = client.get(LIST).json()
    assert body["count"] == 1 and body["page"] == 1 and body["num_pages"] == 1
    [item] = body["items"]
    assert item["id"] == group.pk and item["forces"] == ["Essex Police", "Kent Police"]
    assert item["status"] == "submissions" and item["url"].endswith(group.get_absolute_url())
    client.force_login(outsider_lead)
    assert client.get(LIST).json()["count"] == 0
    client.logout()
    assert client.get(LIST).status_code == 401


def test_the_list_costs_the_same_queries_with_more_groups(client, organiser, force, other_force,
                                                          query_count):
    MatchingGroupFactory(forces=[force, other_force])
    client.force_login(organiser)
    few = query_count.of_get(client, LIST)
    for _ in range(6):
        MatchingGroupFactory(forces=[force, other_force])
    assert query_count.of_get(client, LIST) == few


def test_organisers_form_a_group(client, organiser, force, other_force, lead, other_lead):
    topic = TopicFactory(slug="demand", name="Demand")
    client.force_login(organiser)
    response = post(client, LIST, {"title": "Demand group", "topic": "demand",
                                   "forces": ["kent-police", "essex-police"]})
    assert response.status_code == 201
    group = MatchingGroup.objects.get(title="Demand group")
    assert response.json()["forces"] == ["Essex Police", "Kent Police"]
    assert response["Location"].endswith(reverse("support:group", args=[group.pk]))
    assert group.topic == topic
    assert OutboxMessage.objects.filter(template="matching_group_formed").count() == 2
    unknown = post(client, LIST, {"title": "X", "topic": "demand", "forces": ["nowhere"]})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "forces",
                                         "message": "No force has the slug “nowhere”."}]


def test_a_lead_cannot_form_a_group(client, lead, force, other_force):
    TopicFactory(slug="demand")
    client.force_login(lead)
    response = post(client, LIST, {"title": "Ours", "topic": "demand",
                                   "forces": ["kent-police", "essex-police"]})
    assert response.status_code == 403


def test_a_lead_writes_and_sends_their_forces_submission(client, group, lead, force):
    url = f"{LIST}/{group.pk}/submissions"
    client.force_login(lead)
    refused = post(client, url, {"submit": True})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{
        "field": f"question_{group.question.pk}",
        "message": "Answer the question “How do you triage?” before sending your submission."}]
    unknown = post(client, url, {"answers": {"999999": "?"}})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "question_999999"
    sent = post(client, url, {"answers": {str(group.question.pk): "By harm."}, "submit": True})
    assert sent.status_code == 200
    body = sent.json()
    assert body["answers"] == {str(group.question.pk): "By harm."}
    assert body["submitted_at"] and body["group_status"] == "submissions"
    assert Submission.objects.get(group=group, organisation=force).submitted_at


def test_the_last_submission_through_the_api_shares_them(client, group, lead, other_lead, force):
    Submission.objects.create(group=group, organisation=force).answers.create(
        question=group.question, text="Ours.")
    Submission.objects.filter(group=group).update(submitted_at="2030-01-01T10:00Z")
    client.force_login(other_lead)
    body = post(client, f"{LIST}/{group.pk}/submissions",
                {"answers": {str(group.question.pk): "Theirs."}, "submit": True}).json()
    assert body["group_status"] == "host_days"


def test_a_submission_is_404_outside_the_group_and_403_for_organisers(client, group,
                                                                      outsider_lead, organiser):
    url = f"{LIST}/{group.pk}/submissions"
    client.force_login(outsider_lead)
    assert post(client, url, {"answers": {}}).status_code == 404
    client.force_login(organiser)
    assert post(client, url, {"answers": {}}).status_code == 403
    assert not Submission.objects.exists()
