"""The programme registry: each programme app declares itself; common finds it and names none."""

import pytest
import rules
from django.urls import reverse

from exchange.common.programmes import (
    Programme,
    counted_programmes,
    in_order,
    programme,
    programmes,
    staff_pages,
)
from tests.factories import PracticeFactory


def test_the_registry_finds_each_programme_in_its_declared_order():
    assert [programme.key for programme in programmes()] == [
        "practice", "visits", "support", "events", "networks", "lessons", "grants", "news"]
    assert [programme.key for programme in programmes() if programme.coming_soon] == []


def test_an_app_that_declares_a_coming_programmes_key_replaces_it():
    coming = Programme(key="support", label="Peer support", title="Peer support",
                       url_name="common:coming-support", summary="Soon.", order=30,
                       coming_soon="Not yet.")
    built = Programme(key="support", label="Peer support", title="Peer support",
                      url_name="support:home", summary="Here.", order=30)
    assert in_order([coming, built]) == in_order([built, coming]) == (built,)


def test_every_staff_page_opens_and_names_a_declared_permission():
    # The other programmes of issue 11 (events, networks, grants) add theirs as they are built;
    # these are the ones that must be there, in this order.
    ours = [("Review queue", "practice.review_practice"), ("Run visits", "visits.run_visits"),
            ("Run peer support", "support.run_support"), ("Edit the Lessons", "lessons.edit_lessons"),
            ("Write news", "news.write_news"), ("Memberships", "people.view_staff_pages")]
    declared = [(page.label, page.permission) for page in staff_pages()]
    assert [page for page in declared if page in ours] == ours
    for page in staff_pages():
        assert reverse(page.url_name)
        assert rules.perm_exists(page.permission), page.permission


@pytest.mark.django_db
def test_the_home_page_shows_every_programme_and_the_practice_teaser(client):
    PracticeFactory(title="Knife crime in schools")
    page = client.get(reverse("common:home")).content.decode()
    for candidate in counted_programmes():
        assert f'href="{reverse(candidate.url_name)}">{candidate.title}</a>' in page
        assert candidate.summary in page
    assert "Latest practice" in page and "Knife crime in schools" in page
    # News has its teaser, not a card among the programmes.
    assert f'<a class="govuk-link" href="{reverse("news:list")}">News</a>' not in page


@pytest.mark.django_db
def test_the_about_page_counts_and_lists_the_programmes(client):
    page = client.get(reverse("common:about")).content.decode()
    # Seven: practice, visits, support, events, networks, lessons, grants; news is no programme.
    assert len(counted_programmes()) == 7
    assert "brings together seven programmes" in page
    assert all(candidate.summary in page for candidate in counted_programmes())
    assert programme("news").summary not in page


def test_every_app_with_a_programme_module_is_installed_without_being_listed(settings):
    # settings.py finds them (exchange/*/programme.py); the foundation's own are listed by name.
    assert settings.PROGRAMME_APPS == [
        "exchange.events", "exchange.grants", "exchange.lessons", "exchange.networks",
        "exchange.news", "exchange.practice", "exchange.support", "exchange.visits"]
    assert set(settings.PROGRAMME_APPS) <= set(settings.INSTALLED_APPS)
    assert "exchange.people" not in settings.PROGRAMME_APPS
