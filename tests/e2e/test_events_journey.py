"""Registering for an event and cancelling, in the browser: a member finds the event in the
list, filters by topic, registers, sees how to join and the event in "Your events", cancels
(with a confirmation page), and the place goes to the person waiting. A second member joins the
waiting list of the full event and accepts the place offered. Every page is checked with
axe-core, and the list, the event and "Your events" at 375 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.events.enums import RegistrationStatus
from exchange.events.models import Event, Registration
from tests.e2e.conftest import assert_accessible, too_wide
from tests.events.factories import EventFactory
from tests.factories import TopicFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
JOINING = "https://meet.example.org/journey-room"


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


@pytest.fixture
def event(db):
    demand = TopicFactory(name="Demand management", slug="demand-management")
    starts = timezone.now() + datetime.timedelta(days=9)
    EventFactory(title="Unrelated workshop", slug="unrelated-workshop", kind="workshop")
    return EventFactory(title="Managing demand in the control room", slug="managing-demand",
                        capacity=1, topics=[demand], joining_details=JOINING, starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=1),
                        registration_closes_at=starts)


def test_registering_for_an_event_and_cancelling(browsing, event, force, member, colleague):
    page = browsing.page(member)
    visit(page, "/events/", "the events list")
    page.get_by_label("Topic").select_option("demand-management")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("link", name="Managing demand in the control room")).to_be_visible()
    expect(page.get_by_role("link", name="Unrelated workshop")).to_have_count(0)
    assert_accessible(page, "the events list, filtered")
    page.get_by_role("link", name="Managing demand in the control room").click()
    expect(page.get_by_text("1 place left.")).to_be_visible()
    expect(page.get_by_text(JOINING)).to_have_count(0)
    assert_accessible(page, "the event, before registering")

    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered. We have emailed you the details.")).to_be_visible()
    expect(page.get_by_text(JOINING)).to_be_visible()
    assert_accessible(page, "the event, registered")
    assert Registration.objects.get(user=member).status == RegistrationStatus.REGISTERED

    # The colleague finds it full and joins the waiting list.
    other = browsing.page(colleague)
    visit(other, event.get_absolute_url(), "the full event")
    other.get_by_role("button", name="Join the waiting list").click()
    expect(other.get_by_text("you are on the waiting list", exact=False).first).to_be_visible()
    assert_accessible(other, "the event, waiting")

    visit(page, "/events/mine/", "your events")
    expect(page.get_by_text("Registered")).to_be_visible()

    # The member cancels, confirming first; the place is offered to the colleague.
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Cancel your registration").click()
    assert_accessible(page, "cancel your registration")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(page.get_by_text(JOINING)).to_have_count(0)
    assert Registration.objects.get(user=member).status == RegistrationStatus.CANCELLED

    visit(other, event.get_absolute_url(), "the event, a place offered")
    other.get_by_role("link", name="Accept or decline the place").click()
    assert_accessible(other, "the offer")
    other.get_by_role("button", name="Accept the place").click()
    expect(other.get_by_text("You have accepted the place: you are registered.")).to_be_visible()
    expect(other.get_by_text(JOINING)).to_be_visible()
    assert Registration.objects.filter(event=Event.objects.get(pk=event.pk), user=colleague,
                                       status=RegistrationStatus.REGISTERED).exists()

    # At a phone's width none of the pages is wider than the screen.
    other.set_viewport_size(PHONE)
    for path, where in (("/events/", "the list"), (event.get_absolute_url(), "the event"),
                        ("/events/mine/", "your events")):
        other.goto(path)
        assert too_wide(other, where) is None, too_wide(other, where)
