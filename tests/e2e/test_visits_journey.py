"""The whole peer learning visit: staff open a visit, two leads apply, staff allocate, a visitor
withdraws and the waiting list is offered the place, the visit happens, visitors record learning,
staff send the host report, a visitor checks in, and the short report shows on the public list.
Every new page is checked with axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation
from exchange.visits import domain
from exchange.visits.models import CheckIn, PlaceOffer, ProgrammeYear, Visit
from tests.e2e.conftest import assert_accessible
from tests.factories import member_of, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def programme(organiser, force, other_force):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        name="This year",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    for organisation in (force, other_force):
        domain.add_member(actor=organiser, programme_year=year, organisation=organisation)
    Organisation.objects.update_or_create(
        slug="avon-trust", defaults={"name": "Avon Health Trust", "type": OrganisationType.PUBLIC_SECTOR}
    )
    return year


def local_input(moment):
    """A datetime-local input's value."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def visit_page(page, path, where):
    page.goto(path)
    assert_accessible(page, where)


def test_a_visit_from_opening_to_the_published_short_report(
    browsing, organiser, programme, lead, member, colleague, other_force
):
    essex_lead = member_of(other_force, role="lead", email="lead@essex.police.uk", full_name="Essex Lead")
    essex_colleague = member_of(other_force, email="pc@essex.police.uk", full_name="Essex Colleague")
    staff = browsing.page(organiser)

    # Staff create and open the visit.
    visit_page(staff, "/visits/manage/", "staff dashboard")
    staff.get_by_role("link", name="Create a visit").click()
    assert_accessible(staff, "create a visit")
    staff.get_by_label("Theme").fill("Mental health")
    staff.get_by_label("Title").fill("Street triage in the control room")
    staff.get_by_label("Host organisation").select_option(label="Avon Health Trust")
    staff.get_by_label("Host contact name").fill("Pat Host")
    staff.get_by_label("Host contact email").fill("pat@avon.example")
    staff.get_by_label("Date of the visit").fill(timezone.localdate().isoformat())
    staff.get_by_label("Number of places").fill("4")
    now = timezone.localtime()
    staff.get_by_label("Applications open").fill(
        (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    staff.get_by_label("Applications close").fill(
        (now + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    )
    staff.get_by_label("Key questions").fill("How is information shared?\nWhat did it cost?")
    staff.get_by_role("button", name="Save the visit").click()
    assert_accessible(staff, "running a visit")
    staff.get_by_role("link", name="Open for applications").click()
    assert_accessible(staff, "state change")
    staff.locator("main").get_by_role("button", name="Open for applications").click()
    visit = Visit.objects.get()
    assert visit.status == "open_for_applications"

    # Two leads apply.
    public = browsing.page()
    visit_page(public, "/visits/", "public list")
    visit_page(public, f"/visits/{visit.pk}/", "visit page")
    for who, people in ((lead, [member, colleague, lead]), (essex_lead, [essex_lead, essex_colleague])):
        page = browsing.page(who)
        visit_page(page, f"/visits/{visit.pk}/", "visit page as a lead")
        page.get_by_role("link", name="Apply for places").click()
        assert_accessible(page, "apply")
        for n, person in enumerate(people, start=1):
            page.locator(f"#id_visitor_{n}_email").fill(person.email)
            page.locator(f"#id_visitor_{n}_role").fill("Inspector")
            page.locator(f"#id_visitor_{n}_questions").fill("How is information shared?")
        page.get_by_role("button", name="Send the application").click()
        expect(page.get_by_text("has been sent")).to_be_visible()
    # Withdrawing asks first; keeping the application changes nothing.
    page.get_by_role("link", name="Withdraw the application").click()
    assert_accessible(page, "confirm withdrawing an application")
    page.get_by_role("link", name="Keep the application").click()
    expect(page.get_by_role("link", name="Change the application")).to_be_visible()

    # Staff allocate: Kent 2, Essex 2, Kent's third colleague waits.
    staff.goto(f"/visits/manage/{visit.pk}/")
    # Applications are still open, so the page asks first and says who misses out (issue 9).
    staff.get_by_role("link", name="Allocate places").click()
    assert_accessible(staff, "confirm allocating early")
    staff.get_by_role("button", name="Close applications and allocate places").click()
    expect(staff.get_by_text("Places are allocated: 4 visitors from 2 forces have a place")).to_be_visible()
    visit_page(staff, f"/visits/manage/visitors/{member.visit_places.get().pk}/adjust/", "adjust")

    # A visitor withdraws; the waiting colleague is offered the place and accepts it.
    visitor = browsing.page(member)
    visit_page(visitor, f"/visits/{visit.pk}/", "visit page as a visitor")
    visitor.get_by_role("link", name="Withdraw from this visit").click()
    assert_accessible(visitor, "withdraw")
    visitor.get_by_role("button", name="Withdraw from the visit").click()
    offer = PlaceOffer.objects.get()
    offered = browsing.page(lead)
    visit_page(offered, f"/visits/offers/{offer.pk}/", "offer")
    offered.get_by_role("button", name="Accept the place").click()
    expect(offered.get_by_text("You have accepted the place.")).to_be_visible()

    # Preparation, then the visit happens.
    visit_page(staff, f"/visits/manage/{visit.pk}/preparation/", "preparation")
    staff.get_by_label("Date and time").fill(local_input(now + datetime.timedelta(days=2)))
    staff.get_by_label("How to join").fill("Teams meeting 123")
    staff.get_by_role("button", name="Save the call").click()
    staff.get_by_role("button", name="Email the visitors").click()
    expect(staff.get_by_text("emailed to 4 visitors")).to_be_visible()
    visit_page(staff, f"/visits/manage/{visit.pk}/questions/", "questions")
    staff.goto(f"/visits/manage/{visit.pk}/")
    staff.get_by_role("link", name="Mark as visited").click()
    staff.locator("main").get_by_role("button", name="Mark as visited").click()

    # Visitors record learning points.
    for person, learning in (
        (colleague, "A nurse in the control room advises officers"),
        (essex_colleague, "Nurse in the control room advises officers live"),
    ):
        page = browsing.page(person)
        visit_page(page, f"/visits/{visit.pk}/learning/", "learning points")
        page.get_by_label("Which of the visit's questions does it answer?").select_option(
            "How is information shared?"
        )
        page.get_by_label("Your key learning point").fill(learning)
        page.get_by_label("How you will apply it at home").fill("Propose a pilot")
        page.get_by_role("button", name="Save the learning point").click()
        expect(page.get_by_text("Your learning point has been saved.")).to_be_visible()

    # Staff see them grouped, draft and send the host report; the host acknowledges it.
    visit_page(staff, f"/visits/manage/{visit.pk}/learning/", "grouped learning")
    expect(staff.get_by_text("2 similar points")).to_be_visible()
    visit_page(staff, f"/visits/manage/{visit.pk}/host-report/", "host report")
    staff.get_by_role("button", name="Draft the report").click()
    staff.get_by_role("button", name=re.compile("^Send to")).click()
    expect(staff.get_by_text("0 days after the visit")).to_be_visible()
    host = browsing.page()
    visit_page(host, f"/visits/report/{domain.host_token(visit)}/", "the host's report")
    host.get_by_label("Your name").fill("Pat Host")
    host.get_by_role("button", name="Confirm I received the report").click()
    expect(host.get_by_text("Pat Host confirmed receipt")).to_be_visible()

    # A visitor completes a check-in; staff see it.
    check_in = CheckIn.objects.get(visitor__user=colleague, week=1)
    page = browsing.page(colleague)
    visit_page(page, f"/visits/check-ins/{check_in.pk}/", "check-in")
    page.get_by_label("What have you applied so far?").fill("Briefed the control room")
    page.get_by_label("I would like help from the programme team").check()
    page.get_by_role("button", name="Save the check-in").click()
    expect(page.get_by_text("your week 1 check-in is saved")).to_be_visible()
    visit_page(staff, f"/visits/manage/{visit.pk}/follow-up/", "follow-up dashboard")
    expect(staff.get_by_text("Briefed the control room").or_(staff.get_by_text("Done").first)).to_be_visible()

    # The short report is published and shows on the public list.
    visit_page(staff, f"/visits/manage/{visit.pk}/short-report/", "short report")
    staff.get_by_label("Short report").fill("Themes: triage. Key learning: a nurse in the control room.")
    staff.get_by_role("button", name="Publish the short report").click()
    visit_page(public, "/visits/?when=previous", "previous visits")
    public.get_by_role("link", name=re.compile("Read the short report")).click()
    expect(public.get_by_text("a nurse in the control room.")).to_be_visible()

    # The rest of the staff pages.
    for path, where in (
        ("/visits/manage/programme/", "programme years"),
        (f"/visits/manage/programme/{programme.pk}/", "members"),
        ("/visits/manage/host-offers/", "host offers"),
        ("/visits/host/", "offer to host"),
        (f"/visits/manage/{visit.pk}/edit/", "edit"),
    ):
        visit_page(staff, path, where)
