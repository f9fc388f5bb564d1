"""The home page and the header in a browser, at a phone's width (375 px) and a desktop's
(1280 px): with news, events, networks and grants the navigation has eight entries, and the
header must neither overflow nor hide them; the page passes axe. Also the news list and the
learning record, signed in with their own CPD hours."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from exchange.common.programmes import programmes, staff_pages
from tests.e2e.conftest import assert_accessible, too_wide
from tests.factories import staff_user
from tests.lessons.factories import IssueFactory
from tests.news.factories import NewsPostFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Where the screenshots go when asked for (LX_SCREENSHOTS=/some/folder), to look at by eye.
SHOTS = os.environ.get("LX_SCREENSHOTS")


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


@pytest.fixture
def content(db):
    for n in range(4):
        NewsPostFactory(title=f"Small grants scheme opens {n}",
                        published_at=timezone.now() - datetime.timedelta(days=n))
    IssueFactory(title="Missing people")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_header_and_home_page_fit_and_pass_axe(browsing, content, width):
    organiser = staff_user("Organiser", "Reviewer", "Editor", email="staff@example.org")
    for who, user in (("anonymous", None), ("staff", organiser)):
        page = browsing.page(user)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        shoot(page, f"home-{who}-{width}")
        assert too_wide(page, f"home as {who} at {width} px") is None
        labels = [programme.label for programme in programmes()]
        nav = page.locator("#navigation")
        if width < 641 and page.locator(".govuk-service-navigation__toggle").is_visible():
            page.locator(".govuk-service-navigation__toggle").click()
            shoot(page, f"home-{who}-{width}-menu")
        for label in labels:
            assert nav.get_by_role("link", name=label, exact=True).is_visible(), label
        if user is not None:
            for staff_page in staff_pages():
                assert page.get_by_role("link", name=staff_page.label).count() >= 1
        assert too_wide(page, f"home with the menu open as {who} at {width} px") is None
        assert_accessible(page, f"home as {who} at {width} px")


def test_the_news_list_and_a_post_pass_axe_at_a_phones_width(browsing, content):
    page = browsing.page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/news/")
    assert too_wide(page, "news list") is None
    assert_accessible(page, "news list")
    page.get_by_role("link", name="Small grants scheme opens 0").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Small grants scheme opens 0"
    assert_accessible(page, "a news post")


def test_an_organiser_writes_and_publishes_a_post_and_it_reaches_the_home_page(browsing, content):
    organiser = staff_user("Organiser", email="orla@example.org")
    page = browsing.page(organiser)
    page.goto("/")
    page.get_by_role("link", name="Write news").first.click()
    page.get_by_role("link", name="Write a post").click()
    assert_accessible(page, "write a post")
    page.get_by_label("Title").fill("Autumn events announced")
    page.get_by_label("Summary").fill("Six knowledge sharing events this autumn.")
    page.get_by_label("Post").fill("## Dates\n\n* 1 October")
    page.get_by_role("button", name="Save and preview").click()
    assert "Only organisers can see it." in page.content()
    assert_accessible(page, "preview")
    page.get_by_role("link", name="Publish", exact=True).click()
    assert_accessible(page, "confirm publishing")
    page.get_by_role("button", name="Publish").click()
    assert "is published" in page.content()
    page.goto("/")
    assert page.get_by_role("link", name="Autumn events announced").is_visible()


def test_the_learning_record_fits_a_phone_and_passes_axe(browsing, member):
    from exchange.lessons.models import Reflection
    from tests.lessons.factories import CaseFactory
    case = CaseFactory(title="A missed risk")
    Reflection.objects.create(user=member, question=case.questions.first(), answer="Check again.")
    page = browsing.page(member)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/account/home/")
    page.get_by_role("link", name="Your learning record", exact=True).click()
    assert page.get_by_role("link", name="Reflected on “A missed risk” (1 question answered)") \
        .is_visible()
    assert too_wide(page, "learning record") is None
    assert_accessible(page, "learning record")
