"""At 375 px, a small phone's width, no page is wider than the screen: wide tables scroll in
their own region or become lists, long words wrap, and the header fits."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from exchange.people.data import load_organisations
from exchange.people.models import Organisation, User
from tests.e2e.conftest import PAGES, PEOPLE, too_wide

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
# The demo's people: everyone from a visitor to an administrator, so every programme's pages
# and the staff header with all its links are reached.
DEMO_PEOPLE = [None, "member.kent@example.org", "lead.kent@example.org", "staff@example.org",
               "admin@example.org"]
# Links that do not lead to a page: files, feeds, the admin and the API's documents.
# Downloads end in an extension (report.pdf) or a format segment (/short-report/pdf/).
# Events' slides and networks' files are served at /slides/ and /file/; feeds end in .atom.
NOT_A_PAGE = re.compile(r"^/(admin|api)/|\.(csv|ics|pdf|docx|xml|atom)$|/(csv|ics|pdf|docx)/$"
                        r"|/download/|/feed/|/(slides|file)/$|[?&]format=csv")
MOST_PAGES = 80


def phone_page(browsing, user=None):
    page = browsing.page(user)
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("who", PEOPLE)
def test_no_page_of_the_crawl_is_wider_than_a_phone(browsing, site, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    page = phone_page(browsing, user)
    problems = []
    for what, person, address, then in PAGES:
        if (person or "anonymous") != who:
            continue
        page.goto(address.format(**site))
        if then is not None:
            then(page)
        problems.append(too_wide(page, f"{what} ({address})"))
    problems = [problem for problem in problems if problem]
    assert not problems, f"{len(problems)} page(s) too wide as {who}:\n" + "\n".join(problems)


def shape(path):
    """One address per kind of page: /visits/manage/2/follow-up/ as /visits/manage/N/follow-up/."""
    return re.sub(r"/\d+/", "/N/", path)


def links_on(page):
    origin = urlsplit(page.url).netloc
    for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
        url = urlsplit(href)
        address = url.path + (f"?{url.query}" if url.query else "")
        if url.netloc == origin and not NOT_A_PAGE.search(address):
            yield address


def crawl(page):
    """Follow the links from the home page, one page of each kind; yield each page's problem."""
    queue, seen = ["/"], set()
    while queue and len(seen) < MOST_PAGES:
        address = queue.pop(0)
        if shape(urlsplit(address).path) in seen:
            continue
        seen.add(shape(urlsplit(address).path))
        response = page.goto(address)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        yield too_wide(page, address)
        queue.extend(links_on(page))


def test_no_page_of_the_demo_is_wider_than_a_phone(browsing):
    """The demo has every programme's pages with real-looking content: visits in follow-up,
    issues of Learning the Lessons, a queue of practice to review."""
    load_organisations(Organisation)
    call_command("seed_demo", "--practices", "12", stdout=io.StringIO())
    problems = []
    for email in DEMO_PEOPLE:
        page = phone_page(browsing, email and User.objects.get(email=email))
        problems += [f"as {email or 'anonymous'}: {problem}" for problem in crawl(page) if problem]
    assert not problems, f"{len(problems)} page(s) too wide:\n" + "\n".join(problems)


def test_the_check_itself_names_the_page_and_the_element(browsing):
    page = phone_page(browsing)
    page.goto("/about/")
    page.evaluate("""() => {
        const wide = document.createElement("div");
        wide.id = "too-wide";
        wide.style.width = "600px";
        wide.textContent = "A fixed-width box";
        document.querySelector("main").append(wide);
    }""")
    problem = too_wide(page, "about")
    assert problem.startswith("about: ")
    assert "div#too-wide reaches" in problem and "A fixed-width box" in problem


def test_on_a_phone_the_filters_wait_behind_a_button_and_the_results_come_first(browsing, site):
    page = phone_page(browsing)
    page.goto("/practice/")
    toggle = page.get_by_role("button", name="Filter results")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#practice-filters").is_visible()
    # The results' heading is on the first screen, not below every filter.
    assert page.locator("#results-heading").bounding_box()["y"] < PHONE["height"]
    toggle.click()
    page.get_by_label("Promising").check()
    # The filters are swapped in again with the results, and stay open with the choice counted.
    expect(page.get_by_role("button", name="Filter results (1 selected)")).to_have_attribute(
        "aria-expanded", "true")
    assert page.locator("#practice-filters").is_visible()


def test_without_javascript_the_filters_show_and_the_button_does_not(browsing, site):
    page = browsing.page(javascript=False)
    page.set_viewport_size(PHONE)
    page.goto("/practice/")
    assert page.locator("#practice-filters").is_visible()
    assert not page.locator("[data-exchange-filter-toggle]").is_visible()
