"""Answering "Was this page useful?" in the browser, with JavaScript (in place, with fetch) and
without it (plain forms and a page of reasons), then reading the answers as staff. axe-core
checks the question, the reasons, their errors and the report; the stored rows are checked too,
with the "Other" text scrubbed of the name and contact details typed into it."""

import pytest
from playwright.sync_api import expect

from exchange.feedback import domain
from exchange.feedback.models import PageFeedback
from tests.e2e.conftest import assert_accessible
from tests.factories import staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TYPED = "Sarah Jones here: the form link is broken, email sarah@example.org or ring 07700 900123"
SCRUBBED = "[removed] here: the form link is broken, email [removed] or ring [removed]"


@pytest.fixture(autouse=True)
def _fresh_allowance():
    domain.reset_allowance(address="127.0.0.1")
    yield
    domain.reset_allowance(address="127.0.0.1")


def question(page):
    return page.locator("#page-feedback")


class WithoutScripts:
    """axe for pages seen without JavaScript: axe itself needs JavaScript, so each page's HTML is
    copied into a page of a second browser that refuses every script of the site's own."""

    def __init__(self, browsing):
        self.page = browsing.page()
        self.page.route("**/*.js", lambda route: route.abort())
        self.page.goto("/about/")

    def check(self, seen, where):
        self.page.set_content(seen.content())
        assert_accessible(self.page, where)


def test_answering_with_javascript_happens_in_place(browsing):
    page = browsing.page()
    page.goto("/about/")
    expect(question(page).get_by_role("heading", name="Was this page useful?")).to_be_visible()
    assert_accessible(page, "the question, with JavaScript")

    question(page).get_by_role("button", name="Yes this page is useful").click()
    thanks = question(page).get_by_role("heading", name="Thank you for your feedback")
    expect(thanks).to_be_focused()
    expect(page.locator("[data-page-feedback-status]")).to_have_text("Thank you for your feedback")
    assert page.url.endswith("/about/")
    assert_accessible(page, "thanks, with JavaScript")

    page.goto("/privacy/")
    expect(question(page).get_by_label("Other")).to_be_hidden()
    question(page).get_by_role("button", name="No this page is not useful").click()
    expect(question(page).get_by_role("heading", name="Why was the page not useful?")).to_be_focused()
    assert page.url.endswith("/privacy/")
    expect(question(page).get_by_text("Do not include personal information")).to_be_hidden()
    assert_accessible(page, "the reasons, in place")

    question(page).get_by_role("button", name="Send").click()
    summary = question(page).locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select why the page was not useful")
    expect(summary).to_be_focused()
    assert_accessible(page, "the reasons with an error, in place")

    question(page).get_by_label("The information is too complicated").check()
    question(page).get_by_label("Other").check()
    expect(question(page).get_by_text("Do not include personal information, such as your name, "
                                      "email address or collar number.")).to_be_visible()
    question(page).get_by_label("Tell us what was wrong").fill(TYPED)
    question(page).get_by_role("button", name="Send").click()
    expect(question(page).get_by_role("heading", name="Thank you for your feedback")).to_be_focused()
    assert page.url.endswith("/privacy/")

    yes, no = PageFeedback.objects.order_by("id")
    assert (yes.path, yes.useful) == ("/about/", True)
    assert (no.path, no.useful, no.reasons) == ("/privacy/", False, ["too_complicated", "other"])
    assert no.other_text == SCRUBBED


def test_answering_without_javascript_uses_plain_forms_and_pages(browsing):
    page = browsing.page(javascript=False)
    axe = WithoutScripts(browsing)
    page.goto("/about/")
    axe.check(page, "the question, without JavaScript")
    question(page).get_by_role("button", name="Yes this page is useful").click()
    page.wait_for_load_state()
    assert page.url.endswith("/about/?page_feedback=thanks#page-feedback")
    expect(question(page).get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    axe.check(page, "thanks, without JavaScript")

    page.goto("/privacy/")
    question(page).get_by_role("button", name="No this page is not useful").click()
    page.wait_for_load_state()
    assert "/feedback/?page=/privacy/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Why was the page not useful?")
    expect(page.get_by_text("Do not include personal information")).to_be_visible()
    axe.check(page, "the reasons page")

    page.get_by_label("Other").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter what was wrong with the page")
    expect(page.get_by_label("Other")).to_be_checked()
    axe.check(page, "the reasons page with an error")

    page.get_by_label("Tell us what was wrong").fill(TYPED)
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert page.url.endswith("/privacy/?page_feedback=thanks#page-feedback")
    expect(question(page)).to_contain_text("Thank you for your feedback")

    yes, no = PageFeedback.objects.order_by("id")
    assert (yes.path, yes.useful) == ("/about/", True)
    assert (no.path, no.useful, no.reasons, no.other_text) == (
        "/privacy/", False, ["other"], SCRUBBED)


def test_staff_read_the_answers_in_the_report(browsing):
    domain.record_answer(page="/about/", useful=True, address="192.0.2.1")
    domain.record_answer(page="/about/", useful=False, reasons=["other"], other_text=TYPED,
                         address="192.0.2.1")
    organiser = staff_user("Organiser", email="organiser@example.org")
    page = browsing.page(organiser)
    page.goto("/about/")
    page.get_by_role("link", name="Page feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Page feedback")
    expect(page.get_by_role("heading", name="2 answers, 50% useful")).to_be_visible()
    assert_accessible(page, "the report")
    page.get_by_role("link", name="/about/").click()
    expect(page.get_by_text(SCRUBBED)).to_be_visible()
    assert_accessible(page, "one page's report")
