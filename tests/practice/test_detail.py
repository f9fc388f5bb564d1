import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.domain import log_activity
from exchange.practice.models import LabelChange, PracticeFocus
from tests.factories import PracticeFactory, TopicFactory


def detail(practice):
    return reverse("practice:detail", kwargs={"pk": practice.pk})


@pytest.fixture
def draft(member):
    return PracticeFactory(title="Unfinished idea", status="draft", published_at=None,
                           submitted_by=member, organisation=member.organisation)


@pytest.mark.parametrize(("person", "status"), [
    (None, 404), ("outsider", 404), ("colleague", 404), ("member", 200), ("lead", 200),
    ("reviewer", 200),
])
def test_a_draft_is_seen_only_by_its_owner_their_lead_and_staff(client, request, draft, person,
                                                                  status):
    if person:
        client.force_login(request.getfixturevalue(person))
    response = client.get(detail(draft))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Unfinished idea" in page
        assert "Not published" in page and "Draft" in page


@pytest.mark.parametrize(("person", "status"), [
    (None, 404), ("outsider", 200), ("member", 200), ("reviewer", 200)])
def test_a_members_only_entry_needs_a_member(client, request, db, person, status):
    practice = PracticeFactory(visibility="members")
    if person:
        client.force_login(request.getfixturevalue(person))
    assert client.get(detail(practice)).status_code == status


def test_the_page_shows_every_field_and_explains_the_label(client, db):
    topic = TopicFactory(name="Knife crime")
    practice = PracticeFactory(
        title="Knife talks", summary="Officers talk to pupils", evidence_label="worked",
        stage="evaluated_locally", region="south_east", partners=["Kent County Council"],
        start_date=datetime.date(2021, 3, 5), start_date_precision="month", scale="regional",
        target_groups=["Pupils aged 11 to 16"], aim="Fewer *knives*", intended_outcome="Safer",
        description="We talked.<script>alert(1)</script>", results="Fewer knives",
        effect="A 20% fall", moderators="Urban schools", economic_cost="£2,000 a year",
        contact_name="Pat Officer", contact_email="pat@kent.police.uk",
        links=["https://example.org/report"], source_url="https://example.org/source")
    practice.topics.set([topic])
    PracticeFocus.objects.create(practice=practice, value="prevention")
    page = client.get(detail(practice)).content.decode()
    for text in ["Knife talks", "Officers talk to pupils", "govuk-tag--green", "There is good evidence",
                 "Evaluated locally", "Prevention", "Knife crime", "South East",
                 "Kent County Council", "March 2021", "Regional", "Pupils aged 11 to 16",
                 "Fewer <em>knives</em>", "A 20% fall", "Urban schools", "£2,000 a year",
                 "Pat Officer", 'href="mailto:pat@kent.police.uk"',
                 'href="https://example.org/report"', 'href="https://example.org/source"']:
        assert text in page, text
    assert "<script>" not in page.split("<body")[1].split('<script type="module"')[0]
    assert page.count("<h1") == 1


@pytest.mark.parametrize(("precision", "shown"), [
    ("year", "2021"), ("month", "March 2021"), ("day", "5 March 2021")])
def test_the_start_date_is_shown_at_its_precision(client, db, precision, shown):
    practice = PracticeFactory(start_date=datetime.date(2021, 3, 5), start_date_precision=precision)
    page = client.get(detail(practice)).content.decode()
    assert f'<dd class="govuk-summary-list__value">{shown}</dd>' in page


def test_the_label_history_says_since_when_and_what_it_was_before(client, db):
    practice = PracticeFactory(evidence_label="promising")
    tz = timezone.get_current_timezone()
    LabelChange.objects.create(practice=practice, label="new_innovative",
                               changed_at=datetime.datetime(2024, 1, 10, tzinfo=tz))
    LabelChange.objects.create(practice=practice, label="promising",
                               changed_at=datetime.datetime(2025, 3, 15, tzinfo=tz))
    page = client.get(detail(practice)).content.decode()
    assert "Promising since March 2025, previously new or innovative." in page


def test_related_entries_share_the_most_topics_then_the_focus(client, db):
    a, b, c = TopicFactory(), TopicFactory(), TopicFactory()
    practice = PracticeFactory(title="Main")
    practice.topics.set([a, b, c])
    PracticeFocus.objects.create(practice=practice, value="diversion")
    one = PracticeFactory(title="Shares one")
    one.topics.set([a])
    three = PracticeFactory(title="Shares three")
    three.topics.set([a, b, c])
    secret = PracticeFactory(title="Members only", visibility="members")
    secret.topics.set([a, b, c])
    same_focus = PracticeFactory(title="Same focus")
    PracticeFocus.objects.create(practice=same_focus, value="diversion")
    PracticeFactory(title="Unrelated")
    response = client.get(detail(practice))
    assert [p.title for p in response.context["related"]] == [
        "Shares three", "Shares one", "Same focus"]


def test_staff_see_the_activity_log_and_a_review_link(client, reviewer, db):
    practice = PracticeFactory()
    log_activity(subject=practice, actor=reviewer, verb="start_review", from_state="submitted",
                 to_state="in_review", note="Looks thorough")
    client.force_login(reviewer)
    page = client.get(detail(practice)).content.decode()
    assert "Activity log" in page
    # The action and the states as people read them (issue 8), not "start review: in_review".
    assert "<strong>Review started</strong> by Riley Reviewer" in page
    assert "(from Submitted to In review)" in page and "Looks thorough" in page
    assert reverse("practice:review", kwargs={"pk": practice.pk}) in page


def test_the_activity_log_is_hidden_from_members(client, member, db):
    practice = PracticeFactory(submitted_by=member)
    log_activity(subject=practice, actor=None, verb="publish", note="Secret reviewer note")
    client.force_login(member)
    page = client.get(detail(practice)).content.decode()
    assert "Activity log" not in page and "Secret reviewer note" not in page


def test_the_submitter_of_a_live_entry_may_suggest_changes_and_a_colleague_may_not(
        client, member, colleague):
    practice = PracticeFactory(submitted_by=member)
    revise = reverse("practice:revise", kwargs={"pk": practice.pk})
    client.force_login(member)
    assert f'action="{revise}"' in client.get(detail(practice)).content.decode()
    client.force_login(colleague)
    assert revise not in client.get(detail(practice)).content.decode()
