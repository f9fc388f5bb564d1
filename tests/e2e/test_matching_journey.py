"""A peer-matching group in the browser, from its topic guide to its overall report: staff form a
group of four forces and start the guide, two leads propose questions and one comments, staff
include them and finalise the guide, each force sends its submission (the last one shares them),
staff schedule a host day and its calendar file is downloaded, staff move to reporting, edit the
overall report drafted from the answers and share it, and a lead reads it and downloads the PDF.
Every new page is checked with axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.support.enums import GroupStatus, QuestionStatus
from exchange.support.models import GuideQuestion, HostDay, MatchingGroup, Submission
from tests.access import force_named
from tests.e2e.conftest import assert_accessible
from tests.factories import TopicFactory, staff_user
from tests.support.factories import lead_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORCES = [
    ("kent-police", "Kent Police", "kent.police.uk", "south_east"),
    ("essex-police", "Essex Police", "essex.police.uk", "eastern"),
    ("merseyside-police", "Merseyside Police", "merseyside.police.uk", "north_west"),
    ("lancashire-constabulary", "Lancashire Constabulary", "lancashire.police.uk", "north_west"),
]
QUESTIONS = ["How do you choose which problems to work on?",
             "How do you know a problem-solving plan worked?"]


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def leads(db):
    """Each force's lead, by force name."""
    return {name: lead_of(force_named(slug, name, domain, region),
                          email=f"lead@{domain}", full_name=f"{name.split()[0]} Lead")
            for slug, name, domain, region in FORCES}


def visit(page, path, where):
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    assert_accessible(page, where)


