"""Reviewers hear of entries sent for review: an email for each, or one summary a day, as each
chooses on their account."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.scheduling import tick
from exchange.mail.models import OutboxMessage
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.periodic import JOBS
from tests.factories import PracticeFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily_reviewer(db):
    return staff_user("Reviewer", email="daily@example.org", full_name="Dana Daily",
                      review_emails="daily")


def draft(by, **fields):
    fields.setdefault("status", PracticeStatus.DRAFT)
    return PracticeFactory(submitted_by=by, published_at=None, **fields)


def sent_to(address, template):
    return list(OutboxMessage.objects.filter(to=address, template=template)
                .order_by("created_at", "id"))


def test_a_reviewer_who_chose_each_is_emailed_when_an_entry_is_sent_and_sent_again(
        member, reviewer, daily_reviewer):
    practice = draft(member, title="Street triage")
    domain.submit(practice=practice, actor=member)
    [first] = sent_to(reviewer.email, "practice_sent_for_review")
    assert first.subject == "Action needed: new practice to review: Street triage"
    assert reverse("practice:review", args=[practice.pk]) in first.body_text
    assert "Morgan Member" in first.body_text

    domain.request_changes(practice=practice, actor=reviewer, comment="Say what it cost.")
    domain.submit(practice=practice, actor=member)
    again = sent_to(reviewer.email, "practice_sent_for_review")[1]
    assert again.subject == "Action needed: changes sent back for review: Street triage"
    assert sent_to(daily_reviewer.email, "practice_sent_for_review") == []


def test_a_reviewer_sending_an_entry_is_not_told_of_it(reviewer):
    domain.submit(practice=draft(reviewer), actor=reviewer)
    assert sent_to(reviewer.email, "practice_sent_for_review") == []


def test_the_daily_summary_lists_the_day_s_entries_and_is_sent_once_a_day(
        member, reviewer, daily_reviewer):
    today = draft(member, title="Knife talks")
    domain.submit(practice=today, actor=member)
    now = timezone.now()
    older = draft(member, title="Last week's entry", status=PracticeStatus.SUBMITTED,
                  submitted_at=now - datetime.timedelta(days=6))

    assert tick(now=now, jobs=JOBS) == {"practice.review_summary": "1 entries to 1 reviewers"}
    assert tick(now=now + datetime.timedelta(hours=23), jobs=JOBS) == {}
    [summary] = sent_to(daily_reviewer.email, "practice_review_summary")
    assert summary.subject == "Action needed: 1 entry sent for review today"
    body = " ".join(summary.body_text.split())
    assert '"Knife talks", from Morgan Member' in body
    assert older.title not in body
    assert "2 entries are waiting for a reviewer; the oldest has waited 6 days" in body
    assert sent_to(reviewer.email, "practice_review_summary") == []

    # A day later, with nothing new sent, nobody is emailed.
    assert tick(now=now + datetime.timedelta(days=1), jobs=JOBS) == {
        "practice.review_summary": "nothing sent for review"}
    assert len(sent_to(daily_reviewer.email, "practice_review_summary")) == 1


def test_the_summary_job_is_found_by_the_scheduler():
    from exchange.common.scheduling import periodic_jobs
    assert "practice.review_summary" in [job.name for job in periodic_jobs()]


def test_a_reviewer_chooses_how_they_are_told_on_their_account(client, reviewer, member):
    client.force_login(reviewer)
    profile = client.get(reverse("people:profile")).content.decode()
    assert "An email for each entry as it is sent" in profile
    response = client.post(reverse("people:profile-edit"), {
        "full_name": reviewer.full_name, "job_title": "", "review_emails": "daily"})
    assert response.url == reverse("people:profile")
    reviewer.refresh_from_db()
    assert reviewer.review_emails == "daily"
    assert "One email a day listing the entries sent that day" in client.get(
        reverse("people:profile")).content.decode()

    client.force_login(member)
    assert "Entries sent for review" not in client.get(reverse("people:profile")).content.decode()
    assert 'name="review_emails"' not in client.get(
        reverse("people:profile-edit")).content.decode()
    client.post(reverse("people:profile-edit"), {"full_name": "Morgan Member",
                                                 "review_emails": "daily"})
    member.refresh_from_db()
    assert member.review_emails == "each"
