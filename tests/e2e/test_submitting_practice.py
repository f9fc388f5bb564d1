"""A member signs in and shares practice through the task list and "check your answers"."""

import re

import pytest
from playwright.sync_api import expect

from exchange.common.models import Topic
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import Practice
from tests.e2e.conftest import sign_in_with_the_form
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def save(page):
    page.get_by_role("button", name="Save and continue").click()


def test_a_member_submits_an_entry_through_the_task_list(browsing, member, reviewer):
    page = browsing.page()
    sign_in_with_the_form(page, member.email, PASSWORD)
    page.goto("/practice/submit/")
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About the practice")
    page.get_by_label("Title", exact=True).fill("Street triage with a mental health nurse")
    page.get_by_label("One-line summary").fill("A nurse rides with officers on Friday nights.")
    page.get_by_role("radio", name="Promising").check()
    page.get_by_role("button", name="Save and start").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Street triage with a mental health nurse")
    page.get_by_role("link", name="Focus and topics").click()
    save(page)
    page.get_by_role("link", name="Who it is for, scale and start date").click()
    save(page)

    page.get_by_role("link", name="Who ran it").click()
    expect(page.get_by_label("Organisation that ran it")).to_have_value(
        str(member.organisation.pk))
    page.get_by_label("Contact name").fill("Morgan Member")
    save(page)

    page.get_by_role("link", name="What was done").click()
    page.get_by_label("Description").fill("A mental health nurse joins a patrol car.")
    save(page)

    page.get_by_role("link", name="Results and evidence").click()
    page.get_by_label("Mechanism: why does it work?").fill("People in crisis get care at once.")
    page.get_by_label("Implementation: what did it take?").fill("One nurse, one car, a rota.")
    save(page)

    page.get_by_role("link", name="Recognition and who can read it").click()
    save(page)
    expect(page.get_by_text("You have completed every section")).to_be_visible()

    page.get_by_role("link", name="Check your answers and send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("A nurse rides with officers on Friday nights.")).to_be_visible()
    page.get_by_role("button", name="Send for review").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Sent for review")
    practice = Practice.objects.get(title="Street triage with a mental health nurse")
    assert practice.status == PracticeStatus.SUBMITTED
    assert practice.submitted_by == member
    assert practice.organisation == member.organisation
    assert practice.mechanism == "People in crisis get care at once."

    page.goto("/practice/mine/")
    expect(page.get_by_role("row", name=re.compile(r"^Street triage with a mental health nurse "
                                                   r"Submitted"))).to_be_visible()


def test_topics_are_found_by_typing_and_ticked_ones_stay(browsing, member):
    from tests.factories import PracticeFactory, TopicFactory
    knife, rural = TopicFactory(name="Knife crime"), TopicFactory(name="Rural crime")
    TopicFactory(name="Arson")
    PracticeFactory().topics.add(knife)
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT, published_at=None)
    page = browsing.page()
    sign_in_with_the_form(page, member.email, PASSWORD)
    page.goto(f"/practice/{draft.pk}/edit/focus/")
    page.get_by_role("checkbox", name="Arson").check()
    search = page.get_by_label("Find a topic")
    search.fill("rural")
    search.press("Enter")  # filters only; it does not send the form
    expect(page.get_by_role("checkbox", name="Rural crime")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Knife crime (1 entry)")).to_be_hidden()
    expect(page.get_by_role("checkbox", name="Arson")).to_be_visible()
    expect(page.get_by_text("2 of 3 topics shown")).to_be_visible()
    page.get_by_role("checkbox", name="Rural crime").check()
    save(page)
    assert set(draft.topics.all()) == {rural, Topic.objects.get(name="Arson")}