def test_a_matching_group_from_its_guide_to_the_overall_report(browsing, organiser, leads):
    TopicFactory(name="Problem solving", slug="problem-solving")
    TopicFactory(name="Neighbourhood policing", slug="neighbourhood-policing")
    pages = {name: browsing.page(lead) for name, lead in leads.items()}
    kent, essex, merseyside, lancashire = (pages[name] for _, name, _, _ in FORCES)

    # Staff form the group from the form and start the guide.
    staff = browsing.page(organiser)
    visit(staff, "/support/matching/", "peer matching, as staff")
    visit(staff, "/support/matching/new/", "form a group")
    staff.get_by_label("Title").fill("Problem solving, autumn group")
    staff.get_by_label("Topic", exact=True).select_option(label="Problem solving")
    for _, name, _, _ in FORCES:
        staff.get_by_label(name, exact=True).check()
    staff.get_by_role("button", name="Form the group").click()
    expect(staff.get_by_text("The group Problem solving, autumn group is formed.")).to_be_visible()
    assert_accessible(staff, "the group, forming")
    group = MatchingGroup.objects.get()
    assert group.forces.count() == 4
    staff.get_by_role("link", name="Start the topic guide").click()
    assert_accessible(staff, "start the topic guide")
    staff.locator("main").get_by_role("button", name="Start the topic guide").click()
    group.refresh_from_db()
    assert group.status == GroupStatus.GUIDE

    # Two leads propose questions; a third comments on one.
    for page, question in ((kent, QUESTIONS[0]), (essex, QUESTIONS[1])):
        visit(page, f"/support/matching/{group.pk}/guide/", "the topic guide, as a lead")
        page.get_by_label("Your question").fill(question)
        page.get_by_role("button", name="Propose the question").click()
        expect(page.get_by_text("Your question is proposed.")).to_be_visible()
    first = GuideQuestion.objects.get(text=QUESTIONS[0])
    visit(merseyside, f"/support/matching/{group.pk}/guide/", "the guide with questions")
    card = merseyside.locator(f"#question-{first.pk}")
    card.get_by_label("Comment on this question").fill("Do you count repeat calls?")
    card.get_by_role("button", name=re.compile("Add the comment")).click()
    expect(merseyside.get_by_text("Your comment is added.")).to_be_visible()
    expect(merseyside.locator(f"#question-{first.pk}")).to_contain_text("Do you count repeat calls?")
    assert_accessible(merseyside, "the guide with a comment")

    # Staff include both questions and finalise the guide.
    visit(staff, f"/support/matching/{group.pk}/guide/", "the guide, as staff")
    for question in QUESTIONS:
        staff.get_by_role("button", name=f"Include “{question}”").click()
        expect(staff.get_by_text("The question is in the guide.")).to_be_visible()
    assert GuideQuestion.objects.filter(group=group, status=QuestionStatus.INCLUDED).count() == 2
    staff.get_by_role("link", name="Finalise the guide").click()
    assert_accessible(staff, "finalise the guide")
    staff.locator("main").get_by_role("button", name="Finalise the topic guide").click()
    group.refresh_from_db()
    assert group.status == GroupStatus.SUBMISSIONS

    # Each lead writes and sends the force's submission; the last one shares them all.
    for n, (_, name, _, _) in enumerate(FORCES):
        page = pages[name]
        visit(page, f"/support/matching/{group.pk}/submission/", f"{name}'s submission")
        page.get_by_label(f"1. {QUESTIONS[0]}").fill(
            f"{name} chooses problems from repeat demand and community concerns.")
        page.get_by_label(f"2. {QUESTIONS[1]}").fill(
            f"{name} compares repeat calls before and after the plan.")
        if n == 0:
            page.get_by_label("Processes or activities you would like to see").fill(
                "The weekly problem-solving panel.")
        page.get_by_role("button", name="Send the submission").click()
        expect(page.get_by_text("Your submission is sent.")).to_be_visible()
        if n == 0:
            assert_accessible(page, "submissions, before all are sent")
    assert Submission.objects.filter(group=group, submitted_at__isnull=False).count() == 4
    group.refresh_from_db()
    assert group.status == GroupStatus.HOST_DAYS and group.submissions_released_at
    assert_accessible(lancashire, "submissions, shared")
    expect(lancashire.locator("main")).to_contain_text("Kent Police chooses problems")

    # Staff schedule a host day; its calendar file downloads.
    visit(staff, f"/support/matching/{group.pk}/host-days/", "host days")
    staff.get_by_label("Host force").select_option(label="Essex Police")
    day = timezone.localdate() + datetime.timedelta(days=21)
    staff.get_by_label("Date").fill(day.isoformat())
    staff.get_by_label("Starts at").fill("10:00")
    staff.get_by_label("Ends at").fill("15:00")
    staff.get_by_label("The workshop is online").check()
    staff.get_by_label("Joining details").fill("Teams meeting, link in the invitation.")
    staff.get_by_role("button", name="Schedule and send invitations").click()
    expect(staff.get_by_text("The host day at Essex Police is scheduled.")).to_be_visible()
    assert_accessible(staff, "host days, one scheduled")
    host_day = HostDay.objects.get(group=group)
    visit(essex, f"/support/matching/{group.pk}/host-days/", "host days, as a lead")
    ics = essex.request.get(essex.get_by_role("link", name=re.compile("Add to calendar"))
                            .get_attribute("href"))
    assert ics.status == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert ics.text().startswith("BEGIN:VCALENDAR") and f"host-day-{host_day.pk}" in \
        ics.headers["content-disposition"]

    # Staff move to reporting, edit the pre-drafted overall report and share it.
    staff.goto(f"/support/matching/{group.pk}/")
    staff.get_by_role("link", name="Start reporting").click()
    staff.locator("main").get_by_role("button", name="Start reporting").click()
    group.refresh_from_db()
    assert group.status == GroupStatus.REPORTING
    visit(staff, f"/support/matching/{group.pk}/reports/", "reports, as staff")
    overall = staff.get_by_label("Overall report")
    drafted = overall.input_value()
    assert QUESTIONS[0] in drafted and "repeat demand" in drafted
    overall.fill("## Themes\n\nEvery force starts from repeat demand.\n\n" + drafted)
    staff.get_by_role("button", name="Save the overall report").click()
    expect(staff.get_by_text("The overall report is saved.")).to_be_visible()
    staff.get_by_role("link", name="Share the overall report").click()
    assert_accessible(staff, "share the overall report")
    staff.locator("main").get_by_role("button", name="Share the overall report").click()
    group.refresh_from_db()
    assert group.status == GroupStatus.CLOSED and group.overall_report_shared_at

    # A lead reads it and downloads the PDF.
    visit(kent, f"/support/matching/{group.pk}/reports/", "reports, shared")
    expect(kent.get_by_text("Every force starts from repeat demand.")).to_be_visible()
    pdf = kent.request.get(kent.get_by_role("link", name="PDF of the overall report")
                           .get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # The finished group's guide stays readable to its forces (its pages link to it).
    visit(kent, f"/support/matching/{group.pk}/guide/", "the finalised guide, group closed")
    expect(kent.locator("main")).to_contain_text(QUESTIONS[1])
    expect(kent.get_by_role("button", name="Propose the question")).to_have_count(0)
