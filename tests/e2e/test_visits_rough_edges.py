"""Issue 9's rough edges in peer learning visits, walked in the browser at a phone's width:
allocating before applications close asks first, the staff page leads with the next step, a
visitor finds their visits, follows the joining link, changes a learning point and sees when
each check-in opens. Every page is checked with axe and for horizontal scrolling."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation
from exchange.visits import domain
from exchange.visits.models import CheckIn, ProgrammeYear, Visit
from tests.e2e.conftest import assert_accessible, too_wide
from tests.factories import staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def organiser(db):
    return staff_user("Organiser", email="organiser@example.org", full_name="Orla Organiser")


@pytest.fixture
def make_visit(organiser, force, other_force):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="This year", starts_on=today - datetime.timedelta(days=60),
                                        ends_on=today + datetime.timedelta(days=300))
    for organisation in (force, other_force):
        domain.add_member(actor=organiser, programme_year=year, organisation=organisation)
    host, _ = Organisation.objects.update_or_create(
        slug="avon-trust", defaults={"name": "Avon Health Trust", "type": OrganisationType.PUBLIC_SECTOR})

    def make(title, date):
        now = timezone.now()
        visit = domain.create_visit(actor=organiser, data={
            "theme": "Mental health", "title": title, "host_organisation": host,
            "host_contact_email": "pat@avon.example", "capacity": 4, "min_per_force": 2,
            "date": date, "applications_open": now - datetime.timedelta(days=1),
            "applications_close": now + datetime.timedelta(days=9),
            "key_questions": "How is information shared?"})
        return domain.change_state(visit=visit, action="open_applications", actor=organiser)

    return make


def on_a_phone(page, path, where):
    page.set_viewport_size(PHONE)
    page.goto(path)
    assert_accessible(page, where)
    assert too_wide(page, where) is None, too_wide(page, where)


def test_allocating_early_asks_and_the_staff_page_leads_with_the_next_step(
        browsing, organiser, make_visit, lead, member, colleague):
    visit = make_visit("Street triage", timezone.localdate() + datetime.timedelta(days=30))
    domain.apply(visit=visit, lead=lead, visitors=[
        {"email": p.email, "role": "Inspector"} for p in (member, colleague)])
    staff = browsing.page(organiser)
    on_a_phone(staff, f"/visits/manage/{visit.pk}/", "staff page, applications open")
    expect(staff.locator(".govuk-task-list")).to_contain_text("Take applications")

    staff.get_by_role("link", name="Allocate places").click()
    assert_accessible(staff, "confirm allocating early")
    assert too_wide(staff, "confirm allocating early") is None
    expect(staff.get_by_role("heading", name="Who will miss out")).to_be_visible()
    expect(staff.locator("main li", has_text="Essex Police")).to_be_visible()
    staff.get_by_role("link", name="Wait until applications close").click()
    assert Visit.objects.get(pk=visit.pk).status == "open_for_applications"

    staff.get_by_role("link", name="Allocate places").click()
    staff.get_by_role("button", name="Close applications and allocate places").click()
    expect(staff.get_by_text("Places are allocated: 2 visitors from 1 force")).to_be_visible()
    # The next step is the one main button; cancelling is a link to its own page.
    main_buttons = staff.locator("main .govuk-button:not(.govuk-button--secondary)")
    expect(main_buttons).to_have_count(1)
    expect(main_buttons).to_have_text("Start preparation")
    staff.get_by_role("link", name="Cancel the visit").click()
    assert_accessible(staff, "confirm cancelling")
    expect(staff.get_by_text("cannot be reopened")).to_be_visible()

    public = browsing.page()
    on_a_phone(public, f"/visits/{visit.pk}/", "public page after allocation")
    expect(public.get_by_text("Applications have closed and places have been allocated.")).to_be_visible()


def test_a_visitor_finds_their_visit_joins_the_call_and_changes_their_learning(
        browsing, organiser, make_visit, lead, member, colleague):
    visit = make_visit("Custody triage", timezone.localdate())
    domain.apply(visit=visit, lead=lead, visitors=[
        {"email": p.email, "role": "Inspector"} for p in (member, colleague)])
    domain.run_allocation(visit=visit, actor=organiser)
    domain.schedule_preparation_call(
        visit=visit, actor=organiser, duration_minutes=60,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        joining_details="Join on Teams: https://teams.example.org/meet/123")
    visitor = browsing.page(member)
    on_a_phone(visitor, f"/visits/{visit.pk}/", "visit page for a visitor")
    link = visitor.get_by_role("link", name="https://teams.example.org/meet/123")
    expect(link).to_have_attribute("rel", "noopener noreferrer")

    visit = domain.change_state(visit=visit, action="mark_visited", actor=organiser)
    on_a_phone(visitor, "/visits/mine/", "your visits")
    visitor.get_by_role("link", name="Record your learning points").click()
    visitor.get_by_label("Your key learning point").fill("Nurse in the control room")
    visitor.get_by_label("How you will apply it at home").fill("Propose a pilot")
    visitor.get_by_role("button", name="Save the learning point").click()
    visitor.get_by_role("link", name="Change learning point 1").click()
    assert_accessible(visitor, "change a learning point")
    visitor.get_by_label("Your key learning point").fill("A nurse advises officers live")
    visitor.get_by_role("button", name="Save the changes").click()
    expect(visitor.get_by_text("A nurse advises officers live")).to_be_visible()
    visitor.get_by_role("link", name="Delete learning point 1").click()
    assert_accessible(visitor, "delete a learning point")
    visitor.get_by_role("button", name="Delete the learning point").click()
    expect(visitor.get_by_text("Your learning point has been deleted.")).to_be_visible()

    # Week 1 opens today; week 6 says when it opens rather than taking answers.
    week_6 = CheckIn.objects.get(visitor__user=member, week=6)
    on_a_phone(visitor, f"/visits/check-ins/{week_6.pk}/", "a check-in not yet open")
    expect(visitor.get_by_text("This check-in opens on")).to_be_visible()
    expect(visitor.get_by_role("button", name="Save the check-in")).to_have_count(0)

    # Until its short report, the visited visit is on the list under its own heading.
    public = browsing.page()
    on_a_phone(public, "/visits/", "visits list with a visit in follow-up")
    expect(public.get_by_role("heading", name="Visits in follow-up")).to_be_visible()
    expect(public.get_by_role("link", name="Custody triage")).to_be_visible()
