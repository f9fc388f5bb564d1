"""A lead's request for peer support, in the browser from asking to the action plan: Kent's lead
asks for a peer review (an empty form first), staff start scoping and propose terms, the lead
proposes a second version, both accept it, the lead scores the force against the matrix, staff
assemble the team from the ranked candidates, a peer from another force accepts, the engagement
starts, the peer writes the report, staff issue it, and the lead downloads it and plans actions.
Every new page is checked with axe-core, and the request and self-assessment pages at 375 px."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from exchange.support.enums import RequestStatus, TeamStatus
from exchange.support.models import MatrixDimension, SupportRequest, TeamMember
from tests.access import force_named
from tests.e2e.conftest import assert_accessible, too_wide
from tests.factories import TopicFactory, UserFactory, member_of, staff_user
from tests.support.factories import PeerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


def install_matrix():
    """The shipped matrix (browser tests flush what the data migration made)."""
    import_module("exchange.support.migrations.0002_matrix").add_matrix(apps, None)
    return list(MatrixDimension.objects.filter(active=True).order_by("order"))


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def investigations(db):
    return TopicFactory(name="Investigations", slug="investigations")


@pytest.fixture
def peer(investigations):
    merseyside = force_named("merseyside-police", "Merseyside Police", "merseyside.police.uk",
                             "north_west")
    user = member_of(merseyside, email="peer@merseyside.police.uk", full_name="Pip Peer")
    return PeerFactory(user=user, organisation=merseyside, expertise=[investigations],
                       rank_or_grade="Detective Inspector")


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


def date_input(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_peer_review_from_asking_to_the_action_plan(
    browsing, organiser, lead, force, investigations, peer
):
    dimensions = install_matrix()
    # An approved peer from Kent itself is in the pool too: the ranking never proposes them.
    PeerFactory(user=UserFactory(email="kent.peer@kent.police.uk", full_name="Kim Kentish"),
                organisation=force, expertise=[investigations])

    # The lead asks for a peer review: the empty form is refused first, with a summary.
    asker = browsing.page(lead)
    visit(asker, "/support/requests/new/", "ask for support")
    asker.get_by_role("button", name="Send the request").click()
    assert_accessible(asker, "ask for support, with errors")
    summary = asker.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("issue", re.I))).to_be_visible()
    asker.get_by_label("What is the issue?").fill(
        "Investigation files take too long to reach a charging decision.")
    asker.get_by_label("What success would look like").fill(
        "Files reach the Crown Prosecution Service in half the time.")
    asker.get_by_label("Peer review (two to three days, by a team of peers)").check()
    asker.get_by_label("Virtual").check()
    asker.get_by_label("Investigations").check()
    asker.get_by_label("Earliest date").fill(date_input(30))
    asker.get_by_label("Latest date").fill(date_input(90))
    asker.get_by_role("button", name="Send the request").click()
    expect(asker.get_by_text("Your request has been sent.")).to_be_visible()
    support = SupportRequest.objects.get()
    assert (support.organisation, support.requested_by, support.status) == (
        force, lead, RequestStatus.SUBMITTED)
    assert list(support.topics.all()) == [investigations]
    assert_accessible(asker, "the request, as its lead")

    # Staff start scoping and propose version 1 of the terms.
    staff = browsing.page(organiser)
    visit(staff, "/support/requests/", "requests, as staff")
    visit(staff, f"/support/requests/{support.pk}/", "the request, as staff")
    staff.get_by_role("link", name="Start scoping", exact=True).click()
    assert_accessible(staff, "start scoping")
    staff.locator("main").get_by_role("button", name="Start scoping").click()
    expect(staff.locator("main .govuk-tag").first).to_contain_text("Agreeing terms")
    staff.goto(f"/support/requests/{support.pk}/terms/")
    assert_accessible(staff, "terms, none yet")
    staff.get_by_label("Scope").fill("Investigation file quality in the two largest districts.")
    staff.get_by_label("Questions the support will answer").fill(
        "Where do files wait, and why?\nWhat do supervisors check?")
    staff.get_by_label("Deliverables").fill("A report with recommendations.")
    staff.get_by_label("First day").fill(date_input(40))
    staff.get_by_label("Last day").fill(date_input(42))
    staff.get_by_label("Number of peers").fill("3")
    staff.get_by_role("button", name="Propose this version").click()
    expect(staff.get_by_text("Version 1 of the terms of reference is proposed.")).to_be_visible()
    assert_accessible(staff, "terms, version 1")

    # The lead proposes version 2 with a change; its changes are shown against version 1.
    visit(asker, f"/support/requests/{support.pk}/terms/", "terms, as the lead")
    asker.get_by_label("Number of peers").fill("2")
    asker.get_by_label("What changed in this version").fill("Two peers are enough for us.")
    asker.get_by_role("button", name="Propose this version").click()
    expect(asker.get_by_text("Version 2 of the terms of reference is proposed.")).to_be_visible()
    changes = asker.get_by_role("table").filter(has_text="Changed since version 1")
    expect(changes.get_by_role("row", name=re.compile("Number of peers"))).to_contain_text("3")
    assert_accessible(asker, "terms, version 2, as the lead")

    # Both sides accept version 2, each in their own browser.
    asker.get_by_role("button", name="Accept version 2").click()
    expect(asker.get_by_text("You have accepted version 2.")).to_be_visible()
    staff.goto(f"/support/requests/{support.pk}/terms/")
    staff.get_by_role("button", name="Accept version 2").click()
    expect(staff.get_by_text("The terms of reference are agreed: version 2.")).to_be_visible()
    assert_accessible(staff, "terms, agreed")
    support.refresh_from_db()
    assert support.status == RequestStatus.AGREED and support.agreed_terms.number == 2

    # The lead fills the self-assessment: levels, targets and evidence, then sees the chart.
    visit(asker, f"/support/requests/{support.pk}/self-assessment/", "self-assessment form")
    for n, dimension in enumerate(dimensions):
        level, target = 1 + n % 3, 4
        asker.locator(f"input[name=level_{dimension.pk}][value='{level}']").check()
        asker.locator(f"input[name=target_{dimension.pk}][value='{target}']").check()
        asker.locator(f"textarea[name=evidence_{dimension.pk}]").fill(
            f"From the 2025 inspection ({dimension.name}).")
    asker.get_by_role("button", name="Submit the self-assessment").click()
    expect(asker.get_by_text("The self-assessment is submitted.")).to_be_visible()
    expect(asker.locator("svg.exchange-chart[role=img]")).to_be_visible()
    scores = asker.get_by_role("table").filter(has_text="Scores and gaps")
    expect(scores.get_by_role("row", name=re.compile(dimensions[0].name))).to_contain_text("3")
    assert_accessible(asker, "self-assessment, submitted")

    # Staff see the ranked candidates with reasons, never Kent's own peer, and invite one.
    visit(staff, f"/support/requests/{support.pk}/team/", "assemble the team")
    candidates = staff.get_by_role("table").filter(has_text="Candidate peers")
    row = candidates.get_by_role("row", name=re.compile("Pip Peer"))
    expect(row).to_contain_text("Investigations")
    expect(candidates).not_to_contain_text("Kim Kentish")
    row.get_by_role("button", name=re.compile("Invite")).click()
    expect(staff.get_by_text("Pip Peer has been invited")).to_be_visible()
    assert_accessible(staff, "the team, with an invitation")
    member = TeamMember.objects.get(request=support)
    assert member.status == TeamStatus.INVITED and member.reasons

    # The peer accepts on their invitation page.
    helper = browsing.page(peer.user)
    visit(helper, f"/support/invitations/{member.pk}/", "invitation")
    helper.get_by_label("Yes, I accept").check()
    helper.get_by_role("button", name="Send your answer").click()
    expect(helper.get_by_text("Thank you: you are on the team.")).to_be_visible()
    assert_accessible(helper, "invitation, accepted")

    # Staff set the engagement's dates and agenda and start it.
    visit(staff, f"/support/requests/{support.pk}/engagement/", "the engagement")
    staff.get_by_label("First day").fill(date_input(41))
    staff.get_by_label("Last day").fill(date_input(43))
    staff.get_by_label("Agenda").fill("- Day 1: meet the file review team\n- Day 2: supervisors")
    staff.get_by_role("button", name="Save the dates and agenda").click()
    expect(staff.get_by_text("The dates and agenda have been saved.")).to_be_visible()
    staff.get_by_role("button", name="Start the engagement").click()
    expect(staff.get_by_text("The engagement has started.")).to_be_visible()
    assert_accessible(staff, "the engagement, under way")

    # The peer writes the findings and recommendations.
    visit(helper, f"/support/requests/{support.pk}/report/", "the report, as the peer")
    helper.get_by_label("Findings").fill("## Where files wait\n\nFiles wait a week for a "
                                         "supervisor's check.")
    helper.get_by_label("Recommendations").fill(
        "Let sergeants sign off simple files.\n\nTrack the age of every file weekly.")
    helper.get_by_role("button", name="Save the draft").click()
    expect(helper.get_by_text("The report has been saved.")).to_be_visible()
    assert support.recommendations.count() == 2

    # Staff issue it.
    visit(staff, f"/support/requests/{support.pk}/report/", "the report, as staff")
    staff.get_by_role("button", name="Issue the report to Kent Police").click()
    expect(staff.get_by_text("The report has been issued.")).to_be_visible()
    support.refresh_from_db()
    assert support.status == RequestStatus.FOLLOW_UP and support.report_issued_at

    # The lead reads it, downloads the PDF and fills the action plan.
    visit(asker, f"/support/requests/{support.pk}/report/", "the report, issued")
    expect(asker.get_by_text("Files wait a week for a supervisor's check.")).to_be_visible()
    pdf_link = asker.get_by_role("link", name="PDF of the report")
    pdf = asker.request.get(pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    asker.get_by_role("link", name="See the force's action plan").click()
    assert_accessible(asker, "the action plan")
    asker.get_by_role("link", name="Add the action for recommendation 1").click()
    assert_accessible(asker, "the action plan, adding an action")
    asker.get_by_label("What the force will do").fill("Sergeants sign off simple files.")
    asker.get_by_label("Who is responsible").fill("Head of investigations")
    asker.get_by_label("By when").fill(date_input(120))
    asker.get_by_label("In progress").check()
    asker.get_by_label("Progress so far").fill("A pilot started in one district.")
    asker.get_by_role("button", name="Save the action").click()
    expect(asker.get_by_text("The action for recommendation 1 has been saved.")).to_be_visible()
    card = asker.locator("#recommendation-1")
    expect(card).to_contain_text("Head of investigations")
    expect(card).to_contain_text("In progress")
    assert_accessible(asker, "the action plan, with an action")

    # At a phone's width neither the request nor the self-assessment is wider than the screen.
    asker.set_viewport_size(PHONE)
    for path, where in ((f"/support/requests/{support.pk}/", "the request"),
                        (f"/support/requests/{support.pk}/self-assessment/", "self-assessment")):
        asker.goto(path)
        assert too_wide(asker, where) is None, too_wide(asker, where)
