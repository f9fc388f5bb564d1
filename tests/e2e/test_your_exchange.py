"""Signing in lands on Your Exchange: the person's own practice, visits and reflections."""

import pytest
from playwright.sync_api import expect

from exchange.practice.enums import PracticeStatus
from tests.e2e.conftest import assert_accessible, sign_in_with_the_form, too_wide
from tests.factories import PASSWORD, PracticeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_signing_in_lands_on_your_exchange_with_the_next_thing_to_do(browsing, member):
    PracticeFactory(submitted_by=member, status=PracticeStatus.CHANGES_REQUESTED,
                    title="Knife arches at the station", published_at=None)
    page = browsing.page()

    sign_in_with_the_form(page, member.email, PASSWORD)

    expect(page).to_have_url(f"{browsing.base_url}/account/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your Exchange")
    expect(page.get_by_role("link", name="Knife arches at the station")).to_be_visible()
    expect(page.get_by_text("make the changes the reviewer asked for")).to_be_visible()
    assert_accessible(page, "your exchange")
    page.get_by_role("link", name="Knife arches at the station").click()
    expect(page).to_have_url(f"{browsing.base_url}/practice/{member.practices.get().pk}/edit/")


def test_your_exchange_fits_a_phone(browsing, member, reviewer):
    for person in (member, reviewer):
        page = browsing.page(person)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto("/account/home/")
        assert too_wide(page, "your exchange") is None
        assert_accessible(page, "your exchange at 375 px")
