import datetime
import json
import re

import pytest
from django.test import Client

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.people.domain import create_api_token, revoke_api_token
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import Practice, PracticeFocus
from tests.factories import PracticeFactory, TopicFactory, UserFactory

LIST = "/api/v1/practices"
NEW = {"title": "Street triage with mental health nurses", "evidence_label": "promising",
       "description": "A nurse rides with officers on evening shifts."}


def post(client, body, **headers):
    return client.post(LIST, data=json.dumps(body), content_type="application/json",
                       headers=headers)


def bearer(user):
    _, raw = create_api_token(user=user, name="tests")
    return {"Authorization": f"Bearer {raw}"}


def titles(response):
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def members_only(db):
    return PracticeFactory(title="Members only hot spots", visibility="members",
                           evidence_label="worked")


# Reading -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_gives_count_items_and_facets_with_absolute_urls(client):
    practice = PracticeFactory(title="Hot spot patrols", stage="evaluated_locally",
                               start_date=datetime.date(2022, 4, 1))
    practice.topics.add(TopicFactory(name="Burglary", slug="burglary"))
    PracticeFocus.objects.create(practice=practice, value="prevention")

    body = client.get(LIST).json()

    assert body["count"] == 1
    (item,) = body["items"]
    assert item == {
        "id": practice.pk, "title": "Hot spot patrols", "summary": practice.summary,
        "evidence_label": "promising", "stage": "evaluated_locally", "focus": ["prevention"],
        "topics": [{"slug": "burglary", "name": "Burglary"}],
        "organisation": {"slug": practice.organisation.slug, "name": practice.organisation.name},
        "region": practice.region, "start_year": 2022,
        "published_at": item["published_at"], "url": f"http://testserver/practice/{practice.pk}/",
    }
    assert {"value": "promising", "label": "Promising", "count": 1, "selected": False} in \
        body["facets"]["evidence_label"]
    assert body["facets"]["year"] == [{"value": "2022", "label": "2022", "count": 1,
                                       "selected": False}]


@pytest.mark.django_db
def test_filters_repeat_and_combine(client):
    worked = PracticeFactory(title="Worked one", evidence_label="worked")
    PracticeFactory(title="Promising one", evidence_label="promising")
    PracticeFactory(title="Didn't work one", evidence_label="didnt_work")
    PracticeFocus.objects.create(practice=worked, value="diversion")

    both = client.get(LIST, {"evidence_label": ["worked", "promising"]})
    assert sorted(titles(both)) == ["Promising one", "Worked one"]
    combined = client.get(LIST, {"evidence_label": ["worked", "promising"], "focus": "diversion"})
    assert titles(combined) == ["Worked one"]
    facet = {f["value"]: f["count"] for f in combined.json()["facets"]["evidence_label"]}
    assert facet == {"worked": 1, "promising": 0}  # a ticked value stays, even at 0


@pytest.mark.django_db
def test_words_rank_a_title_match_above_a_passing_mention(client):
    PracticeFactory(title="Neighbourhood meetings",
                    description="We mention burglary once among many other things.")
    PracticeFactory(title="Burglary prevention with burglary marking kits",
                    summary="Burglary kits for burglary victims.")
    response = client.get(LIST, {"q": "burglary"})
    assert titles(response) == ["Burglary prevention with burglary marking kits",
                                "Neighbourhood meetings"]


@pytest.mark.django_db
def test_unknown_filter_values_and_bad_page_sizes_are_json_errors(client):
    unknown = client.get(LIST, {"focus": "astrology"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "focus", "message": "Unknown focus: astrology"}]
    too_big = client.get(LIST, {"page_size": 101})
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "page_size"


@pytest.mark.django_db
def test_page_size_pages_through_the_list(client):
    PracticeFactory.create_batch(5)
    body = client.get(LIST, {"page_size": 2, "page": 3}).json()
    assert (body["count"], body["page"], body["num_pages"], len(body["items"])) == (5, 3, 3, 1)


@pytest.mark.django_db
def test_members_only_entries_never_reach_the_public(client, members_only):
    PracticeFactory(title="Public one", evidence_label="promising")
    body = client.get(LIST).json()
    assert titles(client.get(LIST)) == ["Public one"]
    assert body["count"] == 1
    assert {f["value"] for f in body["facets"]["evidence_label"]} == {"promising"}
    assert client.get(LIST, {"q": "hot spots"}).json()["count"] == 0
    detail = client.get(f"{LIST}/{members_only.pk}")
    assert detail.status_code == 404
    assert detail.json() == {"message": "Not found."}


@pytest.mark.django_db
def test_members_see_members_only_entries_by_session_or_token(client, member, members_only):
    assert titles(Client().get(LIST, headers=bearer(member))) == ["Members only hot spots"]
    client.force_login(member)
    assert titles(client.get(LIST)) == ["Members only hot spots"]
    detail = client.get(f"{LIST}/{members_only.pk}").json()
    assert detail["visibility"] == "members"


@pytest.mark.django_db
def test_a_revoked_or_unknown_token_is_refused_not_ignored(client, member, members_only):
    token, raw = create_api_token(user=member, name="old")
    revoke_api_token(token=token)
    revoked = client.get(LIST, headers={"Authorization": f"Bearer {raw}"})
    assert revoked.status_code == 401
    assert "Bearer" in revoked.json()["message"]
    assert client.get(LIST, headers={"Authorization": "Bearer lx_made_up"}).status_code == 401


