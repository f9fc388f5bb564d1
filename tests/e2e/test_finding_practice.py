"""The public searches and filters the practice bank, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def results_heading(page):
    return page.locator("#results-heading")


def test_searching_and_ticking_a_label_narrows_the_list_in_place(browsing, bank):
    page = browsing.page()
    page.goto("/practice/")
    expect(results_heading(page)).to_contain_text("5 entries")
    # A marker on the window survives an htmx swap but not a full page load.
    page.evaluate("() => { window.exchangeSamePage = true; }")

    page.get_by_label("Search practice").fill("knife")
    page.get_by_label("Search practice").press("Enter")
    expect(results_heading(page)).to_contain_text("3 entries matching")
    expect(page).to_have_url(re.compile(r"[?&]q=knife"))
    expect(page.locator(".exchange-result")).to_have_count(3)

    page.get_by_role("checkbox", name=re.compile(r"^Worked")).check()
    expect(results_heading(page)).to_contain_text("1 entry matching")
    expect(page).to_have_url(re.compile(r"evidence_label=worked"))
    expect(page.locator(".exchange-result")).to_have_count(1)
    expect(page.locator(".exchange-result")).to_contain_text("Knife arches at nightclub doors")
    # Issue 9: focus stays on the ticked box (it moved to the heading before).
    expect(page.get_by_role("checkbox", name=re.compile(r"^Worked"))).to_be_focused()
    assert page.evaluate("() => window.exchangeSamePage === true"), "the page reloaded"


def test_the_filters_work_as_a_plain_form_without_javascript(browsing, bank):
    page = browsing.page(javascript=False)
    page.goto("/practice/")
    expect(results_heading(page)).to_contain_text("5 entries")
    page.get_by_label("Search practice").fill("knife")
    page.get_by_role("button", name="Search").click()
    expect(results_heading(page)).to_contain_text("3 entries matching")

    page.get_by_role("checkbox", name=re.compile(r"^Promising")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(results_heading(page)).to_contain_text("2 entries matching")
    expect(page).to_have_url(re.compile(r"q=knife.*evidence_label=promising|"
                                        r"evidence_label=promising.*q=knife"))
    expect(page.get_by_role("link", name="Knife arches at nightclub doors")).to_have_count(0)


def test_a_filtered_address_opens_the_same_results(browsing, bank):
    page = browsing.page()
    page.goto("/practice/?q=knife&evidence_label=promising")
    expect(results_heading(page)).to_contain_text("2 entries matching")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Promising"))).to_be_checked()
    expect(page.get_by_label("Search practice")).to_have_value("knife")
