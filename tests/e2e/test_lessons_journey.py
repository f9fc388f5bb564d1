"""Learning the Lessons end to end: an editor drafts an issue (numbered for them) with two
cases and sends it for review, which emails the second editor; the gate blocks publication on a
planted name and collar number; the issue cannot change while in review, so the second editor
returns it; the author fixes one finding and overrides the other, sends it again, the second
editor publishes, the subscriber is emailed, and a reader keeps a private answer."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import LessonsIssue, Subscriber
from exchange.mail.models import OutboxMessage
from tests.e2e.conftest import assert_accessible
from tests.factories import TopicFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editors(db):
    return (staff_user("Editor", email="editor@example.org", full_name="Edie Editor"),
            staff_user("Editor", email="editor2@example.org", full_name="Sam Second"))


@pytest.fixture
def custody(db):
    return TopicFactory(name="Custody", slug="custody")


@pytest.fixture
def subscriber(custody):
    subscriber = Subscriber.objects.create(email="reader@example.org",
                                           confirmed_at=timezone.now())
    subscriber.themes.add(custody)
    return subscriber


def write_case(page, issue_pk, *, title, summary, findings, question):
    page.goto(f"/lessons/editor/cases/new/?issue={issue_pk}")
    assert_accessible(page, "case form")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Custody", exact=True).check()
    page.get_by_label("Custody staff").check()
    page.get_by_label("Summary of what happened").fill(summary)
    page.get_by_label("The investigation's findings").fill(findings)
    page.get_by_label("Reflective questions for officers and staff").fill(question)
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_an_issue_goes_through_the_gate_and_two_editors_to_readers(
        browsing, editors, custody, subscriber, member):
    author, second = editors
    page = browsing.page(author)
    page.goto("/lessons/editor/issues/new/")
    assert_accessible(page, "new issue form")
    expect(page.get_by_text("this one will be issue 1")).to_be_visible()
    expect(page.get_by_label("Issue number")).to_have_count(0)
    page.get_by_label("Theme").select_option(label="Custody")
    page.get_by_label("Title", exact=True).fill("Safer custody")
    page.get_by_role("button", name="Save the draft").click()
    issue = LessonsIssue.objects.get(title="Safer custody")
    assert issue.number == 1

    write_case(page, issue.pk, title="Rousing checks recorded but not done",
               summary="PC Smith recorded checks without entering the cell.",
               findings="The officer with collar number 5678 signed the record.",
               question="What would you do if asked to sign for a check you did not see?")
    expect(page.locator("mark.exchange-finding").first).to_be_visible()
    assert_accessible(page, "case edit page with findings")
    write_case(page, issue.pk, title="Medication lost at handover",
               summary="A detainee's medication was not passed on at the shift change.",
               findings="The handover was verbal only.",
               question="What do you write down at handover?")

    page.goto(f"/lessons/editor/issues/{issue.pk}/")
    expect(page.get_by_text("2 possible identifiers found")).to_be_visible()
    assert_accessible(page, "issue edit page")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("In review")
    assert list(OutboxMessage.objects.filter(template="lessons_review_requested")
                .values_list("to", flat=True)) == [second.email]

    reviewer_page = browsing.page(second)
    reviewer_page.goto(f"/lessons/editor/issues/{issue.pk}/")
    reviewer_page.get_by_role("button", name="Approve and publish").click()
    expect(reviewer_page.locator(".govuk-notification-banner")).to_contain_text(
        re.compile("found 2 possible identifiers"))
    issue.refresh_from_db()
    assert issue.status == EditorialStatus.IN_REVIEW

    # In review nothing changes under the second editor: the author's case page says so.
    page.get_by_role("link", name="Rousing checks recorded but not done").first.click()
    expect(page.get_by_text("with a second editor for review, so it cannot be changed")
           ).to_be_visible()
    expect(page.get_by_label("Summary of what happened")).to_have_count(0)
    reviewer_page.get_by_label("What needs to change?").fill("Remove PC Smith's name.")
    reviewer_page.get_by_role("button", name="Return to draft").click()
    expect(reviewer_page.locator(".govuk-caption-l")).to_contain_text("Draft")

    # The author fixes the name and overrides the collar number with a reason.
    page.reload()
    page.get_by_label("Summary of what happened").fill(
        "An officer recorded checks without entering the cell.")
    page.get_by_role("button", name="Save and check").click()
    page.get_by_text("Override “collar number 5678”").click()
    page.get_by_label("Why is this not identifying?").fill(
        "The number is invented for the case study and matches no officer.")
    page.get_by_role("button", name="Override with this reason").click()
    expect(page.get_by_text("Nothing that could identify a person was found")).to_be_visible()
    page.goto(f"/lessons/editor/issues/{issue.pk}/")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("In review")

    reviewer_page.goto(f"/lessons/editor/issues/{issue.pk}/")
    reviewer_page.get_by_role("button", name="Approve and publish").click()
    expect(reviewer_page.locator(".govuk-notification-banner--success")).to_contain_text(
        "published")
    issue.refresh_from_db()
    assert issue.status == EditorialStatus.PUBLISHED and issue.reviewed_by == second
    email = OutboxMessage.objects.get(template="lessons_issue_published")
    assert email.to == "reader@example.org"
    assert "/lessons/unsubscribe/" in email.body_text

    reader = browsing.page(member)
    reader.goto("/lessons/")
    assert_accessible(reader, "archive")
    reader.get_by_role("link", name="Safer custody").click()
    assert_accessible(reader, "issue page")
    reader.get_by_role("link", name="Rousing checks recorded but not done").click()
    assert_accessible(reader, "case page")
    reader.get_by_label("What would you do if asked to sign for a check you did not see?").fill(
        "Refuse, and tell the custody sergeant.")
    reader.get_by_role("button", name="Save my answers").click()
    reader.get_by_role("link", name="your learning record").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Your learning record")
    expect(reader.get_by_text("Refuse, and tell the custody sergeant.")).to_be_visible()
    assert_accessible(reader, "learning record")


@pytest.mark.parametrize("path", ["/lessons/cases/", "/lessons/cases/factors/",
                                  "/lessons/subscribe/", "/lessons/themes/",
                                  "/lessons/editor/", "/lessons/editor/themes/"])
def test_other_lessons_pages_are_accessible(browsing, editors, custody, path):
    page = browsing.page(editors[0])
    page.goto(path)
    assert_accessible(page, path)