@pytest.mark.django_db
def test_the_detail_gives_the_whole_entry_with_its_label_history(client, reviewer):
    practice = PracticeFactory(title="Whole entry", mechanism="Trust", partners=["Council"],
                               start_date=datetime.date(2020, 6, 1), start_date_precision="month")
    practice.label_changes.create(label="promising", changed_at=practice.published_at)
    body = client.get(f"{LIST}/{practice.pk}").json()
    assert body["mechanism"] == "Trust"
    assert body["partners"] == ["Council"]
    assert body["start_date"] == "2020-06"
    assert body["status"] == "published"
    assert [c["label"] for c in body["label_history"]] == ["promising"]


@pytest.mark.django_db
def test_an_unpublished_submission_is_seen_by_its_owner_only(member, colleague, outsider):
    waiting = PracticeFactory(title="Waiting", status=PracticeStatus.SUBMITTED,
                              published_at=None, submitted_by=member)
    url = f"{LIST}/{waiting.pk}"
    statuses = {}
    for name, user in {"owner": member, "colleague": colleague, "outsider": outsider}.items():
        client = Client()
        client.force_login(user)
        statuses[name] = client.get(url).status_code
        assert "Waiting" not in titles(client.get(LIST))
    assert statuses == {"owner": 200, "colleague": 404, "outsider": 404}


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_2_or_12_entries(client, member, query_count):
    client.force_login(member)
    topic = TopicFactory()

    def make(n):
        for practice in PracticeFactory.create_batch(n, visibility="members"):
            practice.topics.add(topic)
            PracticeFocus.objects.create(practice=practice, value="prevention")

    make(2)
    few = query_count.of_get(client, LIST)
    make(10)
    assert query_count.of_get(client, LIST) == few


# Submitting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_submits_practice_which_waits_for_review(client, member):
    # A topic the Exchange knows is linked; an unknown one waits for a reviewer (see
    # test_proposed_names), so a member's submission creates none.
    TopicFactory(name="Mental health", slug="mental-health")
    client.force_login(member)
    response = post(client, {**NEW, "focus": ["diversion"], "topics": ["Mental health"],
                             "start_date": "2024-01"})
    assert response.status_code == 201
    practice = Practice.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/practices/{practice.pk}"
    body = response.json()
    assert (body["id"], body["status"], body["start_date"]) == (practice.pk, "submitted", "2024-01")
    assert practice.submitted_by == member
    assert practice.organisation == member.organisation
    assert [t.name for t in practice.topics.all()] == ["Mental health"]
    assert list(Activity.objects.for_object(practice).values_list("verb", flat=True)) == [
        "submit", "create"]
    assert OutboxMessage.objects.filter(to=member.email, template="practice_submitted").exists()
    assert Client().get(LIST).json()["count"] == 0


@pytest.mark.django_db
def test_a_token_submission_needs_no_csrf_token_but_a_session_one_does(member):
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, NEW, **bearer(member)).status_code == 201
    strict.force_login(member)
    refused = post(strict, NEW)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]
    assert Practice.objects.count() == 1


@pytest.mark.django_db
def test_validation_errors_name_their_fields(client, member):
    client.force_login(member)
    bad = post(client, {**NEW, "title": "", "evidence_label": "excellent",
                        "contact_email": "nope", "start_date": "spring"})
    assert bad.status_code == 422
    assert bad.json()["message"] == "The entry is not valid."
    assert {e["field"] for e in bad.json()["errors"]} == {
        "title", "evidence_label", "contact_email", "start_date"}
    missing = post(client, {"summary": "No title", "colour": "blue"})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {
        "title", "evidence_label", "description", "colour"}
    assert Practice.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_and_bad_headers_cannot_submit(client):
    anonymous = post(client, NEW)
    assert anonymous.status_code == 401
    assert "Bearer" in anonymous.json()["message"]
    assert post(client, NEW, Authorization="Token abc").status_code == 401
    assert post(client, NEW, Authorization="Bearer").status_code == 401
    assert Practice.objects.count() == 0


@pytest.mark.django_db
def test_someone_without_an_active_membership_cannot_submit(client):
    client.force_login(UserFactory())
    response = post(client, NEW)
    assert response.status_code == 403
    assert "membership" in response.json()["message"]


# Schema and docs ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_schema_documents_every_error_response(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = schema["paths"]["/api/v1/practices"]
    assert set(operations["post"]["responses"]) == {"201", "401", "403", "422"}
    assert set(operations["get"]["responses"]) == {"200", "401", "422"}
    assert set(schema["paths"]["/api/v1/practices/{practice_id}"]["get"]["responses"]) == {
        "200", "401", "404"}
    assert {} in operations["get"]["security"]
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "SessionAuth"}


@pytest.mark.django_db
def test_the_docs_page_loads_swagger_from_our_own_static_files(client):
    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    # Every script and stylesheet comes from this site: a relative or root-relative address.
    # (Matching on the text "cdn" failed whenever a random CSRF token happened to contain it.)
    addresses = re.findall(r'\b(?:src|href)="([^"]*)"', html)
    assert addresses
    assert [a for a in addresses if a.startswith(("http:", "https:", "//"))] == []
    assert "script-src 'self'" in page["Content-Security-Policy"]


@pytest.mark.django_db
def test_an_anonymous_post_is_asked_to_sign_in_even_when_csrf_is_enforced():
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/practices", {"title": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert "Sign in" in response.json()["message"]


@pytest.mark.django_db
def test_a_session_post_without_its_csrf_token_is_refused(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/api/v1/practices", {"title": "x", "evidence_label": "worked",
                                                  "description": "y"},
                           content_type="application/json")
    assert response.status_code == 403
