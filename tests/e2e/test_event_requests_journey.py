"""Asking for an event and the organisers' decision, and subscribing to invitations, in the
browser: every page checked with axe-core, the error states too."""

import re

import pytest
from playwright.sync_api import expect

from exchange.events.enums import RequestStatus
from exchange.events.models import EventRequest, InvitationSubscriber
from exchange.mail.models import OutboxMessage
from tests.e2e.conftest import assert_accessible
from tests.factories import TopicFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


def path_in(template, name):
    body = OutboxMessage.objects.filter(template=template).latest("pk").body_text
    return re.search(rf"https?://[^/\s]+(/events/{name}/[^\s]+/)", body).group(1)


def test_asking_for_an_event_and_an_organiser_declining_it(browsing, member):
    TopicFactory(name="Problem solving", slug="problem-solving")
    organiser = staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")
    page = browsing.page(member)
    visit(page, "/events/request/", "asking for an event")
    page.get_by_label("Why is an event needed?").fill("Plans stall after the scan.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Why is an event needed?")).to_have_value(
        "Plans stall after the scan.")
    assert_accessible(page, "asking for an event, with errors")
    page.get_by_label("What should the event be about?").select_option(label="Problem solving")
    page.get_by_label("Who is it for?").fill("Neighbourhood teams.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    assert_accessible(page, "your requests")

    staff = browsing.page(organiser)
    visit(staff, "/events/manage/requests/", "the requests")
    staff.get_by_role("link", name=re.compile("Problem solving")).click()
    assert_accessible(staff, "a request")
    staff.get_by_label("Decline").check()
    staff.get_by_role("button", name="Save the decision").click()
    expect(staff.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(staff, "a request, declined without a reason")
    staff.get_by_label("Reason, or a message").fill("Covered by last month's seminar.")
    staff.get_by_role("button", name="Save the decision").click()
    expect(staff.get_by_text("The request is declined.")).to_be_visible()
    assert EventRequest.objects.get().status == RequestStatus.DECLINED

    visit(page, "/events/requests/mine/", "your requests, decided")
    expect(page.get_by_text("Covered by last month's seminar.")).to_be_visible()


def test_subscribing_to_invitations_confirming_and_unsubscribing(browsing):
    TopicFactory(name="Custody", slug="custody")
    page = browsing.page()
    visit(page, "/events/invitations/", "subscribing to invitations")
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("Custody").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page, "check your email")

    visit(page, path_in("event_invitations_confirm", "invitations/confirm"), "confirmed")
    expect(page.get_by_role("heading", name="You will get invitations")).to_be_visible()
    subscriber = InvitationSubscriber.objects.get()
    assert subscriber.confirmed_at is not None

    visit(page, f"/events/invitations/unsubscribe/{subscriber.token}/", "unsubscribing")
    page.get_by_role("button", name="Unsubscribe reader@example.org").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert_accessible(page, "unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
