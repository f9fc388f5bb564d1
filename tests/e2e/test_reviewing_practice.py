"""A reviewer asks for changes, the member sends it again, the reviewer publishes it, and
then anyone can find it by searching."""

import re

import pytest
from playwright.sync_api import expect

from exchange.practice import domain
from exchange.practice.enums import PracticeStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submission(member):
    practice = domain.create_draft(submitted_by=member, data={
        "title": "Hotspot patrols on the seafront", "summary": "Short visible patrols.",
        "evidence_label": "promising", "description": "Fifteen-minute patrols at hotspots.",
        "organisation": member.organisation, "mechanism": "Visible deterrence.",
        "implementation": "Two officers a shift.", "focus": ["prevention"]})
    domain.submit(practice=practice, actor=member)
    return practice


def test_changes_requested_then_resubmitted_then_published_then_found(
        browsing, member, reviewer, submission):
    staff = browsing.page(reviewer)
    staff.goto("/practice/review/")
    staff.get_by_role("link", name="Hotspot patrols on the seafront").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Hotspot patrols on the seafront")
    staff.get_by_label("What needs to change?").fill("Please say what the patrols cost.")
    staff.get_by_role("button", name="Ask for changes").click()
    submission.refresh_from_db()
    assert submission.status == PracticeStatus.CHANGES_REQUESTED

    writer = browsing.page(member)
    writer.goto(f"/practice/{submission.pk}/edit/")
    expect(writer.get_by_text("Please say what the patrols cost.")).to_be_visible()
    writer.get_by_role("link", name="Results and evidence").click()
    writer.get_by_label("Cost: what did it cost, and what did it save?").fill(
        "About £400 a week in overtime.")
    writer.get_by_role("button", name="Save and continue").click()
    writer.get_by_role("link", name="Check your answers and send").click()
    writer.get_by_role("button", name="Send it again").click()
    expect(writer.locator(".govuk-panel__title")).to_have_text("Sent for review")
    submission.refresh_from_db()
    assert submission.status == PracticeStatus.SUBMITTED

    staff.goto(f"/practice/{submission.pk}/review/")
    staff.get_by_role("link", name=re.compile(r"^Publish")).click()
    staff.locator("main").get_by_role("button", name=re.compile(r"^Publish")).click()
    submission.refresh_from_db()
    assert submission.status == PracticeStatus.PUBLISHED
    assert submission.economic_cost == "About £400 a week in overtime."

    public = browsing.page()
    public.goto("/practice/")
    public.get_by_label("Search practice").fill("seafront patrols")
    public.get_by_label("Search practice").press("Enter")
    expect(public.locator("#results-heading")).to_contain_text("1 entry matching")
    public.get_by_role("link", name="Hotspot patrols on the seafront").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Hotspot patrols on the seafront")
    expect(public.get_by_text("About £400 a week in overtime.")).to_be_visible()
