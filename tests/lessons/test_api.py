"""The Learning the Lessons API."""

import pytest

from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import CaseStudyRole
from exchange.people import domain as people_domain
from tests.factories import TopicFactory
from tests.lessons.factories import CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db


def test_case_studies_are_listed_published_only_and_filter(client):
    custody = TopicFactory(slug="custody", name="Custody")
    issue = IssueFactory(number=42)
    shop = CaseFactory(issue=issue, title="Restraint in a shop", summary="Officers restrained him.")
    shop.themes.add(custody)
    CaseStudyRole.objects.create(case_study=shop, value="frontline_officers")
    CaseFactory(title="A pursuit", questions={"trainers": ["Why?"]})
    CaseFactory(title="Unpublished", status=EditorialStatus.DRAFT)

    everything = client.get("/api/v1/case-studies").json()
    assert everything["count"] == 2
    assert {item["title"] for item in everything["items"]} == {"Restraint in a shop", "A pursuit"}
    for params in [{"q": "restrained"}, {"theme": "custody"}, {"role": "frontline_officers"},
                   {"audience": "managers"}, {"issue": 42}]:
        body = client.get("/api/v1/case-studies", params).json()
        assert [item["title"] for item in body["items"]] == ["Restraint in a shop"], params
    item = client.get("/api/v1/case-studies", {"issue": 42}).json()["items"][0]
    assert item["issue"] == 42 and item["themes"] == [{"slug": "custody", "name": "Custody"}]


def test_one_case_study_has_its_questions_and_drafts_are_404(client):
    case = CaseFactory(questions={"managers": ["How do you check?"]})
    draft = CaseFactory(status=EditorialStatus.DRAFT)
    body = client.get(f"/api/v1/case-studies/{case.pk}").json()
    assert body["questions"] == [{"audience": "managers", "text": "How do you check?"}]
    assert body["key_learning"] == case.key_learning
    missing = client.get(f"/api/v1/case-studies/{draft.pk}")
    assert missing.status_code == 404 and missing.json() == {"message": "Not found."}


def test_issues_are_listed_newest_first_with_their_downloads(client):
    IssueFactory(number=1)
    CaseFactory(issue=IssueFactory(number=2))
    IssueFactory(number=3, status=EditorialStatus.DRAFT)
    body = client.get("/api/v1/lessons-issues").json()
    assert [i["number"] for i in body["items"]] == [2, 1]
    assert body["items"][0]["case_count"] == 1
    assert body["items"][0]["pdf_url"].endswith("/lessons/issues/2/learning-the-lessons.pdf")


def test_the_anonymisation_check_gives_character_offsets_to_editors(client, editor):
    token = people_domain.create_api_token(user=editor, name="tool")[1]
    text = "Café: PC Smith rang 07700 900123."
    response = client.post("/api/v1/anonymisation-check", {"text": text},
                           content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    findings = response.json()["findings"]
    assert [(f["kind"], f["text"]) for f in findings] == [("name", "PC Smith"),
                                                         ("phone", "07700 900123")]
    for finding in findings:
        assert text[finding["start"]:finding["end"]] == finding["text"]


def test_the_anonymisation_check_is_for_editors_only(client, member):
    anonymous = client.post("/api/v1/anonymisation-check", {"text": "x"},
                            content_type="application/json")
    assert anonymous.status_code == 401
    token = people_domain.create_api_token(user=member, name="tool")[1]
    refused = client.post("/api/v1/anonymisation-check", {"text": "x"},
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403
    assert "editors" in refused.json()["message"]


def test_the_case_list_api_does_not_grow_queries_with_rows(client, query_count):
    CaseFactory.create_batch(2)
    few = query_count.of_get(client, "/api/v1/case-studies")
    CaseFactory.create_batch(10)
    assert query_count.of_get(client, "/api/v1/case-studies") == few
