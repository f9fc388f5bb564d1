"""A small grant application in the browser, from draft to decision: Kent's lead starts an
application, saves a half-written draft and comes back to it, is told what is missing, finishes
and submits it; the organiser closes the call and assigns a reviewer (never a Kent one) to the
panel; the reviewer scores each criterion; the organiser reads the ranking and funds it; the
lead sees the decision. Every page is checked with axe-core, and the lead's pages at 375 px."""

import re

import pytest
from playwright.sync_api import expect

from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication
from exchange.mail.models import OutboxMessage
from tests.e2e.conftest import assert_accessible, too_wide
from tests.factories import member_of, staff_user
from tests.grants.factories import make_call, programme_year

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


def fits_a_phone(page, where):
    page.set_viewport_size(PHONE)
    assert too_wide(page, where) is None, too_wide(page, where)
    page.set_viewport_size({"width": 1100, "height": 900})


def test_a_grant_application_from_draft_to_decision(browsing, lead, force, other_force):
    call = make_call(programme_year(force, other_force), slug="neighbourhoods",
                     title="Problem solving in neighbourhoods")
    organiser = staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")
    reviewer = staff_user("Reviewer", email="reviewer@example.org", full_name="Riley Reviewer")
    kent_reviewer = member_of(force, email="kim@kent.police.uk", full_name="Kim Kentish")
    kent_reviewer.groups.add(*reviewer.groups.all())

    # The lead finds the call and starts an application.
    applicant = browsing.page(lead)
    visit(applicant, "/grants/", "the calls")
    applicant.get_by_role("link", name="Problem solving in neighbourhoods").click()
    assert_accessible(applicant, "the call")
    fits_a_phone(applicant, "the call")
    applicant.get_by_role("link", name="Start an application").click()
    assert_accessible(applicant, "start an application")
    applicant.get_by_role("button", name="Start the application").click()

    # A half-written draft saves; the lead comes back to it later.
    assert_accessible(applicant, "the draft")
    fits_a_phone(applicant, "the draft")
    applicant.get_by_label("Project title").fill("Fewer repeat calls from the Parade")
    applicant.locator("#id_line_1_item").fill("Youth worker sessions")
    applicant.locator("#id_line_1_amount").fill("3000")
    applicant.get_by_role("button", name="Save and come back later").click()
    expect(applicant.get_by_text("Your draft is saved")).to_be_visible()
    assert_accessible(applicant, "the application, a draft")
    application = GrantApplication.objects.get(call=call)
    visit(applicant, f"/grants/applications/{application.pk}/edit/", "the draft, again")
    expect(applicant.get_by_label("Project title")).to_have_value(
        "Fewer repeat calls from the Parade")

    # Checking it names each missing part; the lead finishes it and submits.
    applicant.get_by_role("button", name="Save and check before submitting").click()
    applicant.get_by_role("button", name="Submit the application").click()
    summary = applicant.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the project's aims")).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("Enter the evaluation plan"))).to_be_visible()
    assert_accessible(applicant, "submit, with what is missing")
    summary.get_by_role("link", name="Enter the project's aims").click()
    applicant.get_by_label("Aims").fill("Halve repeat calls about the Parade.")
    applicant.get_by_label("Method").fill("A problem-solving plan with the shopkeepers.")
    applicant.get_by_label("Evaluation plan").fill("Calls for service, before and after.")
    applicant.get_by_label("Partners").fill("Thanet Council (with Margate Youth Trust)")
    applicant.get_by_role("button", name="Save and check before submitting").click()
    assert_accessible(applicant, "check and submit")
    fits_a_phone(applicant, "check and submit")
    applicant.get_by_role("button", name="Submit the application").click()
    expect(applicant.get_by_text("Your application is submitted")).to_be_visible()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    # The organiser closes the call and assigns the panel: the Kent reviewer is not offered.
    staff = browsing.page(organiser)
    visit(staff, "/grants/manage/", "run small grants")
    staff.get_by_role("link", name="Problem solving in neighbourhoods").click()
    assert_accessible(staff, "the call's ranking")
    staff.get_by_role("link", name="Close it for assessment").click()
    assert_accessible(staff, "close for assessment")
    staff.get_by_role("button", name="Close it for assessment").click()
    call.refresh_from_db()
    assert call.status == CallStatus.ASSESSING
    staff.get_by_role("link", name=re.compile("^Panel")).click()
    assert_accessible(staff, "the panel")
    expect(staff.get_by_label("Kim Kentish")).to_have_count(0)
    staff.get_by_label("Riley Reviewer").check()
    staff.get_by_role("button", name="Save the panel").click()
    expect(staff.get_by_text("0 of 1 scored")).to_be_visible()

    # The reviewer scores each criterion on their own page.
    assessor = browsing.page(reviewer)
    visit(assessor, "/grants/assess/", "your scoring")
    assessor.get_by_role("link", name="Fewer repeat calls from the Parade").click()
    assert_accessible(assessor, "the scoring page")
    assessor.get_by_role("button", name="Save your scores").click()
    expect(assessor.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(assessor, "the scoring page, with errors")
    for criterion in call.criteria.all():
        assessor.locator(f"#id_score_{criterion.pk}_4").check()
        assessor.get_by_label(f"Comment on “{criterion.name}”").fill("A clear plan.")
    assessor.get_by_role("button", name="Save your scores").click()
    expect(assessor.get_by_text("Your scores are saved")).to_be_visible()

    # The organiser reads the ranking and funds it.
    visit(staff, f"/grants/manage/{call.slug}/", "the ranking, scored")
    expect(staff.locator("#ranking")).to_contain_text("4.00")
    staff.get_by_role("link", name=re.compile("^Decide")).click()
    assert_accessible(staff, "the decision")
    staff.get_by_label("Fund it", exact=True).check()
    staff.get_by_label("Amount awarded (£)").fill("3000")
    staff.get_by_label("Feedback for the applicant").fill("A clear, measurable plan.")
    staff.get_by_role("button", name="Record the decision").click()
    expect(staff.get_by_text("The decision is recorded")).to_be_visible()
    assert OutboxMessage.objects.filter(template="grant_decision", to=lead.email).exists()

    # The lead sees the decision.
    visit(applicant, f"/grants/applications/{application.pk}/", "the decided application")
    expect(applicant.locator("#decision")).to_contain_text("£3,000 awarded")
    expect(applicant.get_by_text("A clear, measurable plan.")).to_be_visible()
    fits_a_phone(applicant, "the decided application")
    visit(applicant, "/grants/applications/", "your applications")
    fits_a_phone(applicant, "your applications")
