"""Finding practice by keyboard (issue 9): ticking a filter keeps focus on the checkbox and
says the new count in a live region; a typed search sends one request; an entry's back link
returns to the search it was found by; the home page's search comes first."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def list_requests(page):
    """The requests for the practice list the page sends from now on (htmx's and any other)."""
    sent = []
    page.on("request", lambda request: sent.append(request.url)
            if re.search(r"/practice/(\?|$)", request.url) else None)
    return sent


def test_ticking_two_filters_by_keyboard_keeps_focus_and_announces_the_count(browsing, bank):
    page = browsing.page()
    page.goto("/practice/")
    status = page.locator("#results-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")

    worked = page.get_by_role("checkbox", name=re.compile(r"^Worked"))
    worked.focus()
    page.keyboard.press("Space")
    expect(status).to_have_text("2 entries")
    expect(page).to_have_url(re.compile(r"evidence_label=worked"))
    # Focus is on the same box, now ticked, in the swapped-in filters: no tabbing back.
    expect(page.get_by_role("checkbox", name=re.compile(r"^Worked"))).to_be_focused()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Worked"))).to_be_checked()

    # The next box is one Tab away, and a second Space ticks it.
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Promising"))).to_be_focused()
    page.keyboard.press("Space")
    expect(status).to_have_text("4 entries")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Promising"))).to_be_focused()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Promising"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Worked"))).to_be_checked()
    expect(page.locator(".exchange-result")).to_have_count(4)
    assert_accessible(page, "practice list after ticking two filters")


def test_typing_a_search_sends_one_request_and_keeps_focus_in_the_box(browsing, bank):
    page = browsing.page()
    page.goto("/practice/")
    sent = list_requests(page)
    aborted = []
    page.on("console", lambda message: aborted.append(message.text)
            if "sendAbort" in message.text else None)
    page.evaluate("() => document.body.addEventListener('htmx:sendAbort', "
                  "() => console.log('htmx:sendAbort'))")

    box = page.get_by_label("Search practice")
    box.press_sequentially("knife", delay=60)
    expect(page.locator("#results-status")).to_have_text("3 entries matching \u2018knife\u2019")
    expect(box).to_be_focused()
    page.wait_for_timeout(700)  # longer than the pause the box waits for: nothing more comes
    assert len(sent) == 1, sent
    assert "q=knife" in sent[0]

    # Enter at once after typing sends the search now, once, instead of after the pause.
    box.press_sequentially(" arches", delay=60)
    box.press("Enter")
    expect(page.locator("#results-status")).to_have_text("1 entry matching \u2018knife arches\u2019")
    page.wait_for_timeout(700)
    assert len(sent) == 2, sent
    assert not aborted, aborted


def test_an_entrys_back_link_returns_to_the_search_and_filters(browsing, bank):
    page = browsing.page()
    page.goto("/practice/")
    page.get_by_label("Search practice").fill("knife")
    page.get_by_label("Search practice").press("Enter")
    page.get_by_role("checkbox", name=re.compile(r"^Promising")).check()
    expect(page.locator("#results-heading")).to_contain_text("2 entries matching")

    page.get_by_role("link", name="Knife amnesty bins outside stations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Knife amnesty bins outside stations")
    page.get_by_role("link", name="Back to search results").click()
    expect(page).to_have_url(re.compile(r"/practice/\?q=knife&evidence_label=promising$"))
    expect(page.locator("#results-heading")).to_contain_text("2 entries matching")
    expect(page.get_by_label("Search practice")).to_have_value("knife")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Promising"))).to_be_checked()


def test_the_home_page_search_comes_first_and_finds_practice(browsing, bank):
    page = browsing.page()
    page.goto("/")
    main = page.locator("main")
    # The first button on the page is the search, and signing up is a link after it.
    expect(main.locator(".govuk-button").first).to_have_text("Search")
    expect(main.get_by_role("link", name="Create an account")).to_have_count(1)
    assert_accessible(page, "home page")
    page.get_by_label("Search practice").fill("knife")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/practice/\?q=knife$"))
    expect(page.locator("#results-heading")).to_contain_text("3 entries matching")
