"""Reviewing practice: the queue, the review page, each decision, and the whole cycle from a
member's draft to a published entry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import Practice
from tests.factories import PracticeFactory
from tests.practice.test_submit import EVIDENCE, write_entry

pytestmark = pytest.mark.django_db

QUEUE = reverse("practice:review-queue")


def action_url(practice, slug):
    return reverse("practice:review-action", args=[practice.pk, slug])


def submitted(by, **fields):
    fields.setdefault("status", PracticeStatus.SUBMITTED)
    fields.setdefault("submitted_at", timezone.now())
    return PracticeFactory(submitted_by=by, published_at=None, **fields)


def test_the_whole_cycle_from_draft_to_published_emails_and_logs_every_step(
        client, member, reviewer):
    client.force_login(member)
    practice = write_entry(client, member)
    client.post(reverse("practice:check-answers", args=[practice.pk]))

    client.force_login(reviewer)
    assert practice.title in client.get(QUEUE).content.decode()
    client.post(action_url(practice, "start-review"))
    response = client.post(action_url(practice, "request-changes"),
                           {"comment": "Please say what it cost."})
    assert response.url == reverse("practice:review", args=[practice.pk])
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.CHANGES_REQUESTED
    assert practice.reviewer == reviewer
    asked = OutboxMessage.objects.get(template="practice_changes_requested")
    assert asked.to == member.email
    assert asked.subject.startswith("Action needed:")
    assert "Please say what it cost." in asked.body_text

    client.force_login(member)
    task_list = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert "Please say what it cost." in task_list
    client.post(reverse("practice:edit-section", args=[practice.pk, "evidence"]),
                {**EVIDENCE, "economic_cost": "£4,000 a year for materials."})
    client.post(reverse("practice:check-answers", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED

    client.force_login(reviewer)
    client.post(action_url(practice, "publish"), {"note": "Good evidence of cost."})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.economic_cost == "£4,000 a year for materials."
    assert list(Practice.objects.public_listing(None).values_list("pk", flat=True)) == [practice.pk]
    assert [m.template for m in OutboxMessage.objects.filter(to=member.email)
            .order_by("created_at", "id")] == [
        "practice_submitted", "practice_changes_requested", "practice_submitted",
        "practice_published"]
    changes = [(a.verb, a.from_state, a.to_state) for a in Activity.objects.for_object(practice)
               .exclude(verb="edit").order_by("created_at", "id")]
    assert changes == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("start_review", "submitted", "in_review"),
        ("request_changes", "in_review", "changes_requested"),
        ("resubmit", "changes_requested", "submitted"),
        ("publish", "submitted", "published"),
    ]


@pytest.mark.parametrize("url", [
    lambda p: QUEUE,
    lambda p: reverse("practice:review", args=[p.pk]),
    lambda p: action_url(p, "publish"),
])
def test_review_pages_are_for_reviewers_only(client, member, outsider, reviewer, url):
    practice = submitted(member)
    assert client.get(url(practice)).url.startswith(reverse("people:sign-in"))
    for person in [member, outsider]:
        client.force_login(person)
        assert client.get(url(practice)).status_code == 403
        assert client.post(url(practice), {"note": ""}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    client.force_login(reviewer)
    assert client.get(url(practice)).status_code == 200


def test_declining_needs_a_reason_and_emails_it(client, member, reviewer):
    practice = submitted(member)
    client.force_login(reviewer)
    assert "Decline this entry" in client.get(action_url(practice, "decline")).content.decode()
    response = client.post(action_url(practice, "decline"), {"reason": "  "})
    assert "Give the reason for declining" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert not OutboxMessage.objects.filter(template="practice_declined").exists()

    client.post(action_url(practice, "decline"), {"reason": "This is a product advert."})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DECLINED
    email = OutboxMessage.objects.get(template="practice_declined")
    assert email.to == member.email
    assert "This is a product advert." in email.body_text


def test_asking_for_changes_needs_a_comment(client, member, reviewer):
    practice = submitted(member)
    client.force_login(reviewer)
    response = client.post(action_url(practice, "request-changes"), {"comment": ""})
    assert "Say what needs to change" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_withdrawing_a_published_entry_takes_it_off_the_bank(client, member, reviewer):
    practice = PracticeFactory(submitted_by=member)
    client.force_login(reviewer)
    assert "withdraw" in client.get(reverse("practice:review", args=[practice.pk])).content.decode()
    client.post(action_url(practice, "withdraw"), {"reason": "The force asked us to."})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.WITHDRAWN
    assert not Practice.objects.public_listing(None).exists()
    assert "The force asked us to." in OutboxMessage.objects.get(
        template="practice_withdrawn").body_text


def test_an_action_not_allowed_in_the_current_state_changes_nothing(client, member, reviewer):
    practice = PracticeFactory(submitted_by=member)
    client.force_login(reviewer)
    response = client.post(action_url(practice, "decline"), {"reason": "No"}, follow=True)
    assert "You cannot do that now" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED


def test_comments_are_internal_or_for_the_submitter(client, member, reviewer):
    practice = submitted(member)
    client.force_login(reviewer)
    client.post(action_url(practice, "comment"), {"body": "Check the figures", "audience": "internal"})
    client.post(action_url(practice, "comment"), {"body": "Add a contact", "audience": "submitter"})
    assert [(c.body, c.to_submitter) for c in practice.comments.all()] == [
        ("Check the figures", False), ("Add a contact", True)]
    page = client.get(reverse("practice:review", args=[practice.pk])).content.decode()
    assert "Reviewers only" in page
    assert "To the submitter" in page

    domain.request_changes(practice=practice, actor=reviewer, comment="Fix the title")
    client.force_login(member)
    task_list = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert "Add a contact" in task_list
    assert "Fix the title" in task_list
    assert "Check the figures" not in task_list


def test_the_review_page_shows_a_revision_s_changes_against_the_live_entry(
        client, member, reviewer):
    live = PracticeFactory(title="Street triage", submitted_by=member, region="south_east",
                           mechanism="Nurses on calls.")
    revision = domain.create_revision(practice=live, actor=member)
    domain.save_content(practice=revision, data={"mechanism": "Nurses **in the car**.",
                                                 "focus": ["diversion"]})
    domain.submit(practice=revision, actor=member)
    client.force_login(reviewer)
    response = client.get(reverse("practice:review", args=[revision.pk]))
    changes = response.context["changes"]
    assert [row["label"] for row in changes] == ["What is it about?",
                                                  "Mechanism: why does it work?"]
    assert changes[1]["values"] == ["Nurses on calls.", "Nurses **in the car**."]
    assert "<strong>in the car</strong>" in response.content.decode()
    assert "Edit of a published entry" in client.get(QUEUE).content.decode()


def test_the_queue_filters_by_status_reviewer_and_title(client, member, reviewer):
    submitted(member, title="Knife talks")
    mine = submitted(member, title="Street triage", reviewer=reviewer,
                     status=PracticeStatus.IN_REVIEW)
    PracticeFactory(title="Already published", submitted_by=member)
    client.force_login(reviewer)
    titles = lambda query: [p.title for p in client.get(QUEUE, query).context["page"]]  # noqa: E731
    assert sorted(titles({})) == ["Knife talks", "Street triage"]
    assert titles({"status": "in_review"}) == ["Street triage"]
    assert titles({"mine": "on"}) == [mine.title]
    assert titles({"q": "knife"}) == ["Knife talks"]
    assert "No entries match" in client.get(QUEUE, {"q": "nothing"}).content.decode()


def test_an_empty_queue_says_so(client, reviewer):
    client.force_login(reviewer)
    assert "There are no entries waiting for review" in client.get(QUEUE).content.decode()


def test_the_queue_does_not_query_per_row(client, member, colleague, reviewer, query_count):
    client.force_login(reviewer)
    live = PracticeFactory(submitted_by=member)

    for _ in range(2):
        submitted(member, reviewer=reviewer, revision_of=live)
    few = query_count.of_get(client, QUEUE)
    for person in [member, colleague] * 5:
        submitted(person, reviewer=reviewer)
    assert query_count.of_get(client, QUEUE) == few


def test_the_admin_publish_action_goes_through_the_domain(client, member, admin_user):
    practice = submitted(member)
    client.force_login(admin_user)
    response = client.post(reverse("admin:practice_practice_changelist"),
                           {"action": "publish_selected", "_selected_action": [practice.pk]})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.label_changes.count() == 1
    assert Activity.objects.for_object(practice).get().actor == admin_user
    page = client.get(reverse("admin:practice_practice_changelist"), {"q": practice.title})
    assert practice.title in page.content.decode()


def test_a_reviewer_can_publish_under_another_label_saying_why(client, member, reviewer):
    practice = submitted(member, evidence_label="worked")
    client.force_login(reviewer)
    form = client.get(action_url(practice, "publish")).content.decode()
    assert 'value="worked" checked' in form

    refused = client.post(action_url(practice, "publish"), {"label": "promising",
                                                            "label_reason": " ", "note": ""})
    assert "Say why you chose a different label" in refused.content.decode()
    practice.refresh_from_db()
    assert (practice.status, practice.evidence_label) == ("submitted", "worked")

    client.post(action_url(practice, "publish"), {
        "label": "promising", "label_reason": "One area, no comparison group yet.", "note": ""})
    practice.refresh_from_db()
    assert (practice.status, practice.evidence_label) == ("published", "promising")
    [history] = practice.label_changes.all()
    assert (history.label, history.reason, history.changed_by) == (
        "promising", "One area, no comparison group yet.", reviewer)
    logged = Activity.objects.for_object(practice).get(verb="change_label")
    assert (logged.from_state, logged.to_state, logged.note) == (
        "worked", "promising", "One area, no comparison group yet.")
    email = OutboxMessage.objects.get(template="practice_published")
    assert email.to == member.email
    assert ('published it as "Promising" rather than "Worked", the label you chose'
            in " ".join(email.body_text.split()))
    assert "One area, no comparison group yet." in email.body_text


def test_publishing_with_the_submitted_label_needs_no_reason(client, member, reviewer):
    practice = submitted(member, evidence_label="worked")
    client.force_login(reviewer)
    client.post(action_url(practice, "publish"), {"label": "worked", "label_reason": "",
                                                  "note": ""})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert [(c.label, c.reason) for c in practice.label_changes.all()] == [("worked", "")]
    assert "rather than" not in OutboxMessage.objects.get(
        template="practice_published").body_text


def test_a_revision_published_under_another_label_keeps_the_reason_in_the_live_history(
        member, reviewer):
    live = PracticeFactory(submitted_by=member, evidence_label="promising")
    domain.record_label(practice=live, actor=reviewer, at=timezone.now())
    revision = domain.create_revision(practice=live, actor=member)
    domain.submit(practice=revision, actor=member)
    domain.publish(practice=revision, actor=reviewer, label="worked",
                   label_reason="The evaluation came in.")
    live.refresh_from_db()
    assert live.evidence_label == "worked"
    assert [(c.label, c.reason) for c in live.label_changes.all()] == [
        ("worked", "The evaluation came in."), ("promising", "")]


def test_the_queue_shows_how_long_each_entry_has_waited_oldest_first(client, member, reviewer):
    now = timezone.now()
    for title, days in [("Two days", 2), ("Today", 0), ("Nine days", 9)]:
        submitted(member, title=title, submitted_at=now - datetime.timedelta(days=days, hours=1))
    submitted(member, title="Sent back", status=PracticeStatus.CHANGES_REQUESTED)
    client.force_login(reviewer)
    response = client.get(QUEUE)
    titles = [p.title for p in response.context["page"]]
    assert titles[:3] == ["Nine days", "Two days", "Today"]
    page = " ".join(response.content.decode().split())
    assert "Waiting 9 days" in page and "Waiting 2 days" in page
    assert "Waiting since today" in page
    assert "With the submitter for changes" in page
    assert "longest waiting first" in page
    newest = client.get(QUEUE, {"order": "newest"})
    assert [p.title for p in newest.context["page"]][1:] == ["Today", "Two days", "Nine days"]
